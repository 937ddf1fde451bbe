import { registerEnumType } from 'type-graphql';
import { Locale } from '../common/locale';
import { StatusGraph } from '../common/step-machine';
import type { Order } from './order.entity';
import type { OrderLine } from './order-line.entity';

/**
 * State lives on the order line: a seller may accept, ship or refund some lines and not others.
 * The order's state is derived from its lines (`deriveOrderState`) and stored for lists to filter
 * on. LINE_STATUS is the one table every line move is checked against (order.machine.ts).
 */
export enum OrderLineState {
  WAITING_ACCEPTANCE = 'WAITING_ACCEPTANCE',
  WAITING_DEBIT_PAYMENT = 'WAITING_DEBIT_PAYMENT',
  SHIPPING = 'SHIPPING',
  SHIPPED = 'SHIPPED',
  TO_COLLECT = 'TO_COLLECT',
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
  REFUSED = 'REFUSED',
  CANCELED = 'CANCELED',
  INCIDENT_OPEN = 'INCIDENT_OPEN',
  REFUNDED = 'REFUNDED',
}
registerEnumType(OrderLineState, { name: 'OrderLineState' });

export enum OrderState {
  WAITING_ACCEPTANCE = 'WAITING_ACCEPTANCE',
  WAITING_DEBIT_PAYMENT = 'WAITING_DEBIT_PAYMENT',
  SHIPPING = 'SHIPPING',
  SHIPPED = 'SHIPPED',
  TO_COLLECT = 'TO_COLLECT',
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
  REFUSED = 'REFUSED',
  CANCELED = 'CANCELED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(OrderState, {
  name: 'OrderState',
  valuesConfig: { REFUNDED: { description: "Every line that was not refused or canceled is refunded ('Zwrócono')." } },
});

const S = OrderLineState;

/** Which line state may follow which. Terminal states have no exits. */
export const LINE_TRANSITIONS: Record<OrderLineState, readonly OrderLineState[]> = {
  [S.WAITING_ACCEPTANCE]: [S.WAITING_DEBIT_PAYMENT, S.SHIPPING, S.REFUSED],
  [S.WAITING_DEBIT_PAYMENT]: [S.SHIPPING, S.CANCELED],
  [S.SHIPPING]: [S.SHIPPED, S.TO_COLLECT, S.CANCELED, S.INCIDENT_OPEN, S.REFUNDED],
  [S.SHIPPED]: [S.RECEIVED, S.INCIDENT_OPEN, S.REFUNDED],
  [S.TO_COLLECT]: [S.RECEIVED, S.INCIDENT_OPEN, S.REFUNDED],
  [S.RECEIVED]: [S.CLOSED, S.INCIDENT_OPEN, S.REFUNDED],
  [S.INCIDENT_OPEN]: [S.SHIPPING, S.SHIPPED, S.TO_COLLECT, S.RECEIVED, S.REFUNDED],
  [S.CLOSED]: [S.REFUNDED],
  [S.REFUSED]: [],
  [S.CANCELED]: [],
  [S.REFUNDED]: [],
};

export const LINE_STATUS: StatusGraph<OrderLineState> = { name: 'Order line', moves: LINE_TRANSITIONS, initial: [S.WAITING_ACCEPTANCE] };

export function canTransition(from: OrderLineState, to: OrderLineState): boolean {
  return LINE_TRANSITIONS[from].includes(to);
}

/** An order's lines in one of `states`. */
export function linesIn(order: Order, states: readonly OrderLineState[]): OrderLine[] {
  return order.lines.getItems().filter((line) => states.includes(line.state));
}

/** Moves lines to `to`; the line table is the last word, so a bad move is a bug, not an outcome. */
export function moveLines(lines: readonly OrderLine[], to: OrderLineState): void {
  for (const line of lines) {
    if (!canTransition(line.state, to)) throw new Error(`Transition ${line.state} -> ${to} is not in the line transition table`);
    line.state = to;
  }
}

/** How far an active line has come; the order shows its least advanced active line. */
const PROGRESS: OrderState[] = [
  OrderState.WAITING_ACCEPTANCE,
  OrderState.WAITING_DEBIT_PAYMENT,
  OrderState.SHIPPING,
  OrderState.SHIPPED,
  OrderState.TO_COLLECT,
  OrderState.RECEIVED,
  OrderState.CLOSED,
];

export interface LineStateView {
  state: OrderLineState;
  stateBeforeIncident?: OrderLineState | null;
}

/** Lines that were never sold (refused) or taken back before shipping (canceled) count for nothing. */
export function isActiveLine(line: LineStateView): boolean {
  return line.state !== S.REFUSED && line.state !== S.CANCELED;
}

/**
 * The order's state: REFUSED if every line is refused; CANCELED if every line is refused or
 * canceled and one is canceled; REFUNDED ("Zwrócono") if every other line is refunded; otherwise
 * the least advanced line that is none of these, an INCIDENT_OPEN line counting as the state it
 * had before the incident. A REFUNDED order never closes: nothing is left to wait for.
 */
export function deriveOrderState(lines: readonly LineStateView[]): OrderState {
  if (lines.every((line) => line.state === S.REFUSED)) return OrderState.REFUSED;
  const active = lines.filter(isActiveLine);
  if (active.length === 0) return OrderState.CANCELED;
  const open = active.filter((line) => line.state !== S.REFUNDED);
  if (open.length === 0) return OrderState.REFUNDED;
  const ranks = open.map((line) => PROGRESS.indexOf(asOrderState(line)));
  return PROGRESS[Math.min(...ranks)];
}

function asOrderState(line: LineStateView): OrderState {
  if (line.state === S.INCIDENT_OPEN) return asOrderState({ state: line.stateBeforeIncident ?? S.RECEIVED });
  return line.state as unknown as OrderState;
}

/**
 * The labels EmpikPlace's seller help publishes, in Polish and (where it writes them) English.
 * "Do odbioru" / "Ready for pickup" and "Incydent otwarty" / "Incident open" are the project's own:
 * EmpikPlace publishes no label for these states (README, "Order states and labels").
 */
const LABELS: Record<OrderLineState, { [L in Locale]: string }> = {
  [S.WAITING_ACCEPTANCE]: { PL: 'Przyjęcie w toku', EN: 'Pending acceptance' },
  [S.WAITING_DEBIT_PAYMENT]: { PL: 'Obciążenie w trakcie realizacji', EN: 'Debit in Progress' },
  [S.SHIPPING]: { PL: 'Oczekuje na wysyłkę', EN: 'Shipping in Progress' },
  [S.SHIPPED]: { PL: 'Wysłano', EN: 'Shipped' },
  [S.TO_COLLECT]: { PL: 'Do odbioru', EN: 'Ready for pickup' },
  [S.RECEIVED]: { PL: 'Otrzymano', EN: 'Received' },
  [S.CLOSED]: { PL: 'Zamknięto', EN: 'Closed' },
  [S.REFUSED]: { PL: 'Odrzucono', EN: 'Rejected' },
  [S.CANCELED]: { PL: 'Anulowano', EN: 'Canceled' },
  [S.INCIDENT_OPEN]: { PL: 'Incydent otwarty', EN: 'Incident open' },
  [S.REFUNDED]: { PL: 'Zwrócono', EN: 'Refunded' },
};

export function stateLabel(state: OrderLineState | OrderState, locale: Locale): string {
  return LABELS[state as OrderLineState][locale];
}

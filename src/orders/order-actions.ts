import { registerEnumType } from 'type-graphql';
import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { DeadlinePassedError, ErrorResult, InvalidStateError, TrackingRequiredError } from '../common/errors';
import { Order } from './order.entity';
import { OrderLineState } from './order-state';
import { OrderLine } from './order-line.entity';

export enum OrderAction {
  ACCEPT = 'ACCEPT',
  REFUSE = 'REFUSE',
  SET_TRACKING = 'SET_TRACKING',
  CONFIRM_SHIPMENT = 'CONFIRM_SHIPMENT',
  MARK_READY_FOR_PICKUP = 'MARK_READY_FOR_PICKUP',
  CANCEL = 'CANCEL',
  CONFIRM_DELIVERY = 'CONFIRM_DELIVERY',
  REFUND = 'REFUND',
  OPEN_INCIDENT = 'OPEN_INCIDENT',
  REQUEST_RETURN = 'REQUEST_RETURN',
  RATE = 'RATE',
  SEND_MESSAGE = 'SEND_MESSAGE',
}
registerEnumType(OrderAction, { name: 'OrderAction' });

/** Steps that change an order: the viewer-facing actions plus those of integrations and timers. */
export type OrderStep =
  | `${OrderAction}`
  | 'RECORD_PAYMENT'
  | 'RECORD_CARRIER_DELIVERY'
  | 'ACCEPTANCE_TIMEOUT'
  | 'PAYMENT_TIMEOUT'
  | 'DELIVERY_FALLBACK'
  | 'CLOSE';

/** A guard returns why a step may not run now, or nothing. */
type Guard = (order: Order, now: Date) => ErrorResult | undefined;

interface StepRule {
  /** Who may take the step; empty for steps only the system takes. */
  roles: readonly Role[];
  /** The line states the step works on; it is possible while at least one line is in one of them. */
  from: readonly OrderLineState[];
  guards?: readonly Guard[];
}

const S = OrderLineState;
const SELLER_SIDE = [Role.SELLER, Role.OPERATOR] as const;
const CUSTOMER_SIDE = [Role.CUSTOMER, Role.OPERATOR] as const;

const acceptanceDeadlineNotPassed: Guard = (order, now) =>
  order.acceptanceDeadline && order.acceptanceDeadline <= now
    ? new DeadlinePassedError(order.acceptanceDeadline, 'The acceptance deadline has passed; the order is being refused')
    : undefined;

const trackingSet: Guard = (order) => (order.tracking ? undefined : new TrackingRequiredError());

const nothingPending: Guard = (order) =>
  order.lines.getItems().some((line) => line.state === S.INCIDENT_OPEN)
    ? new InvalidStateError(order.state, 'An incident is open on this order')
    : undefined;

const somethingRefundable: Guard = (order) =>
  order.lines.getItems().some((line) => refundableMinor(order, line) > 0)
    ? undefined
    : new InvalidStateError(order.state, 'Nothing on this order can be refunded');

/** Lines whose money the customer has paid can be refunded, in any state but these. */
const NOT_REFUNDABLE = new Set([S.WAITING_ACCEPTANCE, S.WAITING_DEBIT_PAYMENT, S.REFUSED, S.REFUNDED]);

export function refundableMinor(order: Order, line: OrderLine): number {
  if (!order.paidAt || NOT_REFUNDABLE.has(line.state)) return 0;
  return line.refundableMinor;
}

export const ORDER_STEPS: Record<OrderStep, StepRule> = {
  ACCEPT: { roles: SELLER_SIDE, from: [S.WAITING_ACCEPTANCE], guards: [acceptanceDeadlineNotPassed] },
  REFUSE: { roles: SELLER_SIDE, from: [S.WAITING_ACCEPTANCE] },
  SET_TRACKING: { roles: SELLER_SIDE, from: [S.SHIPPING] },
  CONFIRM_SHIPMENT: { roles: SELLER_SIDE, from: [S.SHIPPING], guards: [trackingSet] },
  MARK_READY_FOR_PICKUP: { roles: SELLER_SIDE, from: [S.SHIPPING] },
  CANCEL: { roles: SELLER_SIDE, from: [S.WAITING_DEBIT_PAYMENT, S.SHIPPING] },
  CONFIRM_DELIVERY: { roles: CUSTOMER_SIDE, from: [S.SHIPPED, S.TO_COLLECT] },
  REFUND: {
    roles: SELLER_SIDE,
    from: [S.SHIPPING, S.SHIPPED, S.TO_COLLECT, S.RECEIVED, S.INCIDENT_OPEN, S.CLOSED, S.CANCELED],
    guards: [somethingRefundable],
  },
  // Offered by their own modules through orderHooks.availableActions (incidents, returns, ratings).
  OPEN_INCIDENT: { roles: [], from: [] },
  REQUEST_RETURN: { roles: [], from: [] },
  RATE: { roles: [], from: [] },
  // Whoever sees an order may write about it, in any state (src/messages).
  SEND_MESSAGE: { roles: [Role.SELLER, Role.CUSTOMER, Role.OPERATOR], from: Object.values(OrderLineState) },
  RECORD_PAYMENT: { roles: [Role.OPERATOR], from: [S.WAITING_DEBIT_PAYMENT] },
  RECORD_CARRIER_DELIVERY: { roles: [Role.OPERATOR], from: [S.SHIPPED, S.TO_COLLECT] },
  ACCEPTANCE_TIMEOUT: { roles: [], from: [S.WAITING_ACCEPTANCE] },
  PAYMENT_TIMEOUT: { roles: [], from: [S.WAITING_DEBIT_PAYMENT] },
  DELIVERY_FALLBACK: { roles: [], from: [S.SHIPPED] },
  CLOSE: { roles: [], from: [S.RECEIVED], guards: [nothingPending] },
};

/** The lines a step works on. */
export function linesFor(step: OrderStep, order: Order): OrderLine[] {
  const from = ORDER_STEPS[step].from;
  return order.lines.getItems().filter((line) => from.includes(line.state));
}

/** Why `step` may not run on `order` now (wrong state first, then the guards), or nothing. */
export function checkStep(step: OrderStep, order: Order, now: Date): ErrorResult | undefined {
  if (linesFor(step, order).length === 0) {
    return new InvalidStateError(order.state, `This action is not possible while the order is ${order.state}`);
  }
  for (const guard of ORDER_STEPS[step].guards ?? []) {
    const reason = guard(order, now);
    if (reason) return reason;
  }
  return undefined;
}

export function mayTake(step: OrderStep, viewer: Viewer): boolean {
  return ORDER_STEPS[step].roles.includes(viewer.role);
}

/** What the viewer may do now: the same rules the mutations check, so the API never offers what it refuses. */
export function availableActions(order: Order, viewer: Viewer, now: Date): OrderAction[] {
  return Object.values(OrderAction).filter((action) => mayTake(action, viewer) && !checkStep(action, order, now));
}

import { registerEnumType } from 'type-graphql';
import { CUSTOMER_SIDE, EVERY_ROLE, OPERATOR_ONLY, SELLER_SIDE } from '../auth/role';
import { SYSTEM_ACTOR } from '../auth/viewer';
import { DeadlinePassedError, ErrorResult, InvalidStateError, TrackingRequiredError, ValidationError } from '../common/errors';
import { EventDraft } from '../common/events/event-log';
import { EventType } from '../common/events/event-type';
import { checkText } from '../common/validation';
import { defineMachine, Effect, Guard, Step, StepTx } from '../common/step-machine';
import { decideLines, pickCancelLines } from './order-decisions';
import { onAccepted, onClosed, onNothingLeftToShip, onPaid, onReceived, onShipped, syncTimers } from './order-deadlines';
import { anythingRefundable, applyRefunds, planRefunds, refundEventData } from './order-refunds';
import { AcceptOrderInput, CancelOrderInput, PaymentOutcome, RecordCarrierDeliveryInput, RecordPaymentInput, RefundOrderInput, RefuseOrderInput, SetTrackingInput } from './order.schema';
import { Order, PaymentWorkflow } from './order.entity';
import { CancellationReason, OrderLine } from './order-line.entity';
import { orderHooks } from './order-hooks';
import { checkCarrierDelivery, deliveredWithinShipment } from './order-carrier-delivery';
import { canTransition, deriveOrderState, isActiveLine, LINE_STATUS, linesIn, moveLines, OrderLineState } from './order.status';
import { applyTracking, checkTracking } from './tracking';
import { lockOrder } from './order-lock';

/** What a viewer may be offered on an order (`Order.availableActions`), in the order clients list them. */
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

const S = OrderLineState;
const ALL_LINE_STATES = Object.values(OrderLineState);

export function acceptedLineState(order: Order): OrderLineState {
  return order.paymentWorkflow === PaymentWorkflow.PAY_ON_ACCEPTANCE ? S.WAITING_DEBIT_PAYMENT : S.SHIPPING;
}

// ---------------------------------------------------------------- guards

const acceptanceDeadlineNotPassed: Guard<Order> = (order, { now }) =>
  order.acceptanceDeadline && order.acceptanceDeadline <= now
    ? new DeadlinePassedError(order.acceptanceDeadline, 'The acceptance deadline has passed; the order is being refused')
    : undefined;

const trackingSet: Guard<Order> = (order) => (order.tracking ? undefined : new TrackingRequiredError());

const somethingRefundable: Guard<Order> = (order) => (anythingRefundable(order) ? undefined : new InvalidStateError(order.state, 'Nothing on this order can be refunded'));

/**
 * REFUND pays back lines (a canceled-after-payment one too) and the shipping, whatever the order's
 * state once it is paid: a fully refunded order may still owe the shipping.
 */
const REFUNDABLE_FROM = [S.SHIPPING, S.SHIPPED, S.TO_COLLECT, S.RECEIVED, S.INCIDENT_OPEN, S.CLOSED, S.CANCELED, S.REFUNDED];

/**
 * Lines still to ship: SHIPPING ones, and those an incident about the late shipment holds (they
 * stay INCIDENT_OPEN; shipping moves the state they remember).
 */
function linesToShip(order: Order): { free: OrderLine[]; held: OrderLine[] } {
  const held = linesIn(order, [S.INCIDENT_OPEN]).filter((line) => line.stateBeforeIncident === S.SHIPPING);
  return { free: linesIn(order, [S.SHIPPING]), held };
}

/** Same words as the runner's from-state refusal: an order with nothing to ship is in the wrong state for it. */
const somethingToShip: Guard<Order> = (order) => {
  const { free, held } = linesToShip(order);
  return free.length + held.length > 0 ? undefined : new InvalidStateError(order.state, `This action is not possible while the order is ${order.state}`);
};

/** Hands every line still to ship to the carrier (SHIPPED) or the pickup point (TO_COLLECT); held lines remember it. */
async function ship(order: Order, to: OrderLineState, tx: StepTx): Promise<void> {
  const { free, held } = linesToShip(order);
  moveLines(free, to);
  for (const line of held) {
    if (!canTransition(S.SHIPPING, to)) throw new Error(`Transition SHIPPING -> ${to} is not in the line transition table`);
    line.stateBeforeIncident = to;
  }
  onShipped(order, tx.now);
  for (const hook of orderHooks.linesShipped) await hook(tx, order, [...free, ...held]);
}

/**
 * Every step on an order. Each literal tells the whole step: who, from which line states, the
 * guards, the input checks, what it does and the event it records. Steps of modules built on
 * orders (opening an incident, requesting a return, rating) are added by their install.
 */
export const ORDER_STEPS = {
  ACCEPT: {
    roles: SELLER_SIDE,
    action: OrderAction.ACCEPT,
    from: [S.WAITING_ACCEPTANCE],
    to: [S.WAITING_DEBIT_PAYMENT, S.SHIPPING, S.REFUSED],
    guards: [acceptanceDeadlineNotPassed],
    apply(order, input: AcceptOrderInput, tx) {
      const decision = decideLines(linesIn(order, [S.WAITING_ACCEPTANCE]), input);
      if (decision instanceof ValidationError) return decision;
      const { accepted, refused } = decision;
      if (accepted.length > 0 && refused.length > 0 && !order.shop.partialAcceptance) {
        return new ValidationError(['input', 'lines'], 'This shop accepts or refuses orders as a whole');
      }
      moveLines(refused, S.REFUSED);
      // The shop's automatic acceptance at placement is the system's, not the customer's, and decides no line.
      const actor = tx.env.viewer ? undefined : SYSTEM_ACTOR;
      const data = actor ? undefined : { refusedLineIds: refused.map((line) => line.id) };
      if (accepted.length === 0) return { event: EventType.ORDER_REFUSED, data, actor };
      moveLines(accepted, acceptedLineState(order));
      onAccepted(order, tx.now);
      return { event: EventType.ORDER_ACCEPTED, data, actor };
    },
  },
  REFUSE: {
    roles: SELLER_SIDE,
    action: OrderAction.REFUSE,
    from: [S.WAITING_ACCEPTANCE],
    to: [S.REFUSED],
    check: (input: RefuseOrderInput) => checkText(['input', 'reason'], input.reason, 1000, true),
    apply(order, input: RefuseOrderInput) {
      moveLines(linesIn(order, [S.WAITING_ACCEPTANCE]), S.REFUSED);
      return { event: EventType.ORDER_REFUSED, data: { reason: input.reason?.trim() || null } };
    },
  },
  SET_TRACKING: {
    roles: SELLER_SIDE,
    action: OrderAction.SET_TRACKING,
    from: [S.SHIPPING, S.INCIDENT_OPEN],
    to: [],
    guards: [somethingToShip],
    check: (input: SetTrackingInput) => checkTracking(input),
    apply: (order, input: SetTrackingInput, tx) => ({ event: EventType.ORDER_TRACKING_SET, data: applyTracking(order, input, tx.now) }),
  },
  CONFIRM_SHIPMENT: {
    roles: SELLER_SIDE,
    action: OrderAction.CONFIRM_SHIPMENT,
    from: [S.SHIPPING, S.INCIDENT_OPEN],
    to: [S.SHIPPED],
    guards: [somethingToShip, trackingSet],
    async apply(order, _input, tx) {
      await ship(order, S.SHIPPED, tx);
      return { event: EventType.ORDER_SHIPPED };
    },
  },
  MARK_READY_FOR_PICKUP: {
    roles: SELLER_SIDE,
    action: OrderAction.MARK_READY_FOR_PICKUP,
    from: [S.SHIPPING, S.INCIDENT_OPEN],
    to: [S.TO_COLLECT],
    guards: [somethingToShip],
    async apply(order, _input, tx) {
      await ship(order, S.TO_COLLECT, tx);
      return { event: EventType.ORDER_READY_FOR_PICKUP };
    },
  },
  CANCEL: {
    roles: SELLER_SIDE,
    action: OrderAction.CANCEL,
    from: [S.WAITING_DEBIT_PAYMENT, S.SHIPPING],
    to: [S.CANCELED],
    check: (input: CancelOrderInput) => checkText(['input', 'reason'], input.reason, 1000),
    apply(order, input: CancelOrderInput) {
      const lines = pickCancelLines(order, linesIn(order, [S.WAITING_DEBIT_PAYMENT, S.SHIPPING]), input.lineIds);
      if (!Array.isArray(lines)) return lines;
      moveLines(lines, S.CANCELED);
      const reasonCode = input.reasonCode ?? CancellationReason.OTHER;
      for (const line of lines) line.cancellationReason = reasonCode;
      if (linesIn(order, [S.WAITING_DEBIT_PAYMENT, S.SHIPPING]).length === 0) onNothingLeftToShip(order);
      return { event: EventType.ORDER_CANCELED, data: { reason: input.reason.trim(), reasonCode, lineIds: lines.map((line) => line.id) } };
    },
  },
  CONFIRM_DELIVERY: {
    roles: CUSTOMER_SIDE,
    action: OrderAction.CONFIRM_DELIVERY,
    from: [S.SHIPPED, S.TO_COLLECT],
    to: [S.RECEIVED],
    apply(order, _input, tx) {
      moveLines(linesIn(order, [S.SHIPPED, S.TO_COLLECT]), S.RECEIVED);
      onReceived(order, tx.now);
      return { event: EventType.ORDER_DELIVERED, data: { reportedBy: 'CUSTOMER' } };
    },
  },
  REFUND: {
    roles: SELLER_SIDE,
    action: OrderAction.REFUND,
    from: REFUNDABLE_FROM,
    to: [S.REFUNDED],
    guards: [somethingRefundable],
    async apply(order, input: RefundOrderInput, tx) {
      const plan = planRefunds(order, input);
      if (plan instanceof ErrorResult) return plan;
      await applyRefunds(tx, order, plan, input.reason);
      return { event: EventType.ORDER_REFUNDED, data: refundEventData(input.reason, plan) };
    },
  },
  // Whoever sees an order may write about it, in any state; the message itself is src/messages' (no state changes).
  SEND_MESSAGE: { roles: EVERY_ROLE, action: OrderAction.SEND_MESSAGE, from: ALL_LINE_STATES, to: [] },
  // The payment provider's report (the operator stands in for it).
  RECORD_PAYMENT: {
    roles: OPERATOR_ONLY,
    from: [S.WAITING_DEBIT_PAYMENT],
    to: [S.SHIPPING, S.CANCELED],
    apply(order, input: RecordPaymentInput, tx) {
      const waiting = linesIn(order, [S.WAITING_DEBIT_PAYMENT]);
      if (input.outcome === PaymentOutcome.PAID) {
        moveLines(waiting, S.SHIPPING);
        onPaid(order, tx.now);
        return { event: EventType.ORDER_PAYMENT_RECEIVED };
      }
      moveLines(waiting, S.CANCELED);
      onNothingLeftToShip(order);
      return { event: EventType.ORDER_CANCELED, data: { reason: 'PAYMENT_FAILED' } };
    },
  },
  // An integrated carrier's report, found by its tracking number (order-carrier-delivery.ts).
  RECORD_CARRIER_DELIVERY: {
    roles: OPERATOR_ONLY,
    from: [S.SHIPPED, S.TO_COLLECT],
    to: [S.RECEIVED],
    check: (input: RecordCarrierDeliveryInput) => checkCarrierDelivery(input),
    guards: [deliveredWithinShipment],
    apply(order, input: RecordCarrierDeliveryInput, tx) {
      moveLines(linesIn(order, [S.SHIPPED, S.TO_COLLECT]), S.RECEIVED);
      onReceived(order, input.deliveredAt ?? tx.now);
      return { event: EventType.ORDER_DELIVERED, data: { reportedBy: 'CARRIER', carrierCode: input.carrierCode } };
    },
  },
  // Timed steps: the sweeper runs them as SYSTEM once their column's time has come.
  ACCEPTANCE_TIMEOUT: {
    roles: [],
    from: [S.WAITING_ACCEPTANCE],
    to: [S.REFUSED],
    due: { column: 'acceptanceDeadline' },
    apply(order) {
      moveLines(linesIn(order, [S.WAITING_ACCEPTANCE]), S.REFUSED);
      return { event: EventType.ORDER_REFUSED, data: { reason: 'ACCEPTANCE_TIMEOUT' } };
    },
  },
  PAYMENT_TIMEOUT: {
    roles: [],
    from: [S.WAITING_DEBIT_PAYMENT],
    to: [S.CANCELED],
    due: { column: 'paymentDeadline' },
    apply(order) {
      moveLines(linesIn(order, [S.WAITING_DEBIT_PAYMENT]), S.CANCELED);
      if (linesIn(order, [S.WAITING_DEBIT_PAYMENT, S.SHIPPING]).length === 0) onNothingLeftToShip(order);
      return { event: EventType.ORDER_CANCELED, data: { reason: 'PAYMENT_TIMEOUT' } };
    },
  },
  DELIVERY_FALLBACK: {
    roles: [],
    from: [S.SHIPPED],
    to: [S.RECEIVED],
    due: { column: 'deliveryFallbackAt' },
    apply(order, _input, tx) {
      moveLines(linesIn(order, [S.SHIPPED]), S.RECEIVED);
      onReceived(order, tx.now);
      return { event: EventType.ORDER_DELIVERED, data: { reportedBy: 'SYSTEM' } };
    },
  },
  CLOSE: {
    roles: [],
    from: [S.RECEIVED],
    to: [S.CLOSED],
    // closeAt is null while an incident or a return holds the order (order-deadlines.ts), so a held order is never due.
    due: { column: 'closeAt' },
    apply(order, _input, tx) {
      moveLines(linesIn(order, [S.RECEIVED]), S.CLOSED);
      onClosed(order, tx.now);
      return { event: EventType.ORDER_CLOSED };
    },
  },
} satisfies Record<string, Step<Order, OrderLineState>>;

/**
 * What every change of an order's lines does to the order: derive its state and price, set its
 * timers from what it now waits for, bump the version. For modules whose own event records the
 * change (an incident closing).
 */
export async function touchOrder(tx: StepTx, order: Order): Promise<void> {
  const lines = order.lines.getItems();
  order.state = deriveOrderState(lines);
  order.priceMinor = lines.filter(isActiveLine).reduce((sum, line) => sum + line.priceMinor, 0);
  await syncTimers(tx, order);
  order.version += 1;
  order.updatedAt = tx.now;
}

/** The order's event for a change from `fromState` (null: it was just placed). */
export function orderEvent(order: Order, fromState: string | null, effect: Effect): Omit<EventDraft, 'actor' | 'occurredAt'> {
  const changed = fromState !== order.state;
  return {
    type: effect.event!,
    orderUuid: order.uuid,
    shopUuid: order.shop.uuid,
    customerUuid: order.customer.uuid,
    fromState: changed ? fromState : null,
    toState: changed ? order.state : null,
    data: effect.data,
  };
}

export const orderMachine = defineMachine<Order, OrderLineState>({
  type: 'Order',
  states: 'many',
  noun: 'order',
  operationPrefix: '',
  graph: LINE_STATUS,
  steps: ORDER_STEPS,
  statesOf: (order) => order.lines.getItems().map((line) => line.state),
  stateName: (order) => order.state,
  lock: lockOrder,
  version: (order) => order.version,
  async settle(tx, order, { fromState, effect }) {
    await touchOrder(tx, order);
    return orderEvent(order, fromState, effect);
  },
});

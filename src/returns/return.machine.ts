import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CUSTOMER_SIDE, SELLER_SIDE } from '../auth/role';
import { tenantScope, Viewer } from '../auth/viewer';
import { addBusinessDays } from '../common/business-days';
import { EventDraft } from '../common/events/event-log';
import { EventType } from '../common/events/event-type';
import { Money } from '../common/money';
import { holdRows } from '../common/row-writes';
import { defineMachine, Guard, Step, StepTx } from '../common/step-machine';
import { ErrorResult } from '../common/errors';
import { checkText } from '../common/validation';
import { Order } from '../orders/order.entity';
import { orderEvent, OrderAction, touchOrder } from '../orders/order.machine';
import { lockOrder } from '../orders/order-lock';
import { applyRefunds, planShippingRefund, refundEventData } from '../orders/order-refunds';
import { onAfterSalesSettled, syncTimers } from '../orders/order-deadlines';
import { OrderLineState } from '../orders/order.status';
import { applyTracking, checkTracking } from '../orders/tracking';
import { Return, ReturnLine, ReturnRefund } from './return.entity';
import { RefundReturnInput, RejectReturnInput, RequestReturnInput, SetReturnTrackingInput } from './return.schema';
import { capsOf, planReturnRefund } from './return-refund';
import { checkCanRequestReturn, checkRequestInput, DECISION_BUSINESS_DAYS, MAX_RETURN_TEXT, planLines, refundDueAt, returnWindowEndsAt } from './return-request';
import { OPEN_RETURN_STATUSES, REFUND_REASON_OF, RETURN_STATUS, ReturnAction, ReturnStatus } from './return.status';

const S = ReturnStatus;

/**
 * Every step on an existing return; requesting one is a step on its order (REQUEST_RETURN below).
 * Return tracking is optional and may be corrected while the return is ACCEPTED (a customer may
 * also hand the parcel over in person, so MARK_RECEIVED does not require it); nothing fires at
 * decisionDueAt (it tells the shop, it decides nothing).
 */
export const RETURN_STEPS = {
  ACCEPT: { roles: SELLER_SIDE, action: ReturnAction.ACCEPT, from: [S.REQUESTED], to: [S.ACCEPTED], apply: (ret, _input, tx) => ((ret.decidedAt = tx.now), {}) },
  REJECT: {
    roles: SELLER_SIDE,
    action: ReturnAction.REJECT,
    from: [S.REQUESTED],
    to: [S.REJECTED],
    check: (input: RejectReturnInput) => checkText(['input', 'message'], input.message, MAX_RETURN_TEXT, true),
    apply(ret, input: RejectReturnInput, tx) {
      ret.decidedAt = tx.now;
      ret.rejectionReason = input.reason;
      ret.rejectionMessage = input.message?.trim() || null;
      return { data: { reason: input.reason } };
    },
  },
  // The customer tells the shop how the parcel comes back.
  SET_TRACKING: {
    roles: CUSTOMER_SIDE,
    action: ReturnAction.SET_TRACKING,
    from: [S.ACCEPTED],
    to: [],
    check: (input: SetReturnTrackingInput) => checkTracking(input),
    apply: (ret, input: SetReturnTrackingInput, tx) => ({ data: applyTracking(ret, input, tx.now) }),
  },
  MARK_RECEIVED: { roles: SELLER_SIDE, action: ReturnAction.MARK_RECEIVED, from: [S.ACCEPTED], to: [S.RECEIVED], apply: (ret, _input, tx) => ((ret.receivedAt = tx.now), {}) },
  /**
   * The shop pays the returned units back, and the shipping when it says so: Refund rows (and a
   * ShippingRefund) through the orders module (lines whose whole value went back become REFUNDED)
   * with an ORDER_REFUNDED event for the order. When an earlier refund already paid everything
   * back, the return closes with no new refund.
   */
  REFUND: {
    roles: SELLER_SIDE,
    action: ReturnAction.REFUND,
    from: [S.RECEIVED],
    to: [S.REFUNDED],
    async apply(ret, input: RefundReturnInput, tx) {
      const order = ret.order;
      const lines = planReturnRefund(capsOf(ret, order), input.amount);
      if (lines instanceof ErrorResult) return lines;
      const shippingMinor = planShippingRefund(order, input.shipping);
      if (typeof shippingMinor !== 'number') return shippingMinor;
      const plan = { lines, shippingMinor };
      const total = lines.reduce((sum, entry) => sum + entry.amountMinor, 0);
      if (lines.length > 0 || shippingMinor > 0) {
        const fromState = order.state;
        const reason = REFUND_REASON_OF[ret.reason];
        const refunds = await applyRefunds(tx, order, plan, reason);
        for (const refund of refunds) tx.em.create(ReturnRefund, { return: ret, refund });
        await touchOrder(tx, order);
        tx.record(orderEvent(order, fromState, { event: EventType.ORDER_REFUNDED, data: refundEventData(reason, plan, { returnId: ret.id }) }));
      }
      ret.refundedAt = tx.now;
      const shipping = shippingMinor > 0 ? { shipping: new Money(shippingMinor).amount } : {};
      return { data: { amount: new Money(total).amount, ...shipping } };
    },
  },
  CANCEL: { roles: CUSTOMER_SIDE, action: ReturnAction.CANCEL, from: [S.REQUESTED, S.ACCEPTED], to: [S.CANCELED], apply: (ret, _input, tx) => ((ret.canceledAt = tx.now), {}) },
} satisfies Record<string, Step<Return, ReturnStatus>>;

/**
 * Locks the return's order first, then the return: everything after-sales on an order is
 * serialised by the order's lock (requests count units under it), always in the same order.
 */
async function lockReturn(em: EntityManager, uuid: string, viewer: Viewer | null, skipLocked: boolean): Promise<Return | null> {
  const found = await em.findOne(Return, { uuid, ...tenantScope(viewer) }, { fields: ['uuid', 'order'] });
  if (!found || !(await lockOrder(em, found.order.uuid, null, skipLocked))) return null;
  const lockMode = skipLocked ? LockMode.PESSIMISTIC_PARTIAL_WRITE : LockMode.PESSIMISTIC_WRITE;
  const ret = await em.findOne(Return, { uuid }, { lockMode, refresh: true });
  if (ret) await em.populate(ret, ['lines'], { refresh: true });
  if (ret) holdRows(em, [ret]);
  return ret;
}

/** A return's event: its status move (null when unchanged) with the order's tenants. */
function returnEvent(ret: Return, type: EventType, fromState: string | null, data?: Record<string, unknown>): Omit<EventDraft, 'actor' | 'occurredAt'> {
  const changed = fromState !== ret.status;
  return {
    type,
    orderUuid: ret.order.uuid,
    shopUuid: ret.order.shop.uuid,
    customerUuid: ret.order.customer.uuid,
    returnUuid: ret.uuid,
    fromState: changed ? fromState : null,
    toState: changed ? ret.status : null,
    data,
  };
}

export const returnMachine = defineMachine<Return, ReturnStatus>({
  type: 'Return',
  states: 'one',
  noun: 'return',
  operationPrefix: 'RETURN_',
  graph: RETURN_STATUS,
  steps: RETURN_STEPS,
  statesOf: (ret) => [ret.status],
  stateName: (ret) => ret.status,
  lock: lockReturn,
  version: (ret) => ret.version,
  /** A return that ends (rejected, refunded, canceled) stops holding its order open: the order may close again. */
  async enter(ret, to, tx) {
    ret.status = to;
    if (to === S.REJECTED || to === S.CANCELED) ret.refundDueAt = null;
    if (RETURN_STATUS.moves[to].length === 0) {
      onAfterSalesSettled(ret.order, tx.now);
      await syncTimers(tx, ret.order);
    }
  },
  settle(tx, ret, { fromState, effect }) {
    ret.version += 1;
    ret.updatedAt = tx.now;
    return returnEvent(ret, EventType.RETURN_UPDATED, fromState, effect.data);
  },
});

// ---------------------------------------------------------------- requesting one: a step on the order

/** Whether the order can take a return now (received, units left, window open), from the request's batched reads. */
const returnable: Guard<Order> = async (order, { loaders, now }) => {
  if (!order.receivedAt) return checkCanRequestReturn(order, { returnPolicyDays: 0, heldUnits: new Map() }, now);
  return checkCanRequestReturn(order, await loaders.returnContext.load(order.uuid), now);
};

/** The customer (or an operator for them) asks to send back units of received lines within the window. */
export const REQUEST_RETURN: Step<Order, OrderLineState> = {
  roles: CUSTOMER_SIDE,
  action: OrderAction.REQUEST_RETURN,
  // Any state: the guard says in words why not; a return moves no line.
  from: Object.values(OrderLineState),
  to: [],
  guards: [returnable],
  check: (input: RequestReturnInput) => checkRequestInput(input),
  async apply(order, input: RequestReturnInput, tx) {
    const context = await tx.env.loaders.returnContext.load(order.uuid);
    const planned = planLines(order, input, context);
    if (!Array.isArray(planned)) return planned;
    const ret = tx.em.create(Return, {
      order,
      shop: order.shop,
      customer: order.customer,
      reason: input.reason,
      comment: input.comment?.trim() || null,
      status: S.REQUESTED,
      requestedAt: tx.now,
      windowEndsAt: returnWindowEndsAt(order.receivedAt!, context.returnPolicyDays),
      decisionDueAt: addBusinessDays(tx.now, DECISION_BUSINESS_DAYS),
      refundDueAt: refundDueAt(tx.now),
      updatedAt: tx.now,
    });
    for (const { line, quantity } of planned) ret.lines.add(tx.em.create(ReturnLine, { return: ret, line, quantity }));
    // An open return holds the order open: it does not close while the customer waits for the shop.
    await syncTimers(tx, order);
    const lines = planned.map(({ line, quantity }) => ({ lineId: line.id, quantity }));
    const { type, data, ...fields } = returnEvent(ret, EventType.RETURN_REQUESTED, null, { reason: input.reason, lines });
    return { entityUnchanged: true, event: type, fields, data, result: ret };
  },
};

/** orderHooks.closingHeld: a return still REQUESTED, ACCEPTED or RECEIVED keeps its order from closing. */
export async function openReturnHoldsOrder(tx: StepTx, order: Order): Promise<boolean> {
  await tx.em.flush(); // this step's own changes (a return just requested or ended) count
  return (await tx.em.count(Return, { order, status: { $in: OPEN_RETURN_STATUSES } })) > 0;
}

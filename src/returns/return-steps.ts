import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { DeadlinePassedError, ErrorResult, InvalidStateError } from '../common/errors';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { OrderLineState } from '../orders/order-state';
import { Return } from './return.entity';
import { canTransition, ReturnStatus } from './return-status';

/** Steps on an existing return; requesting one is a step on the order (below). */
export type ReturnStep = 'ACCEPT' | 'REJECT' | 'SET_TRACKING' | 'MARK_RECEIVED' | 'REFUND' | 'CANCEL';

const S = ReturnStatus;
const SELLER_SIDE = [Role.SELLER, Role.OPERATOR] as const;
const CUSTOMER_SIDE = [Role.CUSTOMER, Role.OPERATOR] as const;

interface StepRule {
  roles: readonly Role[];
  /** The statuses the step starts from. */
  from: readonly ReturnStatus[];
  /** Where it leads; undefined keeps the status (return tracking). */
  to?: ReturnStatus;
}

/**
 * Who takes which step from where. Return tracking is optional and may be corrected while the
 * return is ACCEPTED (a customer may also hand the parcel over in person, so markReturnReceived
 * does not require it); nothing fires at decisionDueAt (it tells the shop, it decides nothing).
 */
export const RETURN_STEPS: Record<ReturnStep, StepRule> = {
  ACCEPT: { roles: SELLER_SIDE, from: [S.REQUESTED], to: S.ACCEPTED },
  REJECT: { roles: SELLER_SIDE, from: [S.REQUESTED], to: S.REJECTED },
  SET_TRACKING: { roles: CUSTOMER_SIDE, from: [S.ACCEPTED] },
  MARK_RECEIVED: { roles: SELLER_SIDE, from: [S.ACCEPTED], to: S.RECEIVED },
  REFUND: { roles: SELLER_SIDE, from: [S.RECEIVED], to: S.REFUNDED },
  CANCEL: { roles: CUSTOMER_SIDE, from: [S.REQUESTED, S.ACCEPTED], to: S.CANCELED },
};

/** Checked once at load: every step's move is in the transition table. */
for (const [step, rule] of Object.entries(RETURN_STEPS)) {
  for (const from of rule.from) {
    if (rule.to && !canTransition(from, rule.to)) throw new Error(`Return step ${step}: ${from} -> ${rule.to} is not in the table`);
  }
}

/** Why `step` may not run on the return now, or nothing. */
export function checkReturnStep(step: ReturnStep, ret: Return): ErrorResult | undefined {
  if (RETURN_STEPS[step].from.includes(ret.status)) return undefined;
  return new InvalidStateError(ret.status, `This action is not possible while the return is ${ret.status}`);
}

// ---------------------------------------------------------------- requesting a return

/** Line states a return may take units of: delivered and not refunded or under an incident. */
export const RETURNABLE_LINE_STATES: readonly OrderLineState[] = [OrderLineState.RECEIVED, OrderLineState.CLOSED];

export const MIN_WITHDRAWAL_DAYS = 14;
const DAY_MS = 24 * 3_600_000;

/** receivedAt + max(14, shop.returnPolicyDays) x 24 hours; the last instant a request is accepted. */
export function returnWindowEndsAt(receivedAt: Date, returnPolicyDays: number): Date {
  return new Date(receivedAt.getTime() + Math.max(MIN_WITHDRAWAL_DAYS, returnPolicyDays) * DAY_MS);
}

/** What requesting a return depends on beyond the order: the shop's policy and units already in returns. */
export interface ReturnContext {
  returnPolicyDays: number;
  /** Units per order line uuid held by other returns (QUANTITY_HOLDING). */
  heldUnits: ReadonlyMap<string, number>;
}

/** Units of a line that a new return may still take. */
export function returnableUnits(line: OrderLine, context: ReturnContext): number {
  if (!RETURNABLE_LINE_STATES.includes(line.state)) return 0;
  return Math.max(0, line.quantity - (context.heldUnits.get(line.uuid) ?? 0));
}

/**
 * Why no return can be requested on the order now (not received, nothing left to return, window
 * closed), or nothing. The mutation and `availableActions` both ask this.
 */
export function checkCanRequestReturn(order: Order, context: ReturnContext, now: Date): ErrorResult | undefined {
  if (!order.receivedAt) return new InvalidStateError(order.state, 'A return can be requested once the order is received');
  if (!order.lines.getItems().some((line) => returnableUnits(line, context) > 0)) {
    return new InvalidStateError(order.state, 'Nothing on this order can be returned');
  }
  const windowEndsAt = returnWindowEndsAt(order.receivedAt, context.returnPolicyDays);
  if (now > windowEndsAt) return new DeadlinePassedError(windowEndsAt, 'The return window has closed');
  return undefined;
}

export function mayRequestReturn(viewer: Viewer): boolean {
  return CUSTOMER_SIDE.includes(viewer.role as (typeof CUSTOMER_SIDE)[number]);
}

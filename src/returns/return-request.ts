import { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOnOrAfter, endOfWarsawDay, warsawDatePlus } from '../common/business-days';
import { DeadlinePassedError, ErrorResult, InvalidStateError, ValidationError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { checkInt, checkList, checkText, firstProblem } from '../common/validation';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { OrderLineState } from '../orders/order.status';
import { RequestReturnInput } from './return.schema';
import { OPEN_RETURN_STATUSES, QUANTITY_HOLDING, ReturnStatus } from './return.status';

/** What requesting a return checks: the window, the units left on each line, the request's shape. */

export const MAX_RETURN_TEXT = 2_000;
/** The shop should accept or reject within this many Polish business days of the request. */
export const DECISION_BUSINESS_DAYS = 2;

/** Shape checks that need nothing from the database. */
export function checkRequestInput(input: RequestReturnInput): ValidationError | undefined {
  return firstProblem(
    () => checkList(['input', 'lines'], input.lines, 1, 100),
    () => checkText(['input', 'comment'], input.comment, MAX_RETURN_TEXT, true),
    ...input.lines.map((line, i) => () => checkInt(['input', 'lines', i, 'quantity'], line.quantity, 1, 1_000_000)),
  );
}

export interface PlannedLine {
  line: OrderLine;
  quantity: number;
}

/** Matches each requested line to the order: returnable, listed once, no more units than are left. */
export function planLines(order: Order, input: RequestReturnInput, context: ReturnContext): PlannedLine[] | ErrorResult {
  const planned: PlannedLine[] = [];
  for (const [i, requested] of input.lines.entries()) {
    const uuid = localIdOf('OrderLine', requested.lineId);
    const line = order.lines.getItems().find((candidate) => candidate.uuid === uuid);
    if (!line) return new ValidationError(['input', 'lines', i, 'lineId'], 'is not a line of this order');
    if (planned.some((entry) => entry.line === line)) return new ValidationError(['input', 'lines', i, 'lineId'], 'is listed twice');
    if (!RETURNABLE_LINE_STATES.includes(line.state)) {
      return new InvalidStateError(order.state, `Line ${line.index} is ${line.state} and cannot be returned`);
    }
    if (requested.quantity > line.quantity) {
      return new ValidationError(['input', 'lines', i, 'quantity'], `must be from 1 to the line's quantity (${line.quantity})`);
    }
    const left = returnableUnits(line, context);
    if (requested.quantity > left) {
      return new ValidationError(['input', 'lines', i, 'quantity'], `only ${left} of ${line.quantity} units are not already in a return`);
    }
    planned.push({ line, quantity: requested.quantity });
  }
  return planned;
}


/** Line states a return may take units of: delivered and not refunded or under an incident. */
export const RETURNABLE_LINE_STATES: readonly OrderLineState[] = [OrderLineState.RECEIVED, OrderLineState.CLOSED];

export const MIN_WITHDRAWAL_DAYS = 14;
/** The refund after a withdrawal is due within this many calendar days of the request. */
export const REFUND_DAYS = 14;

/**
 * The last instant a request is accepted: the end of day L, L being the date of receipt + max(14,
 * shop.returnPolicyDays) calendar days (the day of receipt is not counted), moved on to the next
 * business day while it is a Saturday, a Sunday or a Polish public holiday (Europe/Warsaw).
 */
export function returnWindowEndsAt(receivedAt: Date, returnPolicyDays: number): Date {
  const lastDay = warsawDatePlus(receivedAt, Math.max(MIN_WITHDRAWAL_DAYS, returnPolicyDays));
  return endOfWarsawDay(businessDateOnOrAfter(lastDay));
}

/** The return is still open (REQUESTED, ACCEPTED, RECEIVED) and its refund deadline has passed. */
export function isRefundOverdue(ret: { status: ReturnStatus; refundDueAt?: Date | null }, now: Date): boolean {
  return OPEN_RETURN_STATUSES.includes(ret.status) && Boolean(ret.refundDueAt && now > ret.refundDueAt);
}

/** The refund after a withdrawal is due by the end of the 14th calendar day after the request (not moved for holidays). */
export function refundDueAt(requestedAt: Date): Date {
  return endOfWarsawDay(warsawDatePlus(requestedAt, REFUND_DAYS));
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

/** Units per order line held by the orders' returns (see QUANTITY_HOLDING): order uuid -> line uuid -> units. */
export async function heldUnitsByOrder(em: EntityManager, orderUuids: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const held = new Map<string, Map<string, number>>(orderUuids.map((uuid) => [uuid, new Map()]));
  if (orderUuids.length === 0) return held;
  const rows = await em.getConnection().execute<{ order_id: string; line_id: string; units: string }[]>(
    `select r.order_id, l.line_id, sum(l.quantity) as units
       from return_line l join order_return r on r.id = l.return_id
      where r.order_id in (?) and r.status in (?)
      group by r.order_id, l.line_id`,
    [[...orderUuids], [...QUANTITY_HOLDING]],
    'all',
    em.getTransactionContext(),
  );
  for (const row of rows) held.get(row.order_id)?.set(row.line_id, Number(row.units));
  return held;
}

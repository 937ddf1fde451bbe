import { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, idempotencyScope, Viewer } from '../auth/viewer';
import { addBusinessDays } from '../common/business-days';
import { ErrorResult, InvalidStateError, NotFoundError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { Tx } from '../common/transaction';
import { checkInt, checkList, checkText, firstProblem } from '../common/validation';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { orderScope } from '../orders/order-workflow';
import { Return, ReturnLine } from './return.entity';
import { RequestReturnInput } from './return.inputs';
import { checkCanRequestReturn, RETURNABLE_LINE_STATES, returnableUnits, ReturnContext, returnWindowEndsAt } from './return-steps';
import { ReturnStatus } from './return-status';
import { commitReturnChange, heldUnitsByOrder, lockOrder, ReturnOutcome } from './return-workflow';

export const MAX_RETURN_TEXT = 2_000;
/** The shop should accept or reject within this many Polish business days of the request. */
export const DECISION_BUSINESS_DAYS = 2;

/** Shape checks that need nothing from the database. */
function checkRequestInput(input: RequestReturnInput): ValidationError | undefined {
  return firstProblem(
    () => checkList(['input', 'lines'], input.lines, 1, 100),
    () => checkText(['input', 'comment'], input.comment, MAX_RETURN_TEXT, true),
    ...input.lines.map((line, i) => () => checkInt(['input', 'lines', i, 'quantity'], line.quantity, 1, 1_000_000)),
  );
}

interface PlannedLine {
  line: OrderLine;
  quantity: number;
}

/** Matches each requested line to the order: returnable, listed once, no more units than are left. */
function planLines(order: Order, input: RequestReturnInput, context: ReturnContext): PlannedLine[] | ErrorResult {
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

async function execute(tx: Tx, viewer: Viewer, input: RequestReturnInput): Promise<ReturnOutcome> {
  const orderUuid = localIdOf('Order', input.orderId);
  if (!orderUuid) return new ValidationError(['input', 'orderId'], 'is not an order id');
  const invalid = checkRequestInput(input);
  if (invalid) return invalid;
  const order = await lockOrder(tx.em, orderUuid, orderScope(viewer));
  if (!order) return new NotFoundError('Order not found');
  const held = await heldUnitsByOrder(tx.em, [order.uuid]);
  const context: ReturnContext = { returnPolicyDays: order.shop.returnPolicyDays, heldUnits: held.get(order.uuid)! };
  const refusal = checkCanRequestReturn(order, context, tx.now);
  if (refusal) return refusal;
  const planned = planLines(order, input, context);
  if (!Array.isArray(planned)) return planned;
  const ret = tx.em.create(Return, {
    order,
    shop: order.shop,
    customer: order.customer,
    reason: input.reason,
    comment: input.comment?.trim() || null,
    status: ReturnStatus.REQUESTED,
    requestedAt: tx.now,
    windowEndsAt: returnWindowEndsAt(order.receivedAt!, context.returnPolicyDays),
    decisionDueAt: addBusinessDays(tx.now, DECISION_BUSINESS_DAYS),
    updatedAt: tx.now,
  });
  for (const { line, quantity } of planned) ret.lines.add(tx.em.create(ReturnLine, { return: ret, line, quantity }));
  commitReturnChange(tx, ret, order, EventType.RETURN_REQUESTED, null, {
    reason: input.reason,
    lines: planned.map(({ line, quantity }) => ({ lineId: line.id, quantity })),
  });
  return ret;
}

/** The customer (or an operator for them) asks to send back units of received lines within the window. */
export function requestReturn(em: EntityManager, viewer: Viewer, input: RequestReturnInput): Promise<ReturnOutcome> {
  const idempotency = { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'REQUEST_RETURN', input };
  return runIdempotent(em, actorOf(viewer), idempotency, Return, (tx) => execute(tx, viewer, input));
}

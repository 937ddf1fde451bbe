import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, idempotencyScope, Viewer } from '../auth/viewer';
import { ErrorResult, NotFoundError, ValidationError, VersionConflictError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { Tx } from '../common/transaction';
import { Order } from '../orders/order.entity';
import { orderScope } from '../orders/order-workflow';
import { Return } from './return.entity';
import { checkReturnStep, RETURN_STEPS, ReturnStep } from './return-steps';
import { QUANTITY_HOLDING, ReturnStatus } from './return-status';

export type ReturnOutcome = Return | ErrorResult;

/** What a step did, for the event log. */
export interface ReturnEffect {
  data?: Record<string, unknown>;
}

export interface ReturnCommand {
  step: ReturnStep;
  viewer: Viewer;
  /** The return as the client named it; a malformed id is a ValidationError on input.returnId. */
  returnId: string;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  /** The mutation's input, fingerprinted with the key. */
  input: object;
  /** Input problems found before anything is loaded. */
  invalid?: ValidationError;
  /** Changes the locked return (and, for refunds, its locked order) or says why it cannot. */
  apply(ret: Return, order: Order, tx: Tx): Promise<ReturnEffect | ErrorResult> | ReturnEffect | ErrorResult;
}

/**
 * The one way a return changes: idempotency replay -> load (scoped to the viewer like its order)
 * -> lock the order, then the return -> version check -> transition table -> apply -> status, version
 * and RETURN_UPDATED event -> commit. Locking the order first serialises everything after-sales on
 * it (requests count units under the same lock), always in the same order, so no deadlock.
 */
export function runReturnCommand(em: EntityManager, command: ReturnCommand): Promise<ReturnOutcome> {
  const idempotency = { scope: idempotencyScope(command.viewer), key: command.idempotencyKey, operation: `RETURN_${command.step}`, input: command.input };
  return runIdempotent(em, actorOf(command.viewer), idempotency, Return, (tx) => execute(tx, command));
}

async function execute(tx: Tx, command: ReturnCommand): Promise<ReturnOutcome> {
  const uuid = localIdOf('Return', command.returnId);
  if (!uuid) return new ValidationError(['input', 'returnId'], 'is not a return id');
  if (command.invalid) return command.invalid;
  const found = await tx.em.findOne(Return, { uuid, ...orderScope(command.viewer) }, { fields: ['uuid', 'order'] });
  if (!found) return new NotFoundError('Return not found');
  const order = await lockOrder(tx.em, found.order.uuid);
  const ret = await tx.em.findOneOrFail(Return, { uuid }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  await tx.em.populate(ret, ['lines'], { refresh: true });
  if (command.expectedVersion != null && command.expectedVersion !== ret.version) return new VersionConflictError(ret.version);
  const refusal = checkReturnStep(command.step, ret);
  if (refusal) return refusal;
  const fromStatus = ret.status;
  const effect = await command.apply(ret, order, tx);
  if (effect instanceof ErrorResult) return effect;
  ret.status = RETURN_STEPS[command.step].to ?? ret.status;
  commitReturnChange(tx, ret, order, EventType.RETURN_UPDATED, fromStatus, effect.data);
  return ret;
}

/** The order with its lines, shop and customer, holding its row lock until commit. */
export async function lockOrder(em: EntityManager, orderUuid: string, scope: Record<string, unknown> = {}): Promise<Order> {
  const order = await em.findOne(Order, { uuid: orderUuid, ...scope }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (order) await em.populate(order, ['lines', 'shop', 'customer'], { refresh: true });
  return order as Order;
}

/** Bumps the version and records the event; fromState/toState are the return's status (null when unchanged). */
export function commitReturnChange(
  tx: Tx,
  ret: Return,
  order: Order,
  type: EventType,
  fromStatus: ReturnStatus | null,
  data?: Record<string, unknown>,
): void {
  const changed = fromStatus !== ret.status;
  if (fromStatus !== null) ret.version += 1;
  ret.updatedAt = tx.now;
  tx.record({
    type,
    orderUuid: order.uuid,
    shopUuid: order.shop.uuid,
    customerUuid: order.customer.uuid,
    returnUuid: ret.uuid,
    fromState: changed ? fromStatus : null,
    toState: changed ? ret.status : null,
    data,
  });
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

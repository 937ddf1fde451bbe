import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { actorOf, ActorRef, idempotencyScope, SYSTEM_ACTOR, Viewer } from '../auth/viewer';
import { ErrorResult, NotFoundError, ValidationError, VersionConflictError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { Tx } from '../common/transaction';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';
import { checkStep, OrderStep } from './order-actions';
import { clearStaleDeadlines } from './order-deadlines';
import { canTransition, deriveOrderState, OrderLineState } from './order-state';

export type OrderOutcome = Order | ErrorResult;

/** What a step did, for the event log. */
export interface StepEffect {
  event: EventType;
  data?: Record<string, unknown>;
  /** Who the event names, when not the caller (an automatic acceptance is the system's). */
  actor?: ActorRef;
}

export interface OrderCommand {
  step: OrderStep;
  /** null when the system acts (timers). */
  viewer: Viewer | null;
  /** The order as the client named it (a global id; a malformed one is a ValidationError on input.orderId)... */
  orderId?: string;
  /** ...or as the server found it (timers, carrier reports); undefined answers NotFoundError. */
  orderUuid?: string;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  /** The mutation's input, fingerprinted with the key; timers, which pass no key, leave it out. */
  input?: object;
  /** For timers: skip an order another instance holds instead of waiting for it. */
  skipLocked?: boolean;
  /** Input problems found before anything is loaded. */
  invalid?: ValidationError;
  /** Changes the locked order (through `moveLines`) or says why it cannot. */
  apply(order: Order, tx: Tx): Promise<StepEffect | ErrorResult> | StepEffect | ErrorResult;
}

/** Narrows what a viewer may load: a seller its shop's orders, a customer their own. */
export function orderScope(viewer: Viewer | null): Record<string, unknown> {
  if (!viewer || viewer.role === Role.OPERATOR) return {};
  if (viewer.role === Role.SELLER) return { shop: viewer.shopUuid };
  return { customer: viewer.customerUuid };
}

/**
 * The one way an order changes: idempotency replay -> load and lock (scoped to the viewer) ->
 * version check -> transition table and guards -> apply -> derive the order state -> append the
 * event -> commit. A business error changes nothing (its outcome is still kept for replays).
 */
export async function runOrderCommand(em: EntityManager, command: OrderCommand): Promise<OrderOutcome> {
  const actor: ActorRef = command.viewer ? actorOf(command.viewer) : SYSTEM_ACTOR;
  const idempotency = {
    scope: command.viewer ? idempotencyScope(command.viewer) : 'system',
    key: command.idempotencyKey,
    operation: command.step,
    input: command.input,
  };
  return runIdempotent(em, actor, idempotency, Order, (tx) => execute(tx, command));
}

async function execute(tx: Tx, command: OrderCommand): Promise<OrderOutcome> {
  const orderUuid = command.orderId === undefined ? command.orderUuid : localIdOf('Order', command.orderId);
  if (command.orderId !== undefined && !orderUuid) return new ValidationError(['input', 'orderId'], 'is not an order id');
  if (command.invalid) return command.invalid;
  const order = await lockOrder(tx.em, orderUuid, command.viewer, command.skipLocked);
  if (!order) return new NotFoundError('Order not found');
  if (command.expectedVersion != null && command.expectedVersion !== order.version) {
    return new VersionConflictError(order.version);
  }
  const refusal = checkStep(command.step, order, tx.now);
  if (refusal) return refusal;
  const fromState = order.state;
  const effect = await command.apply(order, tx);
  if (effect instanceof ErrorResult) return effect;
  commitOrderChange(tx, order, fromState, effect);
  return order;
}

/** Loads the order with its lines, holding its row lock until commit; null if the viewer may not see it. */
export async function lockOrder(em: EntityManager, orderUuid: string | undefined, viewer: Viewer | null, skipLocked = false): Promise<Order | null> {
  if (!orderUuid) return null;
  const lockMode = skipLocked ? LockMode.PESSIMISTIC_PARTIAL_WRITE : LockMode.PESSIMISTIC_WRITE;
  const order = await em.findOne(Order, { uuid: orderUuid, ...orderScope(viewer) }, { lockMode, refresh: true });
  if (!order) return null;
  await em.populate(order, ['lines', 'shop', 'customer'], { refresh: true });
  return order;
}

/** Derives the order state, bumps the version and records the step's event. */
export function commitOrderChange(tx: Tx, order: Order, fromState: Order['state'] | null, effect: StepEffect): void {
  touchOrder(tx, order);
  const changed = fromState !== order.state;
  tx.record({
    type: effect.event,
    orderUuid: order.uuid,
    shopUuid: order.shop.uuid,
    customerUuid: order.customer.uuid,
    fromState: changed ? fromState : null,
    toState: changed ? order.state : null,
    data: effect.data,
    actor: effect.actor,
  });
}

/**
 * What every change of an order's lines does to the order: derive its state, drop stale deadlines,
 * bump the version. For modules whose own event records the change (an incident opening or closing).
 */
export function touchOrder(tx: Tx, order: Order): void {
  order.state = deriveOrderState(order.lines.getItems());
  clearStaleDeadlines(order);
  order.version += 1;
  order.updatedAt = tx.now;
}

/** Moves lines to `to`; the transition table is the last word, so a bad move is a bug, not an outcome. */
export function moveLines(lines: readonly OrderLine[], to: OrderLineState): void {
  for (const line of lines) {
    if (!canTransition(line.state, to)) {
      throw new Error(`Transition ${line.state} -> ${to} is not in the line transition table`);
    }
    line.state = to;
  }
}

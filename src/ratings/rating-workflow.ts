import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, idempotencyScope, Viewer } from '../auth/viewer';
import { ErrorResult, NotFoundError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { Tx } from '../common/transaction';
import { checkInt, checkText, firstProblem } from '../common/validation';
import { Order } from '../orders/order.entity';
import { orderScope } from '../orders/order-workflow';
import { RateOrderInput } from './rating.inputs';
import { Rating } from './rating.entity';
import { checkCanRate, checkRatingStep, ratingScope, RatingStep } from './rating-steps';
import { RatingRemovalStatus } from './rating-removal';

export type RatingOutcome = Rating | ErrorResult;
export const MAX_RATING_TEXT = 2_000;

export interface RatingEffect {
  data?: Record<string, unknown>;
}

export interface RatingCommand {
  step: RatingStep;
  viewer: Viewer;
  ratingId: string;
  /** Where input.ratingId sits in the arguments (deleteRatingReply takes it at the top level). */
  idPath?: string[];
  invalid?: ValidationError;
  apply(rating: Rating, tx: Tx): RatingEffect | ErrorResult;
}

/**
 * The one way a rating changes: load (scoped) with its row locked -> removal table and guards ->
 * apply -> RATING_UPDATED event (fromState/toState: the removal status when it changed) -> commit.
 */
export function runRatingCommand(em: EntityManager, command: RatingCommand): Promise<RatingOutcome> {
  const idempotency = { scope: idempotencyScope(command.viewer), key: null, operation: `RATING_${command.step}` };
  return runIdempotent(em, actorOf(command.viewer), idempotency, Rating, async (tx) => {
    const uuid = localIdOf('Rating', command.ratingId);
    if (!uuid) return new ValidationError(command.idPath ?? ['input', 'ratingId'], 'is not a rating id');
    if (command.invalid) return command.invalid;
    const rating = await tx.em.findOne(Rating, { uuid, ...ratingScope(command.viewer) }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!rating) return new NotFoundError('Rating not found');
    const refusal = checkRatingStep(command.step, rating);
    if (refusal) return refusal;
    const fromRemoval = rating.removal;
    const effect = command.apply(rating, tx);
    if (effect instanceof ErrorResult) return effect;
    recordRatingChange(tx, rating, EventType.RATING_UPDATED, fromRemoval, effect.data);
    return rating;
  });
}

function recordRatingChange(tx: Tx, rating: Rating, type: EventType, fromRemoval: RatingRemovalStatus | null, data?: Record<string, unknown>): void {
  const changed = fromRemoval !== null && fromRemoval !== rating.removal;
  rating.updatedAt = tx.now;
  tx.record({
    type,
    orderUuid: rating.order.uuid,
    shopUuid: rating.shop.uuid,
    customerUuid: rating.customer.uuid,
    ratingUuid: rating.uuid,
    fromState: changed ? fromRemoval : null,
    toState: changed ? rating.removal : null,
    data,
  });
}

function checkRateInput(input: RateOrderInput): ValidationError | undefined {
  return firstProblem(
    () => checkInt(['input', 'grade'], input.grade, 1, 5),
    () => checkText(['input', 'comment'], input.comment, MAX_RATING_TEXT, true),
  );
}

/**
 * The order's customer (or an operator for them) grades a received order, once, within the rating
 * window. The order row is locked so two first ratings cannot both pass the "already rated" check.
 */
export function rateOrder(em: EntityManager, viewer: Viewer, input: RateOrderInput, windowMs: number): Promise<RatingOutcome> {
  const idempotency = { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'RATE', input };
  return runIdempotent(em, actorOf(viewer), idempotency, Rating, async (tx) => {
    const orderUuid = localIdOf('Order', input.orderId);
    if (!orderUuid) return new ValidationError(['input', 'orderId'], 'is not an order id');
    const invalid = checkRateInput(input);
    if (invalid) return invalid;
    const order = await tx.em.findOne(Order, { uuid: orderUuid, ...orderScope(viewer) }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!order) return new NotFoundError('Order not found');
    const alreadyRated = (await tx.em.count(Rating, { order })) > 0;
    const refusal = checkCanRate(order, alreadyRated, tx.now, windowMs);
    if (refusal) return refusal;
    const rating = tx.em.create(Rating, {
      order,
      shop: order.shop,
      customer: order.customer,
      grade: input.grade,
      comment: input.comment?.trim() || null,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    recordRatingChange(tx, rating, EventType.RATING_RECEIVED, null, { grade: input.grade });
    return rating;
  });
}

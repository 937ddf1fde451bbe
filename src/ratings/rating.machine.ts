import { LockMode } from '@mikro-orm/core';
import { CUSTOMER_SIDE, OPERATOR_ONLY, SELLER_SIDE } from '../auth/role';
import { AlreadyExistsError, DeadlinePassedError, ErrorResult, InvalidStateError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { holdRows } from '../common/row-writes';
import { defineMachine, Guard, Step } from '../common/step-machine';
import { checkInt, checkText, firstProblem } from '../common/validation';
import { Order } from '../orders/order.entity';
import { OrderAction } from '../orders/order.machine';
import { OrderLineState } from '../orders/order.status';
import { Rating } from './rating.entity';
import { DecideRatingRemovalInput, RateOrderInput, ReplyToRatingInput, RequestRatingRemovalInput } from './rating.schema';
import { ratingScope } from './rating.queries';
import { RatingAction, RatingRemovalStatus, REMOVAL_STATUS } from './rating.status';

export const MAX_RATING_TEXT = 2_000;
const S = RatingRemovalStatus;

const hasReply: Guard<Rating> = (rating) => (rating.reply ? undefined : new InvalidStateError(rating.removal, 'The rating has no reply to delete'));

/** A removed rating is off the shop's record: nothing more happens to it. */
export const RATING_STEPS = {
  /** Creates the shop's one reply, or edits it (createdAt stays, updatedAt moves). */
  REPLY: {
    roles: SELLER_SIDE,
    action: RatingAction.REPLY,
    from: [S.NONE, S.REQUESTED, S.KEPT],
    to: [],
    check: (input: ReplyToRatingInput) => checkText(['input', 'body'], input.body, MAX_RATING_TEXT),
    apply(rating, input: ReplyToRatingInput, tx) {
      const edited = Boolean(rating.reply);
      rating.replyBody = input.body.trim();
      rating.replyCreatedAt ??= tx.now;
      rating.replyUpdatedAt = tx.now;
      return { data: { change: edited ? 'REPLY_EDITED' : 'REPLY_ADDED' } };
    },
  },
  DELETE_REPLY: {
    roles: SELLER_SIDE,
    action: RatingAction.DELETE_REPLY,
    from: [S.NONE, S.REQUESTED, S.KEPT],
    to: [],
    guards: [hasReply],
    apply(rating) {
      rating.replyBody = null;
      rating.replyCreatedAt = null;
      rating.replyUpdatedAt = null;
      return { data: { change: 'REPLY_DELETED' } };
    },
  },
  REQUEST_REMOVAL: {
    roles: SELLER_SIDE,
    action: RatingAction.REQUEST_REMOVAL,
    from: [S.NONE],
    to: [S.REQUESTED],
    check: (input: RequestRatingRemovalInput) => checkText(['input', 'explanation'], input.explanation, MAX_RATING_TEXT),
    apply(rating, input: RequestRatingRemovalInput, tx) {
      rating.removalGround = input.ground;
      rating.removalExplanation = input.explanation.trim();
      rating.removalRequestedAt = tx.now;
      return { data: { change: 'REMOVAL_REQUESTED', ground: input.ground } };
    },
  },
  DECIDE_REMOVAL: {
    roles: OPERATOR_ONLY,
    action: RatingAction.DECIDE_REMOVAL,
    from: [S.REQUESTED],
    to: [S.REMOVED, S.KEPT],
    apply(rating, input: DecideRatingRemovalInput, tx) {
      rating.removal = input.remove ? S.REMOVED : S.KEPT;
      rating.removalDecidedAt = tx.now;
      return { data: { change: 'REMOVAL_DECIDED' } };
    },
  },
} satisfies Record<string, Step<Rating, RatingRemovalStatus>>;

export const ratingMachine = defineMachine<Rating, RatingRemovalStatus>({
  type: 'Rating',
  states: 'one',
  noun: "rating's removal",
  operationPrefix: 'RATING_',
  graph: REMOVAL_STATUS,
  steps: RATING_STEPS,
  statesOf: (rating) => [rating.removal],
  stateName: (rating) => rating.removal,
  async lock(em, uuid, viewer) {
    const rating = await em.findOne(Rating, { uuid, ...(viewer ? ratingScope(viewer) : {}) }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (rating) holdRows(em, [rating]);
    return rating;
  },
  enter(rating, to) {
    rating.removal = to;
  },
  /** Ratings carry no version: the shop's reply is edited in place, and the removal moves once each way. */
  settle(tx, rating, { fromState, effect }) {
    const changed = fromState !== rating.removal;
    rating.updatedAt = tx.now;
    return {
      type: EventType.RATING_UPDATED,
      orderUuid: rating.order.uuid,
      shopUuid: rating.shop.uuid,
      customerUuid: rating.customer.uuid,
      ratingUuid: rating.uuid,
      fromState: changed ? fromState : null,
      toState: changed ? rating.removal : null,
      data: effect.data,
    };
  },
});

// ---------------------------------------------------------------- rating an order: a step on the order

/** receivedAt + RATING_WINDOW: the last instant a rating is accepted. */
export function ratingWindowEndsAt(receivedAt: Date, windowMs: number): Date {
  return new Date(receivedAt.getTime() + windowMs);
}

/** Why the order cannot be rated now (not received yet, already rated, window closed), or nothing. */
const rateable: Guard<Order> = async (order, { loaders, now, config }): Promise<ErrorResult | undefined> => {
  if (!order.receivedAt) return new InvalidStateError(order.state, 'An order can be rated once it is received');
  if ((await loaders.ratingByOrder.load(order.uuid)) !== null) return new AlreadyExistsError('This order is already rated');
  const windowEndsAt = ratingWindowEndsAt(order.receivedAt, config.ratingWindowMs);
  if (now > windowEndsAt) return new DeadlinePassedError(windowEndsAt, 'The rating window has closed');
  return undefined;
};

/** The order's customer (or an operator for them) grades a received order, once, within the rating window. */
export const RATE: Step<Order, OrderLineState> = {
  roles: CUSTOMER_SIDE,
  action: OrderAction.RATE,
  // Any state: the guard says in words why not; a rating moves no line. The order's lock makes two first ratings wait for each other.
  from: Object.values(OrderLineState),
  to: [],
  guards: [rateable],
  check: (input: RateOrderInput) =>
    firstProblem(
      () => checkInt(['input', 'grade'], input.grade, 1, 5),
      () => checkText(['input', 'comment'], input.comment, MAX_RATING_TEXT, true),
    ),
  apply(order, input: RateOrderInput, tx) {
    const rating = tx.em.create(Rating, {
      order,
      shop: order.shop,
      customer: order.customer,
      grade: input.grade,
      comment: input.comment?.trim() || null,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    const fields = { orderUuid: order.uuid, shopUuid: order.shop.uuid, customerUuid: order.customer.uuid, ratingUuid: rating.uuid, fromState: null, toState: null };
    return { entityUnchanged: true, event: EventType.RATING_RECEIVED, fields, data: { grade: input.grade }, result: rating };
  },
};

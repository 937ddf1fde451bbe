import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { AlreadyExistsError, DeadlinePassedError, ErrorResult, InvalidStateError } from '../common/errors';
import { Order } from '../orders/order.entity';
import { Rating } from './rating.entity';
import { canTransition, RatingRemovalStatus } from './rating-removal';

export type RatingStep = 'REPLY' | 'DELETE_REPLY' | 'REQUEST_REMOVAL' | 'DECIDE_REMOVAL';

const S = RatingRemovalStatus;
const SELLER_SIDE = [Role.SELLER, Role.OPERATOR] as const;
const CUSTOMER_SIDE = [Role.CUSTOMER, Role.OPERATOR] as const;

type Guard = (rating: Rating) => ErrorResult | undefined;

interface StepRule {
  roles: readonly Role[];
  /** Removal statuses the step is possible in. */
  from: readonly RatingRemovalStatus[];
  /** The removal statuses it may lead to; none when it leaves the status alone. */
  to: readonly RatingRemovalStatus[];
  guards?: readonly Guard[];
}

const hasReply: Guard = (rating) => (rating.reply ? undefined : new InvalidStateError(rating.removal, 'The rating has no reply to delete'));

/** A removed rating is off the shop's record: nothing more happens to it. */
export const RATING_STEPS: Record<RatingStep, StepRule> = {
  REPLY: { roles: SELLER_SIDE, from: [S.NONE, S.REQUESTED, S.KEPT], to: [] },
  DELETE_REPLY: { roles: SELLER_SIDE, from: [S.NONE, S.REQUESTED, S.KEPT], to: [], guards: [hasReply] },
  REQUEST_REMOVAL: { roles: SELLER_SIDE, from: [S.NONE], to: [S.REQUESTED] },
  DECIDE_REMOVAL: { roles: [Role.OPERATOR], from: [S.REQUESTED], to: [S.REMOVED, S.KEPT] },
};

/** Checked once at load: every step's move is in the transition table. */
for (const [step, rule] of Object.entries(RATING_STEPS)) {
  for (const from of rule.from) {
    for (const to of rule.to) if (!canTransition(from, to)) throw new Error(`Rating step ${step}: ${from} -> ${to} is not in the table`);
  }
}

/** Why `step` may not run on the rating now (its removal status first, then the guards), or nothing. */
export function checkRatingStep(step: RatingStep, rating: Rating): ErrorResult | undefined {
  const rule = RATING_STEPS[step];
  if (!rule.from.includes(rating.removal)) {
    return new InvalidStateError(rating.removal, `This action is not possible while the rating's removal is ${rating.removal}`);
  }
  for (const guard of rule.guards ?? []) {
    const reason = guard(rating);
    if (reason) return reason;
  }
  return undefined;
}

/** receivedAt + RATING_WINDOW: the last instant a rating is accepted. */
export function ratingWindowEndsAt(receivedAt: Date, windowMs: number): Date {
  return new Date(receivedAt.getTime() + windowMs);
}

/**
 * Why the order cannot be rated now (not received yet, already rated, window closed), or nothing.
 * The mutation and `availableActions` both ask this.
 */
export function checkCanRate(order: Order, alreadyRated: boolean, now: Date, windowMs: number): ErrorResult | undefined {
  if (!order.receivedAt) return new InvalidStateError(order.state, 'An order can be rated once it is received');
  if (alreadyRated) return new AlreadyExistsError('This order is already rated');
  const windowEndsAt = ratingWindowEndsAt(order.receivedAt, windowMs);
  if (now > windowEndsAt) return new DeadlinePassedError(windowEndsAt, 'The rating window has closed');
  return undefined;
}

export function mayRate(viewer: Viewer): boolean {
  return CUSTOMER_SIDE.includes(viewer.role as (typeof CUSTOMER_SIDE)[number]);
}

/**
 * Who sees a rating: whoever sees its order (the shop's sellers, its customer, operators), except
 * that a REMOVED rating is gone from the shop's record: its sellers no longer see it (it leaves
 * their lists, Order.rating, node and the summary); its author and the operators still do.
 */
export function ratingScope(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === Role.SELLER) return { shop: viewer.shopUuid, removal: { $ne: S.REMOVED } };
  if (viewer.role === Role.CUSTOMER) return { customer: viewer.customerUuid };
  return {};
}

export function visibleTo(viewer: Viewer, rating: Rating): boolean {
  if (viewer.role === Role.SELLER) return rating.shop.uuid === viewer.shopUuid && rating.removal !== S.REMOVED;
  if (viewer.role === Role.CUSTOMER) return rating.customer.uuid === viewer.customerUuid;
  return true;
}

import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/role';
import { AppContext, viewerOf } from '../context';
import { decideRatingRemoval, deleteRatingReply, replyToRating, requestRatingRemoval } from './rating-actions';
import { DecideRatingRemovalInput, RateOrderInput, RatingResult, ReplyToRatingInput, RequestRatingRemovalInput } from './rating.inputs';
import { rateOrder, RatingOutcome } from './rating-workflow';

const SELLER_SIDE = [Role.SELLER, Role.OPERATOR];
const CUSTOMER_SIDE = [Role.CUSTOMER, Role.OPERATOR];

/** Thin: customers rate; sellers reply and ask for removal; operators may do all, and decide removals. */
@Resolver()
export class RatingMutations {
  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => RatingResult)
  rateOrder(@Arg('input') input: RateOrderInput, @Ctx() context: AppContext): Promise<RatingOutcome> {
    return rateOrder(context.em, viewerOf(context), input, context.config.ratingWindowMs);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => RatingResult)
  replyToRating(@Arg('input') input: ReplyToRatingInput, @Ctx() context: AppContext): Promise<RatingOutcome> {
    return replyToRating(context.em, viewerOf(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => RatingResult)
  deleteRatingReply(@Arg('ratingId', () => ID) ratingId: string, @Ctx() context: AppContext): Promise<RatingOutcome> {
    return deleteRatingReply(context.em, viewerOf(context), ratingId);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => RatingResult)
  requestRatingRemoval(@Arg('input') input: RequestRatingRemovalInput, @Ctx() context: AppContext): Promise<RatingOutcome> {
    return requestRatingRemoval(context.em, viewerOf(context), input);
  }

  @Authorized([Role.OPERATOR])
  @Mutation(() => RatingResult)
  decideRatingRemoval(@Arg('input') input: DecideRatingRemovalInput, @Ctx() context: AppContext): Promise<RatingOutcome> {
    return decideRatingRemoval(context.em, viewerOf(context), input);
  }
}

import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { ErrorResult } from '../common/errors';
import { rolesOf, runStep } from '../common/step-machine';
import { AppContext, viewerOf } from '../context';
import { orderMachine } from '../orders/order.machine';
import { Rating } from './rating.entity';
import { DecideRatingRemovalInput, RateOrderInput, RatingResult, ReplyToRatingInput, RequestRatingRemovalInput } from './rating.schema';
import { RATE, RATING_STEPS, ratingMachine } from './rating.machine';

type RatingOutcome = Promise<Rating | ErrorResult>;

function step(name: keyof typeof RATING_STEPS, context: AppContext, input: object, idPath?: string[]): RatingOutcome {
  return runStep(context.em, ratingMachine, name, { viewer: viewerOf(context), config: context.config, input: { ...input }, idPath });
}

/** Thin: customers rate, sellers reply and ask for removal, the operator decides (the steps' roles). */
@Resolver()
export class RatingMutations {
  /** Rating is a step on the order: its lock makes two first ratings wait for each other. */
  @Authorized(rolesOf(RATE))
  @Mutation(() => RatingResult)
  rateOrder(@Arg('input') input: RateOrderInput, @Ctx() context: AppContext): RatingOutcome {
    return runStep(context.em, orderMachine, 'RATE', { viewer: viewerOf(context), config: context.config, input: { ...input } }) as RatingOutcome;
  }

  @Authorized(rolesOf(RATING_STEPS.REPLY))
  @Mutation(() => RatingResult)
  replyToRating(@Arg('input') input: ReplyToRatingInput, @Ctx() context: AppContext): RatingOutcome {
    return step('REPLY', context, input);
  }

  @Authorized(rolesOf(RATING_STEPS.DELETE_REPLY))
  @Mutation(() => RatingResult)
  deleteRatingReply(@Arg('ratingId', () => ID) ratingId: string, @Ctx() context: AppContext): RatingOutcome {
    return step('DELETE_REPLY', context, { ratingId }, ['ratingId']);
  }

  @Authorized(rolesOf(RATING_STEPS.REQUEST_REMOVAL))
  @Mutation(() => RatingResult)
  requestRatingRemoval(@Arg('input') input: RequestRatingRemovalInput, @Ctx() context: AppContext): RatingOutcome {
    return step('REQUEST_REMOVAL', context, input);
  }

  @Authorized(rolesOf(RATING_STEPS.DECIDE_REMOVAL))
  @Mutation(() => RatingResult)
  decideRatingRemoval(@Arg('input') input: DecideRatingRemovalInput, @Ctx() context: AppContext): RatingOutcome {
    return step('DECIDE_REMOVAL', context, input);
  }
}

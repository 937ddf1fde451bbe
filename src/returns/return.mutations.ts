import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/role';
import { AppContext, viewerOf } from '../context';
import { acceptReturn, cancelReturn, markReturnReceived, rejectReturn, setReturnTracking } from './return-actions';
import { RejectReturnInput, RefundReturnInput, RequestReturnInput, ReturnActionInput, ReturnResult, SetReturnTrackingInput } from './return.inputs';
import { refundReturn } from './return-refund';
import { requestReturn } from './return-request';
import { ReturnOutcome } from './return-workflow';

const SELLER_SIDE = [Role.SELLER, Role.OPERATOR];
const CUSTOMER_SIDE = [Role.CUSTOMER, Role.OPERATOR];

/** Thin: customers request, track and cancel; sellers decide, receive and refund; operators may do all. */
@Resolver()
export class ReturnMutations {
  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => ReturnResult)
  requestReturn(@Arg('input') input: RequestReturnInput, @Ctx() context: AppContext): Promise<ReturnOutcome> {
    return requestReturn(context.em, viewerOf(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => ReturnResult)
  acceptReturn(@Arg('input') input: ReturnActionInput, @Ctx() context: AppContext): Promise<ReturnOutcome> {
    return acceptReturn(context.em, viewerOf(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => ReturnResult)
  rejectReturn(@Arg('input') input: RejectReturnInput, @Ctx() context: AppContext): Promise<ReturnOutcome> {
    return rejectReturn(context.em, viewerOf(context), input);
  }

  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => ReturnResult)
  setReturnTracking(@Arg('input') input: SetReturnTrackingInput, @Ctx() context: AppContext): Promise<ReturnOutcome> {
    return setReturnTracking(context.em, viewerOf(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => ReturnResult)
  markReturnReceived(@Arg('input') input: ReturnActionInput, @Ctx() context: AppContext): Promise<ReturnOutcome> {
    return markReturnReceived(context.em, viewerOf(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => ReturnResult)
  refundReturn(@Arg('input') input: RefundReturnInput, @Ctx() context: AppContext): Promise<ReturnOutcome> {
    return refundReturn(context.em, viewerOf(context), input);
  }

  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => ReturnResult)
  cancelReturn(@Arg('input') input: ReturnActionInput, @Ctx() context: AppContext): Promise<ReturnOutcome> {
    return cancelReturn(context.em, viewerOf(context), input);
  }
}

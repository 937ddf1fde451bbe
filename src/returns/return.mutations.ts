import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ErrorResult } from '../common/errors';
import { rolesOf, runStep } from '../common/step-machine';
import { AppContext, viewerOf } from '../context';
import { orderMachine } from '../orders/order.machine';
import { Return } from './return.entity';
import { RejectReturnInput, RefundReturnInput, RequestReturnInput, ReturnActionInput, ReturnResult, SetReturnTrackingInput } from './return.schema';
import { REQUEST_RETURN, RETURN_STEPS, returnMachine } from './return.machine';

type ReturnOutcome = Promise<Return | ErrorResult>;

function step(name: keyof typeof RETURN_STEPS, context: AppContext, input: object): ReturnOutcome {
  return runStep(context.em, returnMachine, name, { viewer: viewerOf(context), config: context.config, input: { ...input } });
}

/** Thin: customers request, track and cancel; sellers decide, receive and refund; operators may do all (the steps' roles). */
@Resolver()
export class ReturnMutations {
  /** Requesting a return is a step on its order: the order is locked while units are counted. */
  @Authorized(rolesOf(REQUEST_RETURN))
  @Mutation(() => ReturnResult)
  requestReturn(@Arg('input') input: RequestReturnInput, @Ctx() context: AppContext): ReturnOutcome {
    return runStep(context.em, orderMachine, 'REQUEST_RETURN', { viewer: viewerOf(context), config: context.config, input: { ...input } }) as ReturnOutcome;
  }

  @Authorized(rolesOf(RETURN_STEPS.ACCEPT))
  @Mutation(() => ReturnResult)
  acceptReturn(@Arg('input') input: ReturnActionInput, @Ctx() context: AppContext): ReturnOutcome {
    return step('ACCEPT', context, input);
  }

  @Authorized(rolesOf(RETURN_STEPS.REJECT))
  @Mutation(() => ReturnResult)
  rejectReturn(@Arg('input') input: RejectReturnInput, @Ctx() context: AppContext): ReturnOutcome {
    return step('REJECT', context, input);
  }

  @Authorized(rolesOf(RETURN_STEPS.SET_TRACKING))
  @Mutation(() => ReturnResult)
  setReturnTracking(@Arg('input') input: SetReturnTrackingInput, @Ctx() context: AppContext): ReturnOutcome {
    return step('SET_TRACKING', context, input);
  }

  @Authorized(rolesOf(RETURN_STEPS.MARK_RECEIVED))
  @Mutation(() => ReturnResult)
  markReturnReceived(@Arg('input') input: ReturnActionInput, @Ctx() context: AppContext): ReturnOutcome {
    return step('MARK_RECEIVED', context, input);
  }

  @Authorized(rolesOf(RETURN_STEPS.REFUND))
  @Mutation(() => ReturnResult)
  refundReturn(@Arg('input') input: RefundReturnInput, @Ctx() context: AppContext): ReturnOutcome {
    return step('REFUND', context, input);
  }

  @Authorized(rolesOf(RETURN_STEPS.CANCEL))
  @Mutation(() => ReturnResult)
  cancelReturn(@Arg('input') input: ReturnActionInput, @Ctx() context: AppContext): ReturnOutcome {
    return step('CANCEL', context, input);
  }
}

import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { CUSTOMER_SIDE } from '../auth/role';
import { ErrorResult, NotFoundError } from '../common/errors';
import { rolesOf, runStep } from '../common/step-machine';
import { AppContext, viewerOf } from '../context';
import { checkCarrierDelivery, findShipment } from './order-carrier-delivery';
import { placeOrder } from './order-placement';
import {
  AcceptOrderInput,
  CancelOrderInput,
  OrderActionInput,
  PlaceOrderInput,
  RecordCarrierDeliveryInput,
  RecordPaymentInput,
  RefundOrderInput,
  RefuseOrderInput,
  OrderResult,
  SetTrackingInput,
} from './order.schema';
import { Order } from './order.entity';
import { ORDER_STEPS, orderMachine } from './order.machine';

type OrderOutcome = Promise<Order | ErrorResult>;

/** Runs an order step for the caller; roles, state, guards and the event are the machine's (order.machine.ts). */
function step(name: keyof typeof ORDER_STEPS, context: AppContext, input: object, uuid?: string | null): OrderOutcome {
  return runStep(context.em, orderMachine, name, { viewer: viewerOf(context), config: context.config, input: input as Record<string, unknown>, uuid });
}

/** Thin: each mutation names its step; who may call it is the step's `roles`, declared once. */
@Resolver()
export class OrderMutations {
  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => OrderResult)
  placeOrder(@Arg('input') input: PlaceOrderInput, @Ctx() context: AppContext): OrderOutcome {
    return placeOrder(context.em, viewerOf(context), input, context.config);
  }

  @Authorized(rolesOf(ORDER_STEPS.CONFIRM_DELIVERY))
  @Mutation(() => OrderResult)
  confirmDelivery(@Arg('input') input: OrderActionInput, @Ctx() context: AppContext): OrderOutcome {
    return step('CONFIRM_DELIVERY', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.ACCEPT))
  @Mutation(() => OrderResult)
  acceptOrder(@Arg('input') input: AcceptOrderInput, @Ctx() context: AppContext): OrderOutcome {
    return step('ACCEPT', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.REFUSE))
  @Mutation(() => OrderResult)
  refuseOrder(@Arg('input') input: RefuseOrderInput, @Ctx() context: AppContext): OrderOutcome {
    return step('REFUSE', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.SET_TRACKING))
  @Mutation(() => OrderResult)
  setTracking(@Arg('input') input: SetTrackingInput, @Ctx() context: AppContext): OrderOutcome {
    return step('SET_TRACKING', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.CONFIRM_SHIPMENT))
  @Mutation(() => OrderResult)
  confirmShipment(@Arg('input') input: OrderActionInput, @Ctx() context: AppContext): OrderOutcome {
    return step('CONFIRM_SHIPMENT', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.MARK_READY_FOR_PICKUP))
  @Mutation(() => OrderResult)
  markReadyForPickup(@Arg('input') input: OrderActionInput, @Ctx() context: AppContext): OrderOutcome {
    return step('MARK_READY_FOR_PICKUP', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.CANCEL))
  @Mutation(() => OrderResult)
  cancelOrder(@Arg('input') input: CancelOrderInput, @Ctx() context: AppContext): OrderOutcome {
    return step('CANCEL', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.REFUND))
  @Mutation(() => OrderResult)
  refundOrder(@Arg('input') input: RefundOrderInput, @Ctx() context: AppContext): OrderOutcome {
    return step('REFUND', context, input);
  }

  @Authorized(rolesOf(ORDER_STEPS.RECORD_PAYMENT))
  @Mutation(() => OrderResult)
  recordPayment(@Arg('input') input: RecordPaymentInput, @Ctx() context: AppContext): OrderOutcome {
    return step('RECORD_PAYMENT', context, input);
  }

  /** The report names a shipment, not an order: the order is found by its tracking number first. */
  @Authorized(rolesOf(ORDER_STEPS.RECORD_CARRIER_DELIVERY))
  @Mutation(() => OrderResult)
  async recordCarrierDelivery(@Arg('input') input: RecordCarrierDeliveryInput, @Ctx() context: AppContext): OrderOutcome {
    // An invalid report is refused by the step's own check, before any lookup.
    if (checkCarrierDelivery(input)) return step('RECORD_CARRIER_DELIVERY', context, input, null);
    const uuid = await findShipment(context.em, input);
    if (!uuid) return new NotFoundError('No shipment with this carrier and tracking number');
    return step('RECORD_CARRIER_DELIVERY', context, input, uuid);
  }
}

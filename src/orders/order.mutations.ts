import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { AppContext, viewerOf } from '../context';
import { confirmDelivery, recordCarrierDelivery, recordPayment } from './order-delivery';
import {
  acceptOrder,
  cancelOrder,
  confirmShipment,
  markReadyForPickup,
  OrderDeps,
  refuseOrder,
  setTracking,
} from './order-fulfilment';
import { placeOrder } from './order-placement';
import { refundOrder } from './order-refunds';
import {
  AcceptOrderInput,
  CancelOrderInput,
  OrderActionInput,
  PlaceOrderInput,
  RecordCarrierDeliveryInput,
  RecordPaymentInput,
  RefundOrderInput,
  RefuseOrderInput,
  SetTrackingInput,
} from './order.inputs';
import { OrderResult } from './order.results';
import { OrderOutcome } from './order-workflow';

const SELLER_SIDE = [Role.SELLER, Role.OPERATOR];
const CUSTOMER_SIDE = [Role.CUSTOMER, Role.OPERATOR];

function deps(context: AppContext): OrderDeps {
  return { em: context.em, viewer: viewerOf(context), config: context.config };
}

/** Thin: each mutation hands its input to the order services, which scope, check and apply. */
@Resolver()
export class OrderMutations {
  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => OrderResult)
  placeOrder(@Arg('input') input: PlaceOrderInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return placeOrder(context.em, viewerOf(context), input, context.config);
  }

  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => OrderResult)
  confirmDelivery(@Arg('input') input: OrderActionInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return confirmDelivery(deps(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => OrderResult)
  acceptOrder(@Arg('input') input: AcceptOrderInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return acceptOrder(deps(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => OrderResult)
  refuseOrder(@Arg('input') input: RefuseOrderInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return refuseOrder(deps(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => OrderResult)
  setTracking(@Arg('input') input: SetTrackingInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return setTracking(deps(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => OrderResult)
  confirmShipment(@Arg('input') input: OrderActionInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return confirmShipment(deps(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => OrderResult)
  markReadyForPickup(@Arg('input') input: OrderActionInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return markReadyForPickup(deps(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => OrderResult)
  cancelOrder(@Arg('input') input: CancelOrderInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return cancelOrder(deps(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => OrderResult)
  refundOrder(@Arg('input') input: RefundOrderInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return refundOrder(deps(context), input);
  }

  @Authorized([Role.OPERATOR])
  @Mutation(() => OrderResult)
  recordPayment(@Arg('input') input: RecordPaymentInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return recordPayment(deps(context), input);
  }

  @Authorized([Role.OPERATOR])
  @Mutation(() => OrderResult)
  recordCarrierDelivery(@Arg('input') input: RecordCarrierDeliveryInput, @Ctx() context: AppContext): Promise<OrderOutcome> {
    return recordCarrierDelivery(deps(context), input, clock.now());
  }
}

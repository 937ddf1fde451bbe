import { createUnionType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import {
  AmountExceedsRefundableError,
  DeadlinePassedError,
  InvalidStateError,
  NotFoundError,
  TrackingRequiredError,
  ValidationError,
  VersionConflictError,
} from '../common/errors';
import { DecimalScalar } from '../common/money';
import { Order, PaymentWorkflow } from './order.entity';
import { CancellationReason } from './order-line.entity';
import { RefundReason } from './refund.entity';
import { TrackingFieldsInput } from './tracking';

@InputType()
export class AddressInput {
  @Field() name!: string;
  @Field() street!: string;
  @Field() postalCode!: string;
  @Field() city!: string;
  @Field() countryCode!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@InputType()
export class OrderLineInput {
  @Field() offerSku!: string;
  @Field() productTitle!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar) unitPrice!: string;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => ID) shopId!: string;

  @Field(() => ID, { nullable: true, description: 'OPERATOR only: place on behalf of this customer. A CUSTOMER places for themself.' })
  customerId?: string | null;

  @Field(() => PaymentWorkflow) paymentWorkflow!: PaymentWorkflow;
  @Field(() => [OrderLineInput]) lines!: OrderLineInput[];
  @Field(() => DecimalScalar) shippingPrice!: string;
  @Field(() => AddressInput) shippingAddress!: AddressInput;

  @Field(() => Int, { description: 'Business days the shop needs to ship after acceptance (or payment).' })
  leadTimeToShipDays!: number;

  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class LineDecisionInput {
  @Field(() => ID) lineId!: string;
  @Field() accepted!: boolean;
}

@InputType()
export class AcceptOrderInput {
  @Field(() => ID) orderId!: string;

  @Field(() => [LineDecisionInput], {
    nullable: true,
    description: 'Per-line decisions; omitted = accept every line. Every waiting line must be decided.',
  })
  lines?: LineDecisionInput[] | null;

  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class RefuseOrderInput {
  @Field(() => ID) orderId!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class SetTrackingInput extends TrackingFieldsInput {
  @Field(() => ID) orderId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class OrderActionInput {
  @Field(() => ID) orderId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class CancelOrderInput {
  @Field(() => ID) orderId!: string;

  @Field(() => [ID], { nullable: true, description: 'Omitted = every line that can still be cancelled.' })
  lineIds?: string[] | null;

  @Field() reason!: string;

  @Field(() => CancellationReason, { nullable: true, description: 'Why, as a code; omitted = OTHER. Readable back as OrderLine.cancellationReason.' })
  reasonCode?: CancellationReason | null;

  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

export enum PaymentOutcome {
  PAID = 'PAID',
  FAILED = 'FAILED',
}
registerEnumType(PaymentOutcome, { name: 'PaymentOutcome' });

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) orderId!: string;
  @Field(() => PaymentOutcome) outcome!: PaymentOutcome;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class RecordCarrierDeliveryInput {
  @Field() carrierCode!: string;
  @Field() trackingNumber!: string;
  @Field({ nullable: true }) deliveredAt?: Date;
}

@InputType()
export class RefundLineInput {
  @Field(() => ID) lineId!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Omitted = everything still refundable on the line.' })
  amount?: string | null;
}

@InputType()
export class RefundOrderInput {
  @Field(() => ID) orderId!: string;
  @Field(() => [RefundLineInput], { description: 'May be empty when `shipping` is given.' }) lines!: RefundLineInput[];
  @Field(() => DecimalScalar, { nullable: true, description: 'Shipping to refund as well, at most Order.shippingRefundable.' }) shipping?: string | null;
  @Field(() => RefundReason) reason!: RefundReason;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

/** What every order mutation answers: the order, or why not. */
export const OrderResult = createUnionType({
  name: 'OrderResult',
  types: () =>
    [
      Order,
      NotFoundError,
      InvalidStateError,
      VersionConflictError,
      DeadlinePassedError,
      ValidationError,
      TrackingRequiredError,
      AmountExceedsRefundableError,
    ] as const,
});

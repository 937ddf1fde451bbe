import { createUnionType, Field, ID, InputType, Int } from 'type-graphql';
import {
  AmountExceedsRefundableError,
  DeadlinePassedError,
  InvalidStateError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../common/errors';
import { DecimalScalar } from '../common/money';
import { Return } from './return.entity';
import { ReturnReason, ReturnRejectionReason, ReturnStatus } from './return.status';
import { TrackingFieldsInput } from '../orders/tracking';

export const ReturnResult = createUnionType({
  name: 'ReturnResult',
  types: () =>
    [Return, NotFoundError, InvalidStateError, VersionConflictError, DeadlinePassedError, ValidationError, AmountExceedsRefundableError] as const,
});

@InputType()
export class ReturnFilter {
  @Field(() => [ReturnStatus], { nullable: true }) statuses?: ReturnStatus[] | null;
  @Field(() => ID, { nullable: true }) orderId?: string | null;
}

@InputType()
export class ReturnLineInput {
  @Field(() => ID) lineId!: string;
  @Field(() => Int) quantity!: number;
}

@InputType()
export class RequestReturnInput {
  @Field(() => ID) orderId!: string;
  @Field(() => [ReturnLineInput]) lines!: ReturnLineInput[];
  @Field(() => ReturnReason) reason!: ReturnReason;
  @Field(() => String, { nullable: true, description: 'Up to 2000 characters.' }) comment?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class ReturnActionInput {
  @Field(() => ID) returnId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class RejectReturnInput {
  @Field(() => ID) returnId!: string;
  @Field(() => ReturnRejectionReason) reason!: ReturnRejectionReason;
  @Field(() => String, { nullable: true, description: 'Shown to the customer; up to 2000 characters.' }) message?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class SetReturnTrackingInput extends TrackingFieldsInput {
  @Field(() => ID) returnId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class RefundReturnInput {
  @Field(() => ID) returnId!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Omitted = full value of the returned lines (never more than is still refundable on them).',
  })
  amount?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Shipping to refund with the return, at most Order.shippingRefundable.' })
  shipping?: string | null;

  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

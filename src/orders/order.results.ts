import { createUnionType } from 'type-graphql';
import {
  AmountExceedsRefundableError,
  DeadlinePassedError,
  InvalidStateError,
  NotFoundError,
  TrackingRequiredError,
  ValidationError,
  VersionConflictError,
} from '../common/errors';
import { Order } from './order.entity';

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

import { GraphQLError } from 'graphql';
import { Field, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from './money';

/**
 * Tier 1 of the error model: expected business outcomes. Services return these as members of a
 * mutation's result union; they are never thrown. (Tier 2 is `apiError` below, tier 3 is a bug.)
 */
export enum ErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_STATE = 'INVALID_STATE',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  TRACKING_REQUIRED = 'TRACKING_REQUIRED',
  AMOUNT_EXCEEDS_REFUNDABLE = 'AMOUNT_EXCEEDS_REFUNDABLE',
}
registerEnumType(ErrorCode, { name: 'ErrorCode' });

@InterfaceType('ErrorResult')
export abstract class ErrorResult {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field({ description: "Human-readable, in the viewer's locale." })
  message!: string;
}

@ObjectType({ implements: ErrorResult })
export class NotFoundError extends ErrorResult {
  constructor(message = 'Not found') {
    super();
    this.code = ErrorCode.NOT_FOUND;
    this.message = message;
  }
}

@ObjectType({ implements: ErrorResult, description: 'The entity is in a state from which this action is not allowed.' })
export class InvalidStateError extends ErrorResult {
  @Field()
  currentState: string;

  constructor(currentState: string, message: string) {
    super();
    this.code = ErrorCode.INVALID_STATE;
    this.currentState = currentState;
    this.message = message;
  }
}

@ObjectType({ implements: ErrorResult, description: '`expectedVersion` did not match: someone else changed the entity first.' })
export class VersionConflictError extends ErrorResult {
  @Field(() => Int)
  currentVersion: number;

  constructor(currentVersion: number) {
    super();
    this.code = ErrorCode.VERSION_CONFLICT;
    this.currentVersion = currentVersion;
    this.message = `Expected another version; the current version is ${currentVersion}`;
  }
}

@ObjectType({
  implements: ErrorResult,
  description: 'The window for this action has closed (acceptance deadline, return window, rating window).',
})
export class DeadlinePassedError extends ErrorResult {
  @Field()
  deadline: Date;

  constructor(deadline: Date, message: string) {
    super();
    this.code = ErrorCode.DEADLINE_PASSED;
    this.deadline = deadline;
    this.message = message;
  }
}

@ObjectType({ implements: ErrorResult })
export class ValidationError extends ErrorResult {
  @Field(() => [String], { description: 'Path of the offending input field, e.g. ["input", "trackingNumber"].' })
  field: string[];

  constructor(field: (string | number)[], message: string) {
    super();
    this.code = ErrorCode.VALIDATION_FAILED;
    this.field = field.map(String);
    this.message = message;
  }
}

@ObjectType({ implements: ErrorResult })
export class AlreadyExistsError extends ErrorResult {
  constructor(message: string) {
    super();
    this.code = ErrorCode.ALREADY_EXISTS;
    this.message = message;
  }
}

@ObjectType({
  implements: ErrorResult,
  description: 'Shipment cannot be confirmed before tracking (carrier and tracking number) is set.',
})
export class TrackingRequiredError extends ErrorResult {
  constructor() {
    super();
    this.code = ErrorCode.TRACKING_REQUIRED;
    this.message = 'Set the carrier and tracking number before confirming the shipment';
  }
}

@ObjectType({ implements: ErrorResult })
export class AmountExceedsRefundableError extends ErrorResult {
  @Field(() => Money)
  refundable: Money;

  constructor(refundable: Money, message: string) {
    super();
    this.code = ErrorCode.AMOUNT_EXCEEDS_REFUNDABLE;
    this.refundable = refundable;
    this.message = message;
  }
}

/** Tier 2: generic failures, answered as top-level GraphQL errors with `extensions.code`. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_REQUEST'
  | 'BAD_USER_INPUT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED';

export function apiError(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

import { createUnionType, Field, ID, InputType, Int } from 'type-graphql';
import { AlreadyExistsError, DeadlinePassedError, InvalidStateError, NotFoundError, ValidationError } from '../common/errors';
import { Rating } from './rating.entity';
import { RatingRemovalGround } from './rating.status';

export const RatingResult = createUnionType({
  name: 'RatingResult',
  types: () => [Rating, NotFoundError, InvalidStateError, DeadlinePassedError, ValidationError, AlreadyExistsError] as const,
});

@InputType()
export class RatingFilter {
  @Field(() => [Int], { nullable: true }) grades?: number[] | null;
  @Field(() => Boolean, { nullable: true }) withoutReply?: boolean | null;
}

@InputType()
export class RateOrderInput {
  @Field(() => ID) orderId!: string;
  @Field(() => Int) grade!: number;
  @Field(() => String, { nullable: true, description: 'Up to 2000 characters.' }) comment?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@InputType()
export class ReplyToRatingInput {
  @Field(() => ID) ratingId!: string;
  @Field({ description: 'Up to 2000 characters; replaces the earlier reply if there is one.' }) body!: string;
}

@InputType()
export class RequestRatingRemovalInput {
  @Field(() => ID) ratingId!: string;
  @Field(() => RatingRemovalGround) ground!: RatingRemovalGround;
  @Field({ description: 'For the operator who decides; up to 2000 characters.' }) explanation!: string;
}

@InputType()
export class DecideRatingRemovalInput {
  @Field(() => ID) ratingId!: string;
  @Field() remove!: boolean;
}

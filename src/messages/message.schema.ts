import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class SendMessageInput {
  @Field(() => ID, { nullable: true, description: 'Write in this thread...' })
  threadId?: string | null;

  @Field(() => ID, { nullable: true, description: '...or in the thread of this order, which is created on first use.' })
  orderId?: string | null;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType()
export class MessageThreadFilter {
  @Field(() => Boolean, { nullable: true }) unread?: boolean | null;
  @Field(() => Boolean, { nullable: true }) awaitingReply?: boolean | null;
  @Field(() => ID, { nullable: true }) orderId?: string | null;
}

import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { Order } from '../orders/order.entity';

/**
 * One conversation per order between its customer, its shop and the operators. Participants are
 * stored as the shop and customer ids so every query scopes threads like orders.
 */
@Entity({ tableName: 'message_thread' })
@Index({ properties: ['shopUuid', 'lastMessageAt'] })
@Index({ properties: ['customerUuid', 'lastMessageAt'] })
// The dashboard's thread counts read only unread or waiting threads (Migration20261215120000).
@Index({ name: 'message_thread_shop_uuid_unread_index', expression: `create index "message_thread_shop_uuid_unread_index" on "message_thread" ("shop_uuid") where "message_count" > "shop_read_number"` })
@Index({ name: 'message_thread_customer_uuid_unread_index', expression: `create index "message_thread_customer_uuid_unread_index" on "message_thread" ("customer_uuid") where "message_count" > "customer_read_number"` })
@Index({ name: 'message_thread_shop_uuid_awaiting_reply_index', expression: `create index "message_thread_shop_uuid_awaiting_reply_index" on "message_thread" ("shop_uuid") where "shop_reply_needed_since" is not null` })
@ObjectType({ implements: Node })
export class MessageThread {
  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('MessageThread', this.uuid);
  }

  @ManyToOne(() => Order, { nullable: true, unique: true })
  order?: Order | null;

  @Property({ type: 'uuid' })
  shopUuid!: string;

  @Property({ type: 'uuid' })
  customerUuid!: string;

  @Field()
  @Property({ type: 'text' })
  subject!: string;

  /** Messages so far; each message takes the next number, which orders and pages them. */
  @Property({ type: 'integer' })
  messageCount: number & Opt = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastMessageAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "Set while a customer message waits for the shop's answer." })
  @Property({ type: 'timestamptz', nullable: true })
  shopReplyNeededSince?: Date | null;

  @Field(() => Date, { nullable: true, description: 'The shop should answer by then: one Polish business day after the customer wrote.' })
  @Property({ type: 'timestamptz', nullable: true })
  replyDueAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * Each side's read mark, copied here from thread_read by a trigger (Migration20261215120000) so
   * the dashboard counts unread threads from this row alone. Read-only here: thread_read is where
   * marks are written, and a flush never writes these back (they are never changed in memory).
   */
  @Property({ type: 'integer', default: 0 })
  shopReadNumber: number & Opt = 0;

  @Property({ type: 'integer', default: 0 })
  customerReadNumber: number & Opt = 0;

  @Property({ type: 'integer', default: 0 })
  operatorReadNumber: number & Opt = 0;
}

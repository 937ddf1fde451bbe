import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, Opt, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { Customer } from '../customers/customer.entity';
import type { Order } from '../orders/order.entity';
import { Shop } from '../shops/shop.entity';
import { RatingRemovalGround, RatingRemovalStatus } from './rating.status';

@ObjectType()
export class RatingReply {
  @Field() body!: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

/**
 * A customer's grade for one order (the unique order column makes "one per order" hold under
 * concurrency). Shop and customer are kept on the row so ratings scope like orders.
 */
@Entity({ tableName: 'rating' })
@Index({ properties: ['shop', 'createdAt', 'uuid'] })
@Index({ properties: ['customer', 'createdAt', 'uuid'] })
@Index({ properties: ['createdAt', 'uuid'] })
// The dashboard's count of ratings without a reply reads only those (Migration20261215120000).
@Index({ name: 'rating_shop_id_without_reply_index', expression: `create index "rating_shop_id_without_reply_index" on "rating" ("shop_id") where "reply_body" is null and "removal" <> 'REMOVED'` })
@Index({ name: 'rating_customer_id_without_reply_index', expression: `create index "rating_customer_id_without_reply_index" on "rating" ("customer_id") where "reply_body" is null and "removal" <> 'REMOVED'` })
@ObjectType({ implements: Node })
export class Rating {
  /** Derived getters, never passed to `em.create`. */
  [OptionalProps]?: 'reply';

  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Rating', this.uuid);
  }

  @ManyToOne('Order', { unique: true })
  order!: Order;

  @ManyToOne(() => Shop)
  shop!: Shop;

  @ManyToOne(() => Customer)
  customer!: Customer;

  @Field(() => Int, { description: '1..5' })
  @Property({ type: 'smallint' })
  grade!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'text', nullable: true })
  replyBody?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  replyCreatedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  replyUpdatedAt?: Date | null;

  /** The shop's one public answer; editing it keeps createdAt and moves updatedAt. */
  @Field(() => RatingReply, { nullable: true })
  get reply(): RatingReply | null {
    if (!this.replyBody || !this.replyCreatedAt || !this.replyUpdatedAt) return null;
    return { body: this.replyBody, createdAt: this.replyCreatedAt, updatedAt: this.replyUpdatedAt };
  }

  @Field(() => RatingRemovalStatus)
  @Enum({ items: () => RatingRemovalStatus, type: 'text' })
  removal: RatingRemovalStatus & Opt = RatingRemovalStatus.NONE;

  @Enum({ items: () => RatingRemovalGround, type: 'text', nullable: true })
  removalGround?: RatingRemovalGround | null;

  @Property({ type: 'text', nullable: true })
  removalExplanation?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  removalRequestedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  removalDecidedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}

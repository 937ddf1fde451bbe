import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, Opt, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { Customer } from '../customers/customer.entity';
import { Tracking, trackingOf } from '../orders/tracking';
import type { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { Refund } from '../orders/refund.entity';
import { Shop } from '../shops/shop.entity';
import { ReturnReason, ReturnRejectionReason, ReturnStatus } from './return.status';

/**
 * A customer's withdrawal from (part of) an order. The shop and customer are kept on the row so
 * every query scopes returns exactly like orders (`orderScope`), on indexed columns.
 */
@Entity({ tableName: 'order_return' })
@Index({ properties: ['shop', 'requestedAt', 'uuid'] })
@Index({ properties: ['customer', 'requestedAt', 'uuid'] })
@Index({ properties: ['requestedAt', 'uuid'] })
// The dashboard's return counts read only open rows (Migration20261215120000).
@Index({
  name: 'order_return_shop_id_open_index',
  expression: `create index "order_return_shop_id_open_index" on "order_return" ("shop_id", "refund_due_at") include ("status") where "status" in ('REQUESTED', 'ACCEPTED', 'RECEIVED')`,
})
@Index({
  name: 'order_return_customer_id_open_index',
  expression: `create index "order_return_customer_id_open_index" on "order_return" ("customer_id", "refund_due_at") include ("status") where "status" in ('REQUESTED', 'ACCEPTED', 'RECEIVED')`,
})
@ObjectType('Return', { implements: Node })
export class Return {
  /** Derived getters, never passed to `em.create`. */
  [OptionalProps]?: 'returnTracking';

  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Return', this.uuid);
  }

  @ManyToOne('Order', { index: true })
  order!: Order;

  @ManyToOne(() => Shop)
  shop!: Shop;

  @ManyToOne(() => Customer)
  customer!: Customer;

  @OneToMany(() => ReturnLine, (line) => line.return)
  lines = new Collection<ReturnLine>(this);

  @Field(() => ReturnReason)
  @Enum({ items: () => ReturnReason, type: 'text' })
  reason!: ReturnReason;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => ReturnStatus)
  @Enum({ items: () => ReturnStatus, type: 'text' })
  @Index()
  status!: ReturnStatus;

  @Field()
  @Property({ type: 'timestamptz' })
  requestedAt!: Date;

  @Field({
    description:
      'The end (23:59:59.999 Europe/Warsaw) of the last day the customer could withdraw: the date of receipt + max(14, shop.returnPolicyDays) days, moved to the next business day from a weekend or public holiday.',
  })
  @Property({ type: 'timestamptz' })
  windowEndsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'The refund is due by then: end of the 14th day after the request, Europe/Warsaw; null once REJECTED or CANCELED.' })
  @Property({ type: 'timestamptz', nullable: true })
  refundDueAt?: Date | null;

  @Field({ description: 'The shop should decide by then: two Polish business days after the request, same time of day.' })
  @Property({ type: 'timestamptz' })
  decisionDueAt!: Date;

  @Field(() => ReturnRejectionReason, { nullable: true })
  @Enum({ items: () => ReturnRejectionReason, type: 'text', nullable: true })
  rejectionReason?: ReturnRejectionReason | null;

  @Field(() => String, { nullable: true, description: "The shop's note to the customer when rejecting." })
  @Property({ type: 'text', nullable: true })
  rejectionMessage?: string | null;

  @Property({ type: 'text', nullable: true })
  trackingCarrierCode?: string | null;

  @Property({ type: 'text', nullable: true })
  trackingCarrierName?: string | null;

  @Property({ type: 'text', nullable: true })
  trackingNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  trackingUrl?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  trackingUpdatedAt?: Date | null;

  /** The parcel the customer sends back, once they tell the carrier and number. */
  @Field(() => Tracking, { nullable: true })
  get returnTracking(): Tracking | null {
    return trackingOf(this);
  }

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  receivedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  refundedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  canceledAt?: Date | null;

  @Field()
  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Bumped by every change; clients pass it back as `expectedVersion`. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}

/** How many units of one order line a return takes back. */
@Entity({ tableName: 'return_line' })
@Unique({ properties: ['return', 'line'] })
@ObjectType()
export class ReturnLine {
  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @ManyToOne(() => Return)
  return!: Return;

  @ManyToOne(() => OrderLine, { index: true })
  line!: OrderLine;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;
}

/** The refunds a return paid out (created through the orders module's `applyRefunds`). */
@Entity({ tableName: 'return_refund' })
export class ReturnRefund {
  @ManyToOne(() => Return, { primary: true })
  return!: Return;

  @ManyToOne(() => Refund, { primary: true, unique: true })
  refund!: Refund;
}

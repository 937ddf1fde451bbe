import { randomUUID } from 'node:crypto';
import { BigIntType, Collection, Entity, Enum, Index, ManyToOne, OneToMany, Opt, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money';
import { Node } from '../common/node';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { OrderLine } from './order-line.entity';
import { OrderState } from './order.status';
import { Tracking, trackingOf } from './tracking';

export enum PaymentWorkflow {
  PAY_ON_ACCEPTANCE = 'PAY_ON_ACCEPTANCE',
  PAY_ON_DELIVERY = 'PAY_ON_DELIVERY',
}
registerEnumType(PaymentWorkflow, {
  name: 'PaymentWorkflow',
  valuesConfig: {
    PAY_ON_ACCEPTANCE: { description: 'Paid online: accepted orders wait for the debit before shipping.' },
    PAY_ON_DELIVERY: { description: 'Cash on delivery: accepted orders go straight to shipping.' },
  },
});

@ObjectType()
export class Address {
  @Field() name!: string;
  @Field() street!: string;
  @Field() postalCode!: string;
  @Field() city!: string;
  @Field() countryCode!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@Entity({ tableName: 'order' })
@Index({ properties: ['shop', 'createdAt', 'uuid'] })
@Index({ properties: ['customer', 'createdAt', 'uuid'] })
@Index({ properties: ['createdAt', 'uuid'] })
// Dashboard counts by state, and the UPDATED_AT sort of a shop's or customer's list.
@Index({
  name: 'order_shop_id_state_index',
  expression: 'create index "order_shop_id_state_index" on "order" ("shop_id", "state") include ("acceptance_deadline", "shipping_deadline")',
})
// The deadline sorts: nullable deadlines sort last through coalesce (order.queries.ts).
@Index({
  name: 'order_shop_state_shipping_deadline_sort_index',
  expression: `create index "order_shop_state_shipping_deadline_sort_index" on "order" ("shop_id", "state", (coalesce("shipping_deadline", 'infinity'::timestamptz)), "id")`,
})
@Index({
  name: 'order_shop_shipping_deadline_sort_index',
  expression: `create index "order_shop_shipping_deadline_sort_index" on "order" ("shop_id", (coalesce("shipping_deadline", 'infinity'::timestamptz)), "id")`,
})
@Index({
  name: 'order_shop_state_acceptance_deadline_sort_index',
  expression: `create index "order_shop_state_acceptance_deadline_sort_index" on "order" ("shop_id", "state", (coalesce("acceptance_deadline", 'infinity'::timestamptz)), "id")`,
})
@Index({
  name: 'order_shop_acceptance_deadline_sort_index',
  expression: `create index "order_shop_acceptance_deadline_sort_index" on "order" ("shop_id", (coalesce("acceptance_deadline", 'infinity'::timestamptz)), "id")`,
})
@Index({ properties: ['customer', 'state'] })
@Index({ properties: ['shop', 'updatedAt', 'uuid'] })
@Index({ properties: ['customer', 'updatedAt', 'uuid'] })
@ObjectType({ implements: Node })
export class Order {
  /** Derived getters, never passed to `em.create`. */
  [OptionalProps]?: 'price' | 'shippingPrice' | 'totalPrice' | 'tracking' | 'shippingRefundableMinor' | 'shippingRefundable';

  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Order', this.uuid);
  }

  @Field({ description: 'The reference customers and sellers quote, e.g. 202611270001-A.' })
  @Property({ type: 'text', unique: true })
  reference!: string;

  @ManyToOne(() => Shop)
  shop!: Shop;

  @ManyToOne(() => Customer)
  customer!: Customer;

  /** Derived from the lines on every change (order-state.ts); stored so lists can filter on it. */
  @Field(() => OrderState)
  @Enum({ items: () => OrderState, type: 'text' })
  @Index()
  state!: OrderState;

  @Field(() => PaymentWorkflow)
  @Enum({ items: () => PaymentWorkflow, type: 'text' })
  paymentWorkflow!: PaymentWorkflow;

  @OneToMany(() => OrderLine, (line) => line.order, { orderBy: { index: 'asc' } })
  lines = new Collection<OrderLine>(this);

  /** The lines that are neither REFUSED nor CANCELED, at their placed price; kept by every change (touchOrder). */
  @Property({ type: new BigIntType('number') })
  priceMinor!: number;

  @Property({ type: new BigIntType('number') })
  shippingPriceMinor!: number;

  /** The sum of the order's shipping refunds. */
  @Property({ type: new BigIntType('number') })
  shippingRefundedMinor: number & Opt = 0;

  @Field(() => Money, { description: 'The lines that are neither REFUSED nor CANCELED (refunded lines included; their refunds show in refundedAmount).' })
  get price(): Money {
    return new Money(this.priceMinor);
  }

  @Field(() => Money, { description: 'The shipping price as placed.' })
  get shippingPrice(): Money {
    return new Money(this.shippingPriceMinor);
  }

  @Field(() => Money, { description: 'price + shippingPrice.' })
  get totalPrice(): Money {
    return new Money(this.priceMinor + this.shippingPriceMinor);
  }

  /** What the customer paid for shipping and has not got back: nothing before they paid. */
  get shippingRefundableMinor(): number {
    return this.paidAt ? this.shippingPriceMinor - this.shippingRefundedMinor : 0;
  }

  @Field(() => Money, { description: 'Shipping still refundable: shippingPrice minus shippingRefunds once paid, else 0.' })
  get shippingRefundable(): Money {
    return new Money(this.shippingRefundableMinor);
  }

  @Property({ type: 'json' })
  shippingAddress!: Address;

  @Property({ type: 'text', nullable: true })
  trackingCarrierCode?: string | null;

  @Property({ type: 'text', nullable: true })
  trackingCarrierName?: string | null;

  @Property({ type: 'text', nullable: true })
  @Index()
  trackingNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  trackingUrl?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  trackingUpdatedAt?: Date | null;

  @Field(() => Tracking, { nullable: true })
  get tracking(): Tracking | null {
    return trackingOf(this);
  }

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @Property({ type: 'timestamptz' })
  @Index()
  updatedAt!: Date;

  @Property({ type: 'integer' })
  leadTimeToShipDays!: number;

  @Field(() => Date, { nullable: true, description: 'When WAITING_ACCEPTANCE lines are refused automatically.' })
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  acceptanceDeadline?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When unpaid accepted lines of a prepaid order are canceled (placement + PAYMENT_TIMEOUT); null once paid.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  paymentDeadline?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Shipping must be confirmed by then; counts business days, Polish public holidays excluded.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  shippingDeadline?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When shipped lines become RECEIVED without a report (delivery fallback); null before shipment and after receipt.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  deliveryFallbackAt?: Date | null;

  /**
   * While open incidents hold every shipped line: the time the delivery fallback had left, which it
   * gets back when a line is SHIPPED again (order-deadlines.ts).
   */
  @Property({ type: new BigIntType('number'), nullable: true })
  deliveryFallbackLeftMs?: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the order will become CLOSED by itself; null while an incident or a return on it is open, or it is not RECEIVED.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  closeAt?: Date | null;

  /** When the last incident or return on the order stopped being open: closing waits at least until then. */
  @Property({ type: 'timestamptz', nullable: true })
  afterSalesSettledAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  paidAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  shippedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  receivedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the order became CLOSED.' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /** Bumped by every change; clients pass it back as `expectedVersion`. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}

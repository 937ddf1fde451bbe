import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Enum, ManyToOne, Opt, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money';
import { Node } from '../common/node';
import { OrderLine } from './order-line.entity';
import type { Order } from './order.entity';

export enum RefundReason {
  CUSTOMER_CANCELLED_BEFORE_SHIPPING = 'CUSTOMER_CANCELLED_BEFORE_SHIPPING',
  WITHDRAWAL_NO_REASON = 'WITHDRAWAL_NO_REASON',
  NOT_COLLECTED = 'NOT_COLLECTED',
  LATE_SHIPPING = 'LATE_SHIPPING',
  DAMAGED_PRODUCT = 'DAMAGED_PRODUCT',
  NOT_AS_DESCRIBED = 'NOT_AS_DESCRIBED',
  NOT_DELIVERED_ON_TIME = 'NOT_DELIVERED_ON_TIME',
}
registerEnumType(RefundReason, { name: 'RefundReason' });

@Entity({ tableName: 'refund' })
@ObjectType({ implements: Node })
export class Refund {
  /** Derived getters, never passed to `em.create`. */
  [OptionalProps]?: 'amount';

  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Refund', this.uuid);
  }

  @ManyToOne('Order', { index: true })
  order!: Order;

  @ManyToOne(() => OrderLine)
  line!: OrderLine;

  @Property({ type: new BigIntType('number') })
  amountMinor!: number;

  @Field(() => Money)
  get amount(): Money {
    return new Money(this.amountMinor);
  }

  @Field(() => RefundReason)
  @Enum({ items: () => RefundReason, type: 'text' })
  reason!: RefundReason;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A refund of (part of) the shipping price: the order's, not a line's, so it is no `Refund`. */
@Entity({ tableName: 'shipping_refund' })
@ObjectType({ implements: Node })
export class ShippingRefund {
  /** Derived getters, never passed to `em.create`. */
  [OptionalProps]?: 'amount';

  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('ShippingRefund', this.uuid);
  }

  @ManyToOne('Order', { index: true })
  order!: Order;

  @Property({ type: new BigIntType('number') })
  amountMinor!: number;

  @Field(() => Money)
  get amount(): Money {
    return new Money(this.amountMinor);
  }

  @Field(() => RefundReason)
  @Enum({ items: () => RefundReason, type: 'text' })
  reason!: RefundReason;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

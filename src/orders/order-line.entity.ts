import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Enum, ManyToOne, Opt, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money';
import { Node } from '../common/node';
import type { Order } from './order.entity';
import { OrderLineState } from './order.status';

@Entity({ tableName: 'order_line' })
@Unique({ properties: ['order', 'index'] })
@ObjectType({ implements: Node })
export class OrderLine {
  /** Derived getters, never passed to `em.create`. */
  [OptionalProps]?: 'priceMinor' | 'refundableMinor' | 'unitPrice' | 'price' | 'refundedAmount';

  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('OrderLine', this.uuid);
  }

  @ManyToOne('Order')
  order!: Order;

  @Field(() => Int)
  @Property({ type: 'integer' })
  index!: number;

  @Field()
  @Property({ type: 'text' })
  offerSku!: string;

  @Field()
  @Property({ type: 'text' })
  productTitle!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: new BigIntType('number') })
  unitPriceMinor!: number;

  @Field(() => OrderLineState)
  @Enum({ items: () => OrderLineState, type: 'text' })
  state!: OrderLineState;

  /** Where an INCIDENT_OPEN line returns when its incident closes. */
  @Enum({ items: () => OrderLineState, type: 'text', nullable: true })
  stateBeforeIncident?: OrderLineState | null;

  @Property({ type: new BigIntType('number') })
  refundedMinor: number & Opt = 0;

  get priceMinor(): number {
    return this.unitPriceMinor * this.quantity;
  }

  /** Value not yet refunded; what may actually be refunded also depends on payment (order-refunds.ts). */
  get refundableMinor(): number {
    return this.priceMinor - this.refundedMinor;
  }

  @Field(() => Money)
  get unitPrice(): Money {
    return new Money(this.unitPriceMinor);
  }

  @Field(() => Money)
  get price(): Money {
    return new Money(this.priceMinor);
  }

  @Field(() => Money)
  get refundedAmount(): Money {
    return new Money(this.refundedMinor);
  }

}

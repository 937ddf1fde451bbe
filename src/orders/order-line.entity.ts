import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Enum, ManyToOne, Opt, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money';
import { Node } from '../common/node';
import type { Order } from './order.entity';
import { OrderLineState } from './order.status';

/** Why a shop cancels lines it accepted (`cancelOrder`'s reasonCode); only CUSTOMER_REQUEST leaves its quality alone. */
export enum CancellationReason {
  CUSTOMER_REQUEST = 'CUSTOMER_REQUEST',
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  ADDRESS_PROBLEM = 'ADDRESS_PROBLEM',
  PRICE_ERROR = 'PRICE_ERROR',
  OTHER = 'OTHER',
}
registerEnumType(CancellationReason, { name: 'CancellationReason', description: "Why a shop cancels lines it accepted (`CancelOrderInput.reasonCode`)." });

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

  @Field(() => CancellationReason, { nullable: true, description: "Why the shop canceled the line (`cancelOrder`'s reasonCode); null unless canceled by cancelOrder." })
  @Enum({ items: () => CancellationReason, type: 'text', nullable: true })
  cancellationReason?: CancellationReason | null;

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

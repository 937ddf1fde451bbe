import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Locale } from '../common/locale';
import { Node } from '../common/node';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { NotificationKind } from './notification-kind';

/**
 * The outbox: one row per message the platform owes a customer, written in the same transaction as
 * the change it tells about (outbox.ts) and mailed later by the sender (sender.ts) when SMTP_URL
 * is set. Subject and body are rendered once, in the customer's language at that moment, so what
 * the API shows is exactly what was (or will be) mailed.
 */
@Entity({ tableName: 'customer_notification' })
@Index({ properties: ['customer', 'createdAt', 'uuid'] })
@Index({ properties: ['createdAt', 'uuid'] })
@ObjectType({
  implements: Node,
  description:
    'A message the platform sends the customer on the seller\'s behalf (e-mail through the outbox).\n' +
    'Shipment notifications carry the carrier, tracking number and tracking link.',
})
export class CustomerNotification {
  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('CustomerNotification', this.uuid);
  }

  @ManyToOne(() => Customer)
  customer!: Customer;

  @ManyToOne(() => Order, { nullable: true, index: true })
  order?: Order | null;

  @Field(() => NotificationKind)
  @Enum({ items: () => NotificationKind, type: 'text' })
  kind!: NotificationKind;

  @Field(() => Locale)
  @Enum({ items: () => Locale, type: 'text' })
  locale!: Locale;

  @Field()
  @Property({ type: 'text' })
  subject!: string;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set once the mail transport accepted it.' })
  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  /** Failed sending attempts so far. */
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  /** When the sender should (re)try; null once sent or given up. The sender scans this column. */
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  nextAttemptAt?: Date | null;

  /** The transport's answer to the last failed attempt, for the operator reading the logs. */
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}

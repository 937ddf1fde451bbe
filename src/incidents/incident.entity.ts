import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, Opt, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ActorType } from '../auth/role';
import { Actor } from '../common/events/event.entity';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { IncidentReason, IncidentResolution, IncidentStatus, NOT_THE_SHOPS_FAULT } from './incident.status';

/**
 * A customer's complaint about some lines of an order. Shop and customer are stored as ids (like
 * message threads) so lists, counts and the event log scope incidents exactly like orders.
 */
@Entity({ tableName: 'incident' })
@Index({ properties: ['shopUuid', 'openedAt', 'uuid'] })
@Index({ properties: ['customerUuid', 'openedAt', 'uuid'] })
@Index({ properties: ['openedAt', 'uuid'] })
// The dashboard's open-incident count reads only open rows (Migration20261215120000).
@Index({ name: 'incident_shop_uuid_open_index', expression: `create index "incident_shop_uuid_open_index" on "incident" ("shop_uuid") where "status" <> 'CLOSED'` })
@Index({ name: 'incident_customer_uuid_open_index', expression: `create index "incident_customer_uuid_open_index" on "incident" ("customer_uuid") where "status" <> 'CLOSED'` })
@ObjectType({ implements: Node })
export class Incident {
  /** Derived getters, never passed to `em.create`. */
  [OptionalProps]?: 'openedBy' | 'closedBy' | 'blocksPayout' | 'countsForQuality';

  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Incident', this.uuid);
  }

  @ManyToOne(() => Order, { index: true })
  order!: Order;

  @Property({ type: 'uuid' })
  shopUuid!: string;

  @Property({ type: 'uuid' })
  customerUuid!: string;

  /** The lines complained about; while the incident is open they are INCIDENT_OPEN. */
  @ManyToMany({ entity: () => OrderLine, pivotTable: 'incident_line' })
  lines = new Collection<OrderLine>(this);

  @Field(() => IncidentReason)
  @Enum({ items: () => IncidentReason, type: 'text' })
  reason!: IncidentReason;

  @Field(() => IncidentStatus)
  @Enum({ items: () => IncidentStatus, type: 'text' })
  status!: IncidentStatus;

  @Enum({ items: () => ActorType, type: 'text' })
  openedByType!: ActorType;

  @Property({ type: 'text' })
  openedByName!: string;

  @Field(() => Actor)
  get openedBy(): Actor {
    return { type: this.openedByType, displayName: this.openedByName };
  }

  @Field()
  @Property({ type: 'timestamptz' })
  openedAt!: Date;

  @Field({ description: '24 business hours after opening.' })
  @Property({ type: 'timestamptz' })
  firstResponseDueAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  firstResponseAt?: Date | null;

  @Field({ description: '7 business days after opening.' })
  @Property({ type: 'timestamptz' })
  resolutionDueAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Enum({ items: () => ActorType, type: 'text', nullable: true })
  closedByType?: ActorType | null;

  @Property({ type: 'text', nullable: true })
  closedByName?: string | null;

  @Field(() => Actor, { nullable: true })
  get closedBy(): Actor | null {
    return this.closedByType && this.closedByName ? { type: this.closedByType, displayName: this.closedByName } : null;
  }

  /** While RESOLVED: when it closes by itself unless the customer speaks up (INCIDENT_CLOSE_AFTER). */
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  autoCloseAt?: Date | null;

  @Field({ description: "While an incident is open the shop's payout for the order is blocked." })
  get blocksPayout(): boolean {
    return this.status !== IncidentStatus.CLOSED;
  }

  @Field(() => IncidentResolution, { nullable: true, description: 'How it was settled; null until given (markIncidentResolved) or set by a refund.' })
  @Enum({ items: () => IncidentResolution, type: 'text', nullable: true })
  resolution?: IncidentResolution | null;

  @Field({ description: 'Whether it counts in ShopQuality.incidentRate: false for CARRIER_FAULT and CUSTOMER_ERROR.' })
  get countsForQuality(): boolean {
    return !this.resolution || !NOT_THE_SHOPS_FAULT.includes(this.resolution);
  }

  /** Bumped by every change; clients pass it back as `expectedVersion`. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}

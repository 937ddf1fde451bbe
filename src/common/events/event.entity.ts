import { BigIntType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ActorType } from '../../auth/role';
import { Node } from '../node';
import { EventType } from './event-type';

@ObjectType()
export class Actor {
  @Field(() => ActorType)
  type!: ActorType;

  @Field()
  displayName!: string;
}

/**
 * One entry of the append-only event log. Readers page it by position (`positionTxid`, `id`) below
 * the commit watermark (see event-log.ts), so a resume after a cursor has no gap and no duplicate.
 * Shop and customer columns scope who may see the event.
 */
@Entity({ tableName: 'event' })
@Index({ properties: ['positionTxid', 'id'] })
@Index({ properties: ['shopUuid', 'positionTxid', 'id'] })
@Index({ properties: ['customerUuid', 'positionTxid', 'id'] })
@Index({ properties: ['orderUuid', 'positionTxid', 'id'] })
@ObjectType({
  implements: Node,
  description:
    'One entry of the durable, ordered event log. Every change a viewer may see is an Event.\n' +
    '`cursor` is totally ordered per viewer: a client that stores the last cursor it saw and passes it\n' +
    'back as `after` (to `events` or the `events` subscription) receives every later event exactly once.',
})
export class Event {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  /** The id of the transaction that appended the event (xid8); 0 for events older than the watermark. */
  @Property({ type: 'xid8', defaultRaw: 'pg_current_xact_id()' })
  txid!: string;

  /**
   * The transaction-id part of the event's log position: `txid`, or more when a writer of the same
   * order that took its transaction id later committed first (event-log.ts explains why).
   */
  @Property({ type: 'xid8', defaultRaw: 'pg_current_xact_id()' })
  positionTxid!: string;

  @Field(() => EventType)
  @Enum({ items: () => EventType, type: 'text' })
  type!: EventType;

  @Field()
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Enum({ items: () => ActorType, type: 'text' })
  actorType!: ActorType;

  @Property({ type: 'text' })
  actorName!: string;

  @Field(() => Actor)
  get actor(): Actor {
    return { type: this.actorType, displayName: this.actorName };
  }

  @Property({ type: 'uuid', nullable: true })
  orderUuid?: string | null;

  @Property({ type: 'uuid', nullable: true })
  shopUuid?: string | null;

  @Property({ type: 'uuid', nullable: true })
  customerUuid?: string | null;

  @Property({ type: 'uuid', nullable: true })
  messageUuid?: string | null;

  @Property({ type: 'uuid', nullable: true })
  incidentUuid?: string | null;

  @Property({ type: 'uuid', nullable: true })
  returnUuid?: string | null;

  @Property({ type: 'uuid', nullable: true })
  ratingUuid?: string | null;

  @Field(() => String, { nullable: true, description: 'For state changes: the state before and after.' })
  @Property({ type: 'text', nullable: true })
  fromState?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  toState?: string | null;

  /** What else the event carries (line ids, amounts, reasons); never read by visibility rules. */
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;
}

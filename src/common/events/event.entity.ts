import { BigIntType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ActorType } from '../../auth/role';
import { toGlobalId } from '../global-id';
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
 * One entry of the append-only event log. Ids are handed out in commit order (see event-log.ts),
 * so `id > cursor` is a gap-free resume. Shop and customer columns scope who may see the event.
 */
@Entity({ tableName: 'event' })
@Index({ properties: ['shopUuid', 'id'] })
@Index({ properties: ['customerUuid', 'id'] })
@Index({ properties: ['orderUuid', 'id'] })
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

  @Field(() => ID, { name: 'id' })
  get globalId(): string {
    return toGlobalId('Event', this.id);
  }

  @Field()
  get cursor(): string {
    return encodeEventCursor(this.id);
  }

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

/** Cursors are opaque to clients; they wrap the event id so the format can change later. */
export function encodeEventCursor(id: string): string {
  return Buffer.from(`ev:${id}`, 'utf8').toString('base64url');
}

export function decodeEventCursor(cursor: string): string | undefined {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^ev:([0-9]{1,18})$/.exec(decoded);
  return match?.[1];
}

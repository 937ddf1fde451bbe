import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ActorType } from '../auth/role';
import { Actor } from '../common/events/event.entity';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { MessageThread } from './message-thread.entity';

@Entity({ tableName: 'message' })
@Unique({ properties: ['thread', 'number'] })
@ObjectType({ implements: Node })
export class Message {
  @PrimaryKey({ type: 'uuid', fieldName: 'id' })
  uuid: string & Opt = randomUUID();

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Message', this.uuid);
  }

  @ManyToOne(() => MessageThread)
  thread!: MessageThread;

  /** Position in the thread, from 1: the keyset of message pages and the mark of what a reader has read. */
  @Property({ type: 'integer' })
  number!: number;

  @Enum({ items: () => ActorType, type: 'text' })
  authorType!: ActorType;

  @Property({ type: 'text' })
  authorName!: string;

  @Field(() => Actor)
  get author(): Actor & Opt {
    return { type: this.authorType, displayName: this.authorName };
  }

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field()
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** For a shop message that answered a waiting customer: since when they waited (reply-time quality). */
  @Property({ type: 'timestamptz', nullable: true })
  answeredWaitSince?: Date | null;
}

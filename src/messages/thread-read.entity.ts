import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { MessageThread } from './message-thread.entity';

/**
 * How far one side of a thread has read: the shop (all its sellers), the customer, or the
 * operators. Writing in a thread marks it read up to one's own message.
 */
@Entity({ tableName: 'thread_read' })
export class ThreadRead {
  @ManyToOne(() => MessageThread, { primary: true })
  thread!: MessageThread;

  /** 'SHOP', 'CUSTOMER' or 'OPERATOR'. */
  @PrimaryKey({ type: 'text' })
  reader!: string;

  @Property({ type: 'integer' })
  lastReadNumber!: number;
}

import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byUuid, LoadersOf } from '../common/loaders';
import { Message } from './message.entity';
import { MessageThread } from './message-thread.entity';
import { ThreadRead } from './thread-read.entity';

/** Per-request batching for threads and messages. */
export const messageLoaders = {
  thread: (em: EntityManager) => byUuid(em, MessageThread),
  message: (em: EntityManager) => byUuid(em, Message),
  threadByOrder: (em: EntityManager) =>
    new DataLoader<string, MessageThread | null>(async (orderUuids) => {
      const found = await em.find(MessageThread, { order: { $in: [...orderUuids] } });
      return orderUuids.map((uuid) => found.find((thread) => thread.order?.uuid === uuid) ?? null);
    }),
  /** Keys are "threadUuid:SIDE"; values the side's last read message number (undefined: nothing read). */
  threadRead: (em: EntityManager) =>
    new DataLoader<string, number | undefined>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const found = await em.find(ThreadRead, { $or: pairs.map(([thread, reader]) => ({ thread, reader })) });
      return pairs.map(([thread, reader]) => found.find((row) => row.thread.uuid === thread && row.reader === reader)?.lastReadNumber);
    }),
};

declare module '../common/loaders' {
  interface Loaders extends LoadersOf<typeof messageLoaders> {}
}

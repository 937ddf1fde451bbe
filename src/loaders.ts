import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Customer } from './customers/customer.entity';
import { incidentLoaders } from './incidents/incident-loaders';
import { Message } from './messages/message.entity';
import { MessageThread } from './messages/message-thread.entity';
import { ThreadRead } from './messages/thread-read.entity';
import { notificationsByOrderLoader } from './notifications/notification.queries';
import { Order } from './orders/order.entity';
import { OrderLine } from './orders/order-line.entity';
import { Refund } from './orders/refund.entity';
import { createRatingLoaders } from './ratings/rating-loaders';
import { createReturnLoaders } from './returns/return-loaders';
import { Shop } from './shops/shop.entity';

/**
 * Batches per request: a page of 20 orders costs one query for all their lines, one for their
 * shops and one for their customers, whatever the page size (a test counts them).
 */
export function createLoaders(em: EntityManager) {
  const byUuid = <T extends { uuid: string }>(entity: new () => T) =>
    new DataLoader<string, T | null>(async (uuids) => {
      const found = await em.find(entity, { uuid: { $in: [...uuids] } } as never);
      const map = new Map(found.map((item) => [item.uuid, item]));
      return uuids.map((uuid) => map.get(uuid) ?? null);
    });
  const groupedByOrder = <T extends { order: { uuid: string } }>(entity: new () => T, orderBy: Record<string, 'asc'>) =>
    new DataLoader<string, T[]>(async (orderUuids) => {
      const found = await em.find(entity, { order: { $in: [...orderUuids] } } as never, { orderBy: orderBy as never });
      return orderUuids.map((uuid) => found.filter((item) => item.order.uuid === uuid));
    });
  return {
    order: byUuid(Order),
    orderLine: byUuid(OrderLine),
    shop: byUuid(Shop),
    customer: byUuid(Customer),
    orderLines: groupedByOrder(OrderLine, { index: 'asc' }),
    refunds: groupedByOrder(Refund, { createdAt: 'asc' }),
    thread: byUuid(MessageThread),
    notificationsByOrder: notificationsByOrderLoader(em),
    message: byUuid(Message),
    ...incidentLoaders(em),
    ...createReturnLoaders(em),
    ...createRatingLoaders(em),
    threadByOrder: new DataLoader<string, MessageThread | null>(async (orderUuids) => {
      const found = await em.find(MessageThread, { order: { $in: [...orderUuids] } });
      return orderUuids.map((uuid) => found.find((thread) => thread.order?.uuid === uuid) ?? null);
    }),
    /** Keys are "threadUuid:SIDE"; values the side's last read message number (undefined: nothing read). */
    threadRead: new DataLoader<string, number | undefined>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const found = await em.find(ThreadRead, { $or: pairs.map(([thread, reader]) => ({ thread, reader })) });
      return pairs.map(([thread, reader]) => found.find((row) => row.thread.uuid === thread && row.reader === reader)?.lastReadNumber);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

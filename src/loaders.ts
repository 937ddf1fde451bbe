import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Customer } from './customers/customer.entity';
import { Order } from './orders/order.entity';
import { OrderLine } from './orders/order-line.entity';
import { Refund } from './orders/refund.entity';
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

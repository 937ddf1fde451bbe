import { EntityManager } from '@mikro-orm/postgresql';
import { byUuid, groupedByOrder, LoadersOf } from '../common/loaders';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';
import { Refund, ShippingRefund } from './refund.entity';

/**
 * Batches per request: a page of 20 orders costs one query for all their lines, one for their
 * shops and one for their customers, whatever the page size (test/orders-query.test.ts counts them).
 */
export const orderLoaders = {
  order: (em: EntityManager) => byUuid(em, Order),
  orderLine: (em: EntityManager) => byUuid(em, OrderLine),
  shop: (em: EntityManager) => byUuid(em, Shop),
  customer: (em: EntityManager) => byUuid(em, Customer),
  orderLines: (em: EntityManager) => groupedByOrder(em, OrderLine, { index: 'asc' }),
  refunds: (em: EntityManager) => groupedByOrder(em, Refund, { createdAt: 'asc' }),
  shippingRefunds: (em: EntityManager) => groupedByOrder(em, ShippingRefund, { createdAt: 'asc' }),
};

declare module '../common/loaders' {
  interface Loaders extends LoadersOf<typeof orderLoaders> {}
}

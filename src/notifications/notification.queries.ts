import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { LoadersOf } from '../common/loaders';
import { Field, Int, ObjectType } from 'type-graphql';
import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { encodeCursor, PageArgs, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { CustomerNotification } from './customer-notification.entity';
import { KIND_ORDER } from './notification-kind';

@ObjectType()
export class CustomerNotificationEdge {
  @Field() cursor!: string;
  @Field(() => CustomerNotification) node!: CustomerNotification;
}

@ObjectType()
export class CustomerNotificationConnection {
  @Field(() => [CustomerNotificationEdge]) edges!: CustomerNotificationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counted only when the client selects it (a getter on the returned object). */
  @Field(() => Int) totalCount!: number | Promise<number>;
}

/**
 * Who sees a notification: its customer, operators, and the seller of its order (what the platform
 * told the customer about the seller's own order; it shows nothing the seller does not already know).
 */
export function notificationScope(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === Role.CUSTOMER) return { customer: viewer.customerUuid };
  if (viewer.role === Role.SELLER) return { order: { shop: viewer.shopUuid } };
  return {};
}

/** The viewer's notifications, newest first (an inbox); keyset on (createdAt, id). */
export async function listNotifications(em: EntityManager, viewer: Viewer, args: PageArgs): Promise<CustomerNotificationConnection> {
  const request = pageRequest(args, 'notifications', ['instant', 'uuid']);
  const scope = notificationScope(viewer);
  const where: Record<string, unknown> = { ...scope };
  if (request.cursor) {
    const [at, uuid] = request.cursor as [string, string];
    const op = request.backwards ? '$gt' : '$lt';
    where.$or = [{ createdAt: { [op]: new Date(at) } }, { createdAt: new Date(at), uuid: { [op]: uuid } }];
  }
  const direction = request.backwards ? 'asc' : 'desc';
  const rows = await em.find(CustomerNotification, where, { orderBy: { createdAt: direction, uuid: direction }, limit: request.size + 1 });
  const { nodes, hasMore } = slicePage(rows, request);
  const cursorOf = (notification: CustomerNotification) => encodeCursor('notifications', [notification.createdAt.toISOString(), notification.uuid]);
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    get totalCount() {
      return em.count(CustomerNotification, scope);
    },
  };
}

/** Oldest first; notifications of one transaction in the order of their kinds (a delivery before its rating invitation). */
function chronological(a: CustomerNotification, b: CustomerNotification): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
}

/** Order.notifications for a page of orders in one query. */
export function notificationsByOrderLoader(em: EntityManager): DataLoader<string, CustomerNotification[]> {
  return new DataLoader(async (orderUuids) => {
    const found = await em.find(CustomerNotification, { order: { $in: [...orderUuids] } });
    return orderUuids.map((uuid) => found.filter((notification) => notification.order?.uuid === uuid).sort(chronological));
  });
}

export function findNotification(em: EntityManager, viewer: Viewer, uuid: string): Promise<CustomerNotification | null> {
  return em.findOne(CustomerNotification, { uuid, ...notificationScope(viewer) });
}

export const notificationLoaders = { notificationsByOrder: notificationsByOrderLoader };

declare module '../common/loaders' {
  interface Loaders extends LoadersOf<typeof notificationLoaders> {}
}

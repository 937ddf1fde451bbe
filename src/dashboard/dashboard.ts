import { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { sideOf } from '../messages/message-access';

@ObjectType({ description: "What the seller back office shows under 'stay up to date': counts that need attention." })
export class Dashboard {
  @Field(() => ID, {
    description: "Stable per audience (the shop, the customer, or the whole marketplace): a client cache normalises `viewer { dashboard }` and `dashboardChanged` into one object.",
  })
  id!: string;

  @Field(() => Int) ordersAwaitingAcceptance!: number;
  @Field(() => Int) ordersToShip!: number;
  @Field(() => Int) ordersPastShippingDeadline!: number;
  @Field(() => Int) openIncidents!: number;
  @Field(() => Int) returnsAwaitingDecision!: number;
  @Field(() => Int, { description: 'Returns whose refund is overdue (`Return.refundOverdue`).' }) returnsRefundOverdue!: number;
  @Field(() => Int) unreadThreads!: number;
  @Field(() => Int) threadsAwaitingReply!: number;
  @Field(() => Int) ratingsWithoutReply!: number;
}

/** The dashboard's id: what its counts are about, opaque like every id of the API. */
export function dashboardId(viewer: Viewer): string {
  const audience = viewer.role === Role.SELLER ? `shop:${viewer.shopUuid}` : viewer.role === Role.CUSTOMER ? `customer:${viewer.customerUuid}` : 'marketplace';
  return Buffer.from(`Dashboard:${audience}`).toString('base64');
}

/** The column of message_thread holding each side's read mark. */
const READ_MARK_COLUMNS: Record<ReturnType<typeof sideOf>, string> = {
  SHOP: 'shop_read_number',
  CUSTOMER: 'customer_read_number',
  OPERATOR: 'operator_read_number',
};

/** `and <column> = ?` for the viewer's scope, with its binding; operators see the whole marketplace. */
function scope(viewer: Viewer, shopColumn: string, customerColumn: string): [string, unknown[]] {
  if (viewer.role === Role.SELLER) return [`and ${shopColumn} = ?`, [viewer.shopUuid]];
  if (viewer.role === Role.CUSTOMER) return [`and ${customerColumn} = ?`, [viewer.customerUuid]];
  return ['', []];
}

/**
 * Every count in a few aggregate statements; orders are counted through the (shop_id|customer_id,
 * state) indexes. For a customer the same counts describe their own orders and threads
 * (threadsAwaitingReply: where the shop owes them an answer).
 */
export async function computeDashboard(em: EntityManager, viewer: Viewer, now: Date): Promise<Dashboard> {
  const connection = em.getConnection();
  const [orderScope, orderParams] = scope(viewer, 'o.shop_id', 'o.customer_id');
  const [incidentScope, incidentParams] = scope(viewer, 'i.shop_uuid', 'i.customer_uuid');
  const [returnScope, returnParams] = scope(viewer, 'r.shop_id', 'r.customer_id');
  const [ratingScope, ratingParams] = scope(viewer, 'g.shop_id', 'g.customer_id');
  const [orders] = await connection.execute<Record<string, string>[]>(
    `select
       count(*) filter (where o.state = 'WAITING_ACCEPTANCE') as awaiting,
       count(*) filter (where o.state = 'SHIPPING') as to_ship,
       count(*) filter (where o.state = 'SHIPPING' and o.shipping_deadline <= ?) as late,
       (select count(*) from incident i where i.status <> 'CLOSED' ${incidentScope}) as incidents,
       (select count(*) from order_return r where r.status = 'REQUESTED' ${returnScope}) as returns_awaiting,
       (select count(*) from order_return r where r.status in ('REQUESTED', 'ACCEPTED', 'RECEIVED') and r.refund_due_at < ? ${returnScope}) as returns_refund_overdue,
       (select count(*) from rating g where g.removal <> 'REMOVED' and g.reply_body is null ${ratingScope}) as ratings_without_reply
     from "order" o
     where o.state in ('WAITING_ACCEPTANCE', 'SHIPPING') ${orderScope}`,
    [now, ...incidentParams, ...returnParams, now, ...returnParams, ...ratingParams, ...orderParams],
  );
  // Each side's read mark is on the thread itself (MessageThread.shopReadNumber …): each count is a condition on one row, held by a partial index.
  const [threadScope, threadParams] = scope(viewer, 't.shop_uuid', 't.customer_uuid');
  const readMark = READ_MARK_COLUMNS[sideOf(viewer)];
  const [threads] = await connection.execute<Record<string, string>[]>(
    `select
       (select count(*) from message_thread t where t.message_count > t.${readMark} ${threadScope}) as unread,
       (select count(*) from message_thread t where t.shop_reply_needed_since is not null ${threadScope}) as awaiting_reply`,
    [...threadParams, ...threadParams],
  );
  return {
    id: dashboardId(viewer),
    ordersAwaitingAcceptance: Number(orders.awaiting),
    ordersToShip: Number(orders.to_ship),
    ordersPastShippingDeadline: Number(orders.late),
    openIncidents: Number(orders.incidents),
    returnsAwaitingDecision: Number(orders.returns_awaiting),
    returnsRefundOverdue: Number(orders.returns_refund_overdue),
    unreadThreads: Number(threads.unread),
    threadsAwaitingReply: Number(threads.awaiting_reply),
    ratingsWithoutReply: Number(orders.ratings_without_reply),
  };
}

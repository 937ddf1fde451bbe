import { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ShopQuality {
  @Field(() => Int) windowDays!: number;
  @Field(() => Int) ordersCount!: number;
  @Field(() => Float, { nullable: true, description: 'Accepted lines / decided lines, 0..1.' }) acceptanceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean seconds from order placed to decision.' }) averageAcceptanceSeconds!: number | null;
  @Field(() => Float, { nullable: true, description: 'Orders shipped after their shipping deadline / shipped orders.' }) lateShipmentRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Orders with an incident that counts for quality / orders.' }) incidentRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Accepted orders the shop canceled lines of, not at the customer's request / accepted orders, 0..1.",
  })
  cancellationRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Orders with a return / received orders.' }) returnRate!: number | null;
  @Field(() => Float, { nullable: true, description: "Mean seconds from a customer message to the shop's reply." }) averageReplySeconds!: number | null;
  @Field(() => Float, { nullable: true }) averageRating!: number | null;
}

export const DEFAULT_WINDOW_DAYS = 90;
export const MIN_WINDOW_DAYS = 1;
export const MAX_WINDOW_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A rate, or null when there is nothing to measure yet (no decided line, no shipped order...). */
const ratio = (numerator: string | number, denominator: string | number): number | null =>
  Number(denominator) === 0 ? null : Number(numerator) / Number(denominator);
const numberOrNull = (value: string | number | null): number | null => (value === null ? null : Number(value));

/**
 * The shop's indicators over the orders it received in the window: placed (created_at) after
 * now - windowDays × 24 h and not after now. Every figure is one SQL aggregate over those orders:
 *
 * - ordersCount: the orders.
 * - acceptanceRate: accepted lines / decided lines. A decided line is any line no longer
 *   WAITING_ACCEPTANCE (a line leaves that state only by acceptance or refusal, the refusal of the
 *   acceptance timer included: not answering counts against the shop); accepted = decided and not REFUSED.
 * - averageAcceptanceSeconds: mean over decided orders of placed -> decision, the decision being
 *   order.accepted_at, or for orders refused as a whole the first ORDER_REFUSED event (the timer's
 *   included); auto-accepted orders count with 0.
 * - lateShipmentRate: orders handed to the carrier or made ready for pickup (shipped_at set) after
 *   their shipping_deadline / orders with shipped_at set.
 * - incidentRate: orders with at least one incident (any status) that counts for quality (its
 *   resolution is neither CARRIER_FAULT nor CUSTOMER_ERROR; an unresolved one counts) / all orders.
 * - cancellationRate: orders with a line the shop canceled (cancelOrder) for a reason other than
 *   CUSTOMER_REQUEST / orders with at least one accepted line (accepted_at set); a failed or
 *   timed-out payment is no cancellation of the shop's ("once accepted, you cannot withdraw").
 * - returnRate: orders with at least one return not canceled by the customer / orders received
 *   (received_at set).
 * - averageReplySeconds: mean over the shop's replies in these orders' threads of the wait they
 *   answered (message.answered_wait_since -> the reply's created_at).
 * - averageRating: mean grade of these orders' ratings; ratings the operator removed are left out
 *   (a removal only requested, or refused, still counts).
 */
export async function computeShopQuality(em: EntityManager, shopUuid: string, windowDays: number, now: Date): Promise<ShopQuality> {
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  const [row] = await em.getConnection().execute<Record<string, string | null>[]>(
    `with o as (
       select id, created_at, accepted_at, shipped_at, shipping_deadline, received_at
       from "order" where shop_id = ? and created_at > ? and created_at <= ?
     ),
     lines as (
       select count(*) filter (where l.state <> 'WAITING_ACCEPTANCE') as decided,
              count(*) filter (where l.state not in ('WAITING_ACCEPTANCE', 'REFUSED')) as accepted
       from order_line l join o on o.id = l.order_id
     ),
     decisions as (
       select coalesce(o.accepted_at,
                       (select min(e.occurred_at) from event e where e.order_uuid = o.id and e.type = 'ORDER_REFUSED')) - o.created_at as wait
       from o
     ),
     replies as (
       select m.created_at - m.answered_wait_since as wait
       from message m join message_thread t on t.id = m.thread_id join o on o.id = t.order_id
       where m.answered_wait_since is not null
     )
     select
       (select count(*) from o) as orders,
       (select decided from lines) as decided_lines,
       (select accepted from lines) as accepted_lines,
       (select avg(extract(epoch from wait)) from decisions where wait is not null) as acceptance_seconds,
       (select count(*) from o where shipped_at is not null) as shipped,
       (select count(*) from o where shipped_at > shipping_deadline) as shipped_late,
       (select count(*) from o where received_at is not null) as received,
       (select count(*) from o where exists (select 1 from incident i where i.order_id = o.id
          and (i.resolution is null or i.resolution not in ('CARRIER_FAULT', 'CUSTOMER_ERROR')))) as with_incident,
       (select count(*) from o where accepted_at is not null) as accepted,
       (select count(*) from o where exists (select 1 from order_line l where l.order_id = o.id
          and l.cancellation_reason is not null and l.cancellation_reason <> 'CUSTOMER_REQUEST')) as canceled_by_shop,
       (select count(*) from o where exists (select 1 from order_return r where r.order_id = o.id and r.status <> 'CANCELED')) as with_return,
       (select avg(extract(epoch from wait)) from replies) as reply_seconds,
       (select avg(r.grade)::float8 from rating r join o on o.id = r.order_id where r.removal <> 'REMOVED') as rating`,
    [shopUuid, since, now],
  );
  return {
    windowDays,
    ordersCount: Number(row.orders),
    acceptanceRate: ratio(row.accepted_lines!, row.decided_lines!),
    averageAcceptanceSeconds: numberOrNull(row.acceptance_seconds),
    lateShipmentRate: ratio(row.shipped_late!, row.shipped!),
    incidentRate: ratio(row.with_incident!, row.orders!),
    cancellationRate: ratio(row.canceled_by_shop!, row.accepted!),
    returnRate: ratio(row.with_return!, row.received!),
    averageReplySeconds: numberOrNull(row.reply_seconds),
    averageRating: numberOrNull(row.rating),
  };
}

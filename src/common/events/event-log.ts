import { EntityManager } from '@mikro-orm/postgresql';
import { ActorRef } from '../../auth/viewer';
import { EventType } from './event-type';

/** The NOTIFY channel that wakes every instance after an event commits; the payload is a transaction id only. */
export const EVENTS_CHANNEL = 'event_log';

/*
 * How the log stays lossless without a global lock.
 *
 * Ids come from a sequence at insert time, and transactions commit in another order, so "id > cursor"
 * alone would skip an event that commits after a later id was read. Instead each event carries its
 * transaction id, and readers of the whole log (`events`, subscriptions, the bus) read only below
 * the commit watermark: `pg_snapshot_xmin` of their snapshot, below which every transaction has
 * ended (committed and visible, or rolled back). The set of events below the watermark is final;
 * anything not yet visible belongs to a transaction at or above it, so it sorts after everything
 * already read. Readers page by (position_txid, id) (event-reads.ts); the watermark only rises.
 *
 * Per-order order: an order's events must follow its version order. Two writers of one order queue
 * on its row lock, but PostgreSQL gives a transaction its id at its first write, which can come
 * before that wait (an UPDATE takes its id before waiting for the row; anything written earlier in
 * the transaction does too), so the second writer may hold the smaller id. So an event's position
 * is not its raw transaction id but the greatest of that id and the positions of the order's events
 * already committed, read by the insert statement, which sees the earlier writer's commit (READ
 * COMMITTED: each statement reads a fresh snapshot). Ties go to the larger id, handed out after that
 * commit. The position is never below the transaction's own id, which is all the watermark needs.
 *
 * So that this holds for every writer of an order, also those that do not take its row (a mail
 * sent about it), appends of one order's events queue on a per-order advisory lock, taken just
 * before the insert and held only until the commit; other orders and shops never wait on it. An
 * order's positions therefore rise in commit order, and one order's events (its timeline) can be
 * read in full, without waiting for the watermark.
 *
 * A transaction held open delays the delivery of events committed after it began, never a write;
 * `idle_in_transaction_session_timeout` (src/db/orm.ts) bounds how long.
 */
/** The first key of the per-order advisory locks (the second is the order's hash), apart from single-key locks. */
const ORDER_APPEND_LOCK_CLASS = 7_340_023;

const LOCK_ORDERS_SQL = `
select count(pg_advisory_xact_lock(${ORDER_APPEND_LOCK_CLASS}, h)) from (
  select distinct hashtext(u) as h from jsonb_array_elements_text(?::jsonb) as t(u) order by h
) as keys`;

const APPEND_SQL = `
with draft as (
  select * from jsonb_to_recordset(?::jsonb) as d(
    n int, type text, occurred_at timestamptz, actor_type text, actor_name text, order_uuid uuid, shop_uuid uuid,
    customer_uuid uuid, message_uuid uuid, incident_uuid uuid, return_uuid uuid, rating_uuid uuid,
    from_state text, to_state text, data jsonb)
), placed as (
  select greatest(pg_current_xact_id(), max(e.position_txid)) as position_txid
  from event e where e.order_uuid in (select d.order_uuid from draft d)
), inserted as (
  insert into event (type, occurred_at, actor_type, actor_name, order_uuid, shop_uuid, customer_uuid, message_uuid,
    incident_uuid, return_uuid, rating_uuid, from_state, to_state, data, txid, position_txid)
  select d.type, d.occurred_at, d.actor_type, d.actor_name, d.order_uuid, d.shop_uuid, d.customer_uuid, d.message_uuid,
    d.incident_uuid, d.return_uuid, d.rating_uuid, d.from_state, d.to_state, d.data, pg_current_xact_id(), p.position_txid
  from draft d cross join placed p
  order by d.n
  returning position_txid
)
select pg_notify(?, (select max(position_txid)::text from inserted))`;

export interface EventDraft {
  type: EventType;
  actor: ActorRef;
  occurredAt: Date;
  orderUuid?: string;
  shopUuid?: string;
  customerUuid?: string;
  messageUuid?: string;
  incidentUuid?: string;
  returnUuid?: string;
  ratingUuid?: string;
  fromState?: string | null;
  toState?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends events inside the caller's transaction, in one statement that also queues the NOTIFY
 * PostgreSQL sends on commit, after the per-order locks of the orders concerned (taken in one
 * order, so two appenders never deadlock). Nothing global is locked: other orders' and shops'
 * writes never wait for this one.
 */
export async function appendEvents(em: EntityManager, drafts: readonly EventDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const rows = drafts.map((draft, n) => ({
    n,
    type: draft.type,
    occurred_at: draft.occurredAt.toISOString(),
    actor_type: draft.actor.type,
    actor_name: draft.actor.displayName,
    order_uuid: draft.orderUuid ?? null,
    shop_uuid: draft.shopUuid ?? null,
    customer_uuid: draft.customerUuid ?? null,
    message_uuid: draft.messageUuid ?? null,
    incident_uuid: draft.incidentUuid ?? null,
    return_uuid: draft.returnUuid ?? null,
    rating_uuid: draft.ratingUuid ?? null,
    from_state: draft.fromState ?? null,
    to_state: draft.toState ?? null,
    data: draft.data ?? null,
  }));
  const connection = em.getConnection();
  const orderUuids = [...new Set(drafts.flatMap((draft) => (draft.orderUuid ? [draft.orderUuid] : [])))];
  if (orderUuids.length > 0) await connection.execute(LOCK_ORDERS_SQL, [JSON.stringify(orderUuids)], 'all', em.getTransactionContext());
  await connection.execute(APPEND_SQL, [JSON.stringify(rows), EVENTS_CHANNEL], 'all', em.getTransactionContext());
}

import { EntityManager } from '@mikro-orm/postgresql';
import { ActorRef } from '../../auth/viewer';
import { withCommit } from '../../db/transaction-pipelining';
import { RowWrite } from '../row-writes';
import { transactionRows } from '../transaction-statements';
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
 * Appends events inside the caller's transaction in one statement: `append_events` (a server-side
 * function, Migration20261216000000) takes the per-order locks of the orders concerned (in one
 * order, so two appenders never deadlock; the first key 7340023 keeps them apart from single-key
 * locks), inserts the events with their positions, and queues the NOTIFY PostgreSQL sends on
 * commit. Nothing global is locked: other orders' and shops' writes never wait for this one.
 * `writes` (the transaction's row changes, src/common/row-writes.ts) go in the same statement as
 * data-modifying `with` members: one round trip for a step's rows and its events. With `last`, the
 * statement also commits the transaction (src/db/transaction-pipelining.ts): nothing may follow it.
 */
export async function appendEvents(
  em: EntityManager,
  drafts: readonly EventDraft[],
  writes: readonly RowWrite[] = [],
  { last = false }: { last?: boolean } = {},
): Promise<void> {
  if (drafts.length === 0 && writes.length === 0) return;
  const params: unknown[] = writes.flatMap((write) => write.params);
  let sql = writes.length > 0 ? `with ${writes.map((write, n) => `w${n} as (${write.sql})`).join(', ')} ` : '';
  if (drafts.length === 0) sql += 'select 1';
  else {
    sql += 'select append_events(?::jsonb, ?)';
    params.push(JSON.stringify(drafts.map(eventRow)), EVENTS_CHANNEL);
  }
  await transactionRows(em, last ? withCommit(sql) : sql, params);
}

function eventRow(draft: EventDraft, n: number): Record<string, unknown> {
  return {
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
  };
}

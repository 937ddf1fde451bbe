import { EntityManager, Knex } from '@mikro-orm/postgresql';
import { managedRow } from '../managed-rows';
import { Event } from './event.entity';
import { EventType } from './event-type';
import { CommitSnapshot, LogPosition } from './log-position';

/** The commit watermark of the statement's own snapshot (event-log.ts explains the scheme). */
export const WATERMARK = 'pg_snapshot_xmin(pg_current_snapshot())';

/** Which events a read covers: a viewer's scope and the caller's filters; empty means all. */
export interface LogScope {
  shopUuid?: string;
  customerUuid?: string;
  orderUuids?: readonly string[];
  types?: readonly EventType[] | null;
}

/** One page of released events, with what the reader needs to know about the rest. */
export interface ReleasedPage {
  events: Event[];
  /** The snapshot the page was read in; its xmin is the watermark the page stopped at. */
  snapshot: CommitSnapshot;
  /**
   * The highest position txid among events in scope that have committed but sit at or above the
   * watermark (an older transaction is still open); null when there are none.
   */
  heldBack: bigint | null;
}

export function inScope(query: Knex.QueryBuilder, scope: LogScope, withTypes = true): Knex.QueryBuilder {
  if (scope.shopUuid) query.where('shop_uuid', scope.shopUuid);
  if (scope.customerUuid) query.where('customer_uuid', scope.customerUuid);
  if (scope.orderUuids) query.whereIn('order_uuid', [...scope.orderUuids]);
  if (withTypes && scope.types?.length) query.whereIn('type', [...scope.types]);
  return query;
}

/**
 * The one read of the log, as a single statement: up to `limit` events in scope after `after`,
 * in position order, below the watermark; plus the snapshot and the held-back mark (one row with
 * null event columns when the page is empty). The bus runs it on its own connection, hence a query
 * rather than a function that executes.
 */
export function releasedPageQuery(knex: Knex, scope: LogScope, after: LogPosition, limit: number): Knex.QueryBuilder {
  const page = releasedAfter(inScope(knex('event').select('*'), scope), after)
    .orderBy([{ column: 'position_txid' }, { column: 'id' }])
    .limit(limit);
  return withReleaseMarks(knex, scope, page);
}

/** Narrows a query on `event` to the released events after `after`. */
function releasedAfter(query: Knex.QueryBuilder, after: LogPosition): Knex.QueryBuilder {
  return query
    .whereRaw('(position_txid, id) > (?::xid8, ?::bigint)', [after.txid.toString(), after.id.toString()])
    .whereRaw(`position_txid < ${WATERMARK}`);
}

/**
 * Wraps a page of events in scope with the statement's snapshot and the held-back mark of the
 * scope, in position order; an empty page still gives one row (with null event columns).
 */
function withReleaseMarks(knex: Knex, scope: LogScope, page: Knex.QueryBuilder): Knex.QueryBuilder {
  const heldBack = inScope(knex('event').max('position_txid'), scope, false).whereRaw(`position_txid >= ${WATERMARK}`);
  return knex
    .select(knex.raw('pg_current_snapshot()::text as log_snapshot'), knex.raw('(?)::text as log_held_back', [heldBack]), 'page.*')
    .from(knex.raw('(select 1) as one'))
    .joinRaw('left join lateral ? as page on true', [knex.raw('?', [page])])
    .orderBy([{ column: 'page.position_txid' }, { column: 'page.id' }]);
}

/**
 * `releasedPageQuery` over the whole log as native SQL, built once per knex instance: only its
 * bindings (the position after which to read, the limit) change from one read to the next, and
 * building the statement through knex each time cost the event bus more than running it.
 */
export function wholeLogPageStatement(knex: Knex, limit: number): (after: LogPosition) => { sql: string; bindings: readonly unknown[] } {
  const probe = { txid: 1_000_001n, id: 1_000_002n };
  const { sql, bindings } = releasedPageQuery(knex, {}, probe, limit).toSQL().toNative();
  // The statement's only bindings must be the position and the limit, in this order, or reuse would be wrong.
  if (JSON.stringify(bindings) !== JSON.stringify([probe.txid.toString(), probe.id.toString(), limit])) {
    throw new Error(`the whole-log page statement has unexpected bindings: ${JSON.stringify(bindings)}`);
  }
  return (after) => ({ sql, bindings: [after.txid.toString(), after.id.toString(), limit] });
}

/** What a page's rows say without mapping its events: how many, the last one's position, the snapshot and the held-back mark. */
export function releasedMarks(rows: Record<string, unknown>[]): Omit<ReleasedPage, 'events'> & { count: number; last: LogPosition | null } {
  const first = rows[0];
  const events = rows.filter((row) => row.id !== null && row.id !== undefined);
  const last = events[events.length - 1];
  return {
    count: events.length,
    last: last ? { txid: BigInt(String(last.position_txid)), id: BigInt(String(last.id)) } : null,
    snapshot: CommitSnapshot.parse(String(first.log_snapshot)),
    heldBack: first.log_held_back === null || first.log_held_back === undefined ? null : BigInt(String(first.log_held_back)),
  };
}

/** Maps the rows of `releasedPageQuery` (or any query with its two extra columns). */
export function toReleasedPage(em: EntityManager, rows: Record<string, unknown>[]): ReleasedPage {
  const events: Event[] = [];
  for (const row of rows) {
    const { log_snapshot: _snapshot, log_held_back: _heldBack, ...columns } = row;
    if (columns.id !== null && columns.id !== undefined) events.push(managedRow(em, Event, columns));
  }
  const { snapshot, heldBack } = releasedMarks(rows);
  return { events, snapshot, heldBack };
}

export async function readReleased(em: EntityManager, scope: LogScope, after: LogPosition, limit: number): Promise<ReleasedPage> {
  const rows: Record<string, unknown>[] = await releasedPageQuery(em.getKnex(), scope, after, limit);
  return toReleasedPage(em, rows);
}

/** How long a request waits for events it can already see to pass the watermark. */
const READ_YOUR_WRITES_WAIT_MS = 5_000;
const FIRST_RETRY_MS = 2;
const MAX_RETRY_MS = 50;

/**
 * Reads a page the way a request should: when events in scope have committed but are held back by
 * an older open transaction (usually for a few milliseconds), and the page is not full without
 * them, it waits until those transactions end and reads again, so a client sees its own write in
 * the answer to its next request. A transaction that stays open longer only delays the answer up
 * to READ_YOUR_WRITES_WAIT_MS; the page is then what is final, and the rest follows after the cursor.
 */
export async function readReleasedFresh<T extends { events: unknown[]; snapshot: CommitSnapshot; heldBack: bigint | null }>(
  read: () => Promise<T>,
  isFull: (page: T) => boolean,
): Promise<T> {
  let page = await read();
  if (page.heldBack === null || isFull(page)) return page;
  const target = page.heldBack;
  const giveUpAt = Date.now() + READ_YOUR_WRITES_WAIT_MS;
  let delay = FIRST_RETRY_MS;
  while (page.snapshot.xmin <= target && page.heldBack !== null && Date.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, MAX_RETRY_MS);
    page = await read();
  }
  return page;
}

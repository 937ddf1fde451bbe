import { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../auth/role';
import { Viewer } from '../../auth/viewer';
import { apiError } from '../errors';
import { managedRow } from '../managed-rows';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageInfo } from '../pagination';
import { Event } from './event.entity';
import { EventCodec, eventCodec } from './event-codec';
import { inScope, LogScope, readReleased, readReleasedFresh } from './event-reads';
import { EventType } from './event-type';
import { LOG_START, LogPosition, positionOf } from './log-position';

@ObjectType()
export class EventEdge {
  @Field() cursor!: string;
  @Field(() => Event) node!: Event;
}

@ObjectType()
export class EventConnection {
  @Field(() => [EventEdge]) edges!: EventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

/** The events a viewer may see: a seller its shop's, a customer their own, an operator all. */
export function eventScope(viewer: Viewer): Record<string, string> {
  if (viewer.role === Role.SELLER) return { shopUuid: viewer.shopUuid! };
  if (viewer.role === Role.CUSTOMER) return { customerUuid: viewer.customerUuid! };
  return {};
}

export interface EventPageArgs {
  after?: string | null;
  first?: number | null;
  types?: EventType[] | null;
  orderUuid?: string;
}

async function pageOf(em: EntityManager, args: { first?: number | null; after?: string | null }): Promise<{ size: number; after: LogPosition; cursors: EventCodec }> {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw apiError('BAD_REQUEST', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  const cursors = await eventCodec(em);
  const after = args.after ? cursors.decodeCursor(args.after) : LOG_START;
  if (!after) throw apiError('BAD_REQUEST', 'after is not an event cursor');
  return { size, after, cursors };
}

/** Events after a cursor, oldest first, in log order, below the commit watermark (event-log.ts). */
export async function listEvents(em: EntityManager, viewer: Viewer, args: EventPageArgs): Promise<EventConnection> {
  const { size, after, cursors } = await pageOf(em, args);
  const scope: LogScope = { ...eventScope(viewer), types: args.types, orderUuids: args.orderUuid ? [args.orderUuid] : undefined };
  const page = await readReleasedFresh(
    () => readReleased(em, scope, after, size + 1),
    (read) => read.events.length > size,
  );
  return toConnection(page.events, size, cursors, args.after);
}

/**
 * The timelines of many orders in one statement (a page of orders asking for `timeline`): the
 * first `first + 1` events of each order after the cursor, numbered per order by a window. An
 * order's events are appended one transaction at a time (event-log.ts), so their positions rise in
 * commit order and every committed one can be shown at once: no watermark to wait for, and a
 * transaction held open elsewhere never delays a mutation's answer that shows the order's timeline.
 */
export async function listTimelines(
  em: EntityManager,
  viewer: Viewer,
  orderUuids: readonly string[],
  args: { first?: number | null; after?: string | null },
): Promise<Map<string, EventConnection>> {
  const { size, after, cursors } = await pageOf(em, args);
  const knex = em.getKnex();
  const numbered = inScope(knex('event'), { ...eventScope(viewer), orderUuids })
    .select('*', knex.raw('row_number() over (partition by order_uuid order by position_txid, id) as position_in_order'))
    .whereRaw('(position_txid, id) > (?::xid8, ?::bigint)', [after.txid.toString(), after.id.toString()]);
  const rows: Record<string, unknown>[] = await knex
    .select('*')
    .from(numbered.as('numbered'))
    .where('position_in_order', '<=', size + 1)
    .orderBy([{ column: 'position_txid' }, { column: 'id' }]);
  const byOrder = new Map<string, Event[]>(orderUuids.map((uuid) => [uuid, []]));
  for (const row of rows) {
    delete row.position_in_order;
    const event = managedRow(em, Event, row);
    byOrder.get(event.orderUuid!)?.push(event);
  }
  return new Map([...byOrder].map(([uuid, events]) => [uuid, toConnection(events, size, cursors, args.after)]));
}

function toConnection(rows: Event[], size: number, cursors: EventCodec, after?: string | null): EventConnection {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: cursors.encodeCursor(positionOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? after ?? null,
    },
  };
}

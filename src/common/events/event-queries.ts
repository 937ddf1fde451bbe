import { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../auth/role';
import { Viewer } from '../../auth/viewer';
import { apiError } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageInfo } from '../pagination';
import { decodeEventCursor, Event } from './event.entity';
import { EventType } from './event-type';

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

function pageOf(args: { first?: number | null; after?: string | null }): { size: number; afterId: string } {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw apiError('BAD_REQUEST', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  const afterId = args.after ? decodeEventCursor(args.after) : '0';
  if (afterId === undefined) throw apiError('BAD_REQUEST', 'after is not an event cursor');
  return { size, afterId };
}

/** Events after a cursor, oldest first, in commit order (ids are handed out under the log lock). */
export async function listEvents(em: EntityManager, viewer: Viewer, args: EventPageArgs): Promise<EventConnection> {
  const { size, afterId } = pageOf(args);
  const where: Record<string, unknown> = { ...eventScope(viewer), id: { $gt: afterId } };
  if (args.types?.length) where.type = { $in: args.types };
  if (args.orderUuid) where.orderUuid = args.orderUuid;
  const rows = await em.find(Event, where, { orderBy: { id: 'asc' }, limit: size + 1 });
  return toConnection(rows, size, afterId, args.after);
}

/**
 * The timelines of many orders in one statement (a page of orders asking for `timeline`): the
 * first `first + 1` visible events of each order after the cursor, numbered per order by a window.
 */
export async function listTimelines(
  em: EntityManager,
  viewer: Viewer,
  orderUuids: readonly string[],
  args: { first?: number | null; after?: string | null },
): Promise<Map<string, EventConnection>> {
  const { size, afterId } = pageOf(args);
  const knex = em.getKnex();
  const scope = eventScope(viewer);
  const numbered = knex('event')
    .select('*', knex.raw('row_number() over (partition by order_uuid order by id) as position_in_order'))
    .whereIn('order_uuid', [...orderUuids])
    .where('id', '>', afterId);
  if (scope.shopUuid) numbered.where('shop_uuid', scope.shopUuid);
  if (scope.customerUuid) numbered.where('customer_uuid', scope.customerUuid);
  const rows: Record<string, unknown>[] = await knex.select('*').from(numbered.as('numbered')).where('position_in_order', '<=', size + 1).orderBy('id');
  const byOrder = new Map<string, Event[]>(orderUuids.map((uuid) => [uuid, []]));
  for (const row of rows) {
    delete row.position_in_order;
    const event = em.map(Event, row);
    byOrder.get(event.orderUuid!)?.push(event);
  }
  return new Map([...byOrder].map(([uuid, events]) => [uuid, toConnection(events, size, afterId, args.after)]));
}

function toConnection(rows: Event[], size: number, afterId: string, after?: string | null): EventConnection {
  const nodes = rows.slice(0, size);
  return {
    edges: nodes.map((node) => ({ cursor: node.cursor, node })),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: afterId !== '0',
      startCursor: nodes[0]?.cursor ?? null,
      endCursor: nodes[nodes.length - 1]?.cursor ?? after ?? null,
    },
  };
}

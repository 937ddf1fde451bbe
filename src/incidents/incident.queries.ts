import { EntityManager } from '@mikro-orm/postgresql';
import { Knex } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { clock } from '../common/clock';
import { apiError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { encodeCursor, PageArgs, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { OVERDUE_SQL } from './incident-deadlines';
import { Incident } from './incident.entity';
import { IncidentFilter } from './incident.schema';
import { tenantScope, Viewer } from '../auth/viewer';

/** What a viewer may see of incidents: the tenant rule on the incident's own shop and customer columns. */
export function incidentScope(viewer: Viewer | null): Record<string, string> {
  return tenantScope(viewer, { shop: 'shopUuid', customer: 'customerUuid' });
}

@ObjectType()
export class IncidentEdge {
  @Field() cursor!: string;
  @Field(() => Incident) node!: Incident;
}

@ObjectType()
export class IncidentConnection {
  @Field(() => [IncidentEdge]) edges!: IncidentEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counted only when the client selects it (a getter on the returned object). */
  @Field(() => Int) totalCount!: number | Promise<number>;
}

/** The viewer's scope and the client's filters, shared by the page query and its count. */
function applyFilters(query: Knex.QueryBuilder, viewer: Viewer, filter: IncidentFilter | null | undefined, now: Date): void {
  const scope = incidentScope(viewer);
  if (scope.shopUuid) query.where('i.shop_uuid', scope.shopUuid);
  if (scope.customerUuid) query.where('i.customer_uuid', scope.customerUuid);
  if (!filter) return;
  if (filter.statuses?.length) query.whereIn('i.status', filter.statuses);
  if (filter.overdue != null) query.whereRaw(filter.overdue ? OVERDUE_SQL : `not ${OVERDUE_SQL}`, [now, now]);
  if (filter.orderId) {
    const orderUuid = localIdOf('Order', filter.orderId);
    if (!orderUuid) throw apiError('BAD_REQUEST', 'filter.orderId is not an order id');
    query.where('i.order_id', orderUuid);
  }
}

/** The viewer's incidents, newest first (keyset on opening time and id), with the contract's filters. */
export async function listIncidents(
  em: EntityManager,
  viewer: Viewer,
  args: PageArgs & { filter?: IncidentFilter | null },
): Promise<IncidentConnection> {
  const request = pageRequest(args, 'incidents', ['instant', 'uuid']);
  const now = clock.now();
  const knex = em.getKnex();
  const ascending = request.backwards;
  const query = knex.select('i.*').from({ i: 'incident' });
  applyFilters(query, viewer, args.filter, now);
  if (request.cursor) {
    const [openedAt, uuid] = request.cursor as [string, string];
    query.whereRaw(`(i.opened_at, i.id) ${ascending ? '>' : '<'} (?::timestamptz, ?::uuid)`, [openedAt, uuid]);
  }
  query.orderByRaw(`i.opened_at ${ascending ? 'asc' : 'desc'}, i.id ${ascending ? 'asc' : 'desc'}`).limit(request.size + 1);
  const rows: Record<string, unknown>[] = await query;
  const { nodes, hasMore } = slicePage(rows.map((row) => em.map(Incident, row)), request);
  const cursorOf = (incident: Incident) => encodeCursor('incidents', [incident.openedAt.toISOString(), incident.uuid]);
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    get totalCount() {
      const countQuery = knex.count({ count: '*' }).from({ i: 'incident' });
      applyFilters(countQuery, viewer, args.filter, now);
      return countQuery.then((rows) => Number((rows as { count: string }[])[0].count));
    },
  };
}

/** One incident the viewer may see; null for anything else. */
export function findIncident(em: EntityManager, viewer: Viewer, uuid: string): Promise<Incident | null> {
  return em.findOne(Incident, { uuid, ...incidentScope(viewer) });
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Knex } from '@mikro-orm/postgresql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../auth/role';
import { tenantScope, Viewer } from '../auth/viewer';
import { clock } from '../common/clock';
import { apiError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { SortDirection } from '../common/locale';
import { encodeCursor, PageArgs, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { Order } from './order.entity';
import { readOrderViews } from './order-views';
import { OrderState } from './order.status';

export enum OrderSortField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  ACCEPTANCE_DEADLINE = 'ACCEPTANCE_DEADLINE',
  SHIPPING_DEADLINE = 'SHIPPING_DEADLINE',
}
registerEnumType(OrderSortField, { name: 'OrderSortField' });

@InputType()
export class OrderSort {
  @Field(() => OrderSortField) field!: OrderSortField;
  @Field(() => SortDirection) direction!: SortDirection;
}

@InputType()
export class OrderFilter {
  @Field(() => [OrderState], { nullable: true }) states?: OrderState[] | null;
  @Field(() => Boolean, { nullable: true }) hasOpenIncident?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Orders whose acceptance or shipping deadline has passed without the action.' })
  overdue?: boolean | null;

  @Field({ nullable: true }) createdAfter?: Date;
  @Field({ nullable: true }) createdBefore?: Date;

  @Field(() => String, { nullable: true, description: "Matches the reference, product titles and the customer's name." })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'OPERATOR only.' })
  shopId?: string | null;
}

@ObjectType()
export class OrderEdge {
  @Field() cursor!: string;
  @Field(() => Order) node!: Order;
}

@ObjectType()
export class OrderConnection {
  @Field(() => [OrderEdge]) edges!: OrderEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counted only when the client selects it (a getter on the returned object). */
  @Field(() => Int) totalCount!: number | Promise<number>;
}

/** Nullable deadlines sort last (as if infinitely far), so keyset comparisons stay total. */
const SORT_EXPRESSIONS: Record<OrderSortField, { sql: string; value: (order: Order) => Date | null | undefined }> = {
  CREATED_AT: { sql: 'o.created_at', value: (order) => order.createdAt },
  UPDATED_AT: { sql: 'o.updated_at', value: (order) => order.updatedAt },
  ACCEPTANCE_DEADLINE: { sql: "coalesce(o.acceptance_deadline, 'infinity'::timestamptz)", value: (order) => order.acceptanceDeadline },
  SHIPPING_DEADLINE: { sql: "coalesce(o.shipping_deadline, 'infinity'::timestamptz)", value: (order) => order.shippingDeadline },
};

const OPEN_INCIDENT_LINE = `exists (select 1 from order_line l where l.order_id = o.id and l.state = 'INCIDENT_OPEN')`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The orders the viewer may see (tenantScope's shop or customer). */
function applyScope(query: Knex.QueryBuilder, viewer: Viewer): void {
  const scope = tenantScope(viewer) as { shop?: string; customer?: string };
  if (scope.shop) query.where('o.shop_id', scope.shop);
  if (scope.customer) query.where('o.customer_id', scope.customer);
}

/** The viewer's scope and the client's filters, shared by the page query and its count. */
function applyFilters(query: Knex.QueryBuilder, viewer: Viewer, filter: OrderFilter | null | undefined): void {
  applyScope(query, viewer);
  if (!filter) return;
  if (filter.shopId) {
    if (viewer.role !== Role.OPERATOR) throw apiError('FORBIDDEN', 'Only operators filter by shop');
    const shopUuid = localIdOf('Shop', filter.shopId);
    if (!shopUuid) throw apiError('BAD_REQUEST', 'filter.shopId is not a shop id');
    query.where('o.shop_id', shopUuid);
  }
  if (filter.states?.length) query.whereIn('o.state', filter.states);
  if (filter.hasOpenIncident === true) query.whereRaw(OPEN_INCIDENT_LINE);
  if (filter.hasOpenIncident === false) query.whereRaw(`not ${OPEN_INCIDENT_LINE}`);
  if (filter.createdAfter) query.where('o.created_at', '>', filter.createdAfter);
  if (filter.createdBefore) query.where('o.created_at', '<', filter.createdBefore);
  if (filter.overdue != null) {
    const now = clock.now();
    const overdue = `((o.state = 'WAITING_ACCEPTANCE' and o.acceptance_deadline <= ?) or (o.state = 'SHIPPING' and o.shipping_deadline <= ?))`;
    query.whereRaw(filter.overdue ? overdue : `not ${overdue}`, [now, now]);
  }
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 200) throw apiError('BAD_REQUEST', 'filter.search must be at most 200 characters');
    const pattern = `%${escapeLike(search)}%`;
    query.where((or) =>
      or
        .where('o.reference', 'ilike', pattern)
        .orWhereRaw('exists (select 1 from order_line l where l.order_id = o.id and l.product_title ilike ?)', [pattern])
        .orWhereRaw('exists (select 1 from customer c where c.id = o.customer_id and c.display_name ilike ?)', [pattern]),
    );
  }
}

export async function listOrders(
  em: EntityManager,
  viewer: Viewer,
  args: PageArgs & { filter?: OrderFilter | null; sort?: OrderSort | null },
  selection?: ReadonlySet<string>,
): Promise<OrderConnection> {
  const sort = args.sort ?? { field: OrderSortField.CREATED_AT, direction: SortDirection.DESC };
  const cursorKind = `orders:${sort.field}:${sort.direction}`;
  const request = pageRequest(args, cursorKind, ['instant?', 'uuid']);
  const expression = SORT_EXPRESSIONS[sort.field];
  const ascending = (sort.direction === SortDirection.ASC) !== request.backwards;
  const direction = ascending ? 'asc' : 'desc';

  const knex = em.getKnex();
  const query = knex.from({ o: 'order' });
  applyFilters(query, viewer, args.filter);
  if (request.cursor) {
    const [value, uuid] = request.cursor as [string | null, string];
    query.whereRaw(`(${expression.sql}, o.id) ${ascending ? '>' : '<'} (?::timestamptz, ?::uuid)`, [value ?? 'infinity', uuid]);
  }
  query.orderByRaw(`${expression.sql} ${direction}, o.id ${direction}`).limit(request.size + 1);
  const { nodes, hasMore } = slicePage(await readOrders(em, query, selection), request);
  const cursorOf = (order: Order) => encodeCursor(cursorKind, [expression.value(order)?.toISOString() ?? null, order.uuid]);

  return {
    // Encoded only when selected: a page read without edge cursors (only pageInfo's) skips 20 of them.
    edges: nodes.map((order) => ({
      get cursor() {
        return cursorOf(order);
      },
      node: order,
    })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    get totalCount() {
      return countTotal();
    },
  };

  async function countTotal(): Promise<number> {
    const countQuery = knex.count({ count: '*' }).from({ o: 'order' });
    applyFilters(countQuery, viewer, args.filter);
    const [row] = (await countQuery) as { count: string }[];
    return Number(row.count);
  }
}

/**
 * The rows of `query` (on "order" aliased `o`) as views when `selection` (the fields the operation
 * reads on each order, order-views.ts) is given: views can serve all of it; else as managed entities.
 */
async function readOrders(em: EntityManager, query: Knex.QueryBuilder, selection: ReadonlySet<string> | undefined): Promise<Order[]> {
  if (selection) return readOrderViews(em, query, selection);
  const rows: Record<string, unknown>[] = await query.select('o.*');
  return rows.map((row) => em.map(Order, row));
}

/** One order the viewer may see, by id or reference; null for anything else. As views when `selection` is given (readOrders). */
export async function findOrder(
  em: EntityManager,
  viewer: Viewer,
  where: { uuid: string } | { reference: string },
  selection?: ReadonlySet<string>,
): Promise<Order | null> {
  if (!selection) return em.findOne(Order, { ...where, ...tenantScope(viewer) });
  const query = em.getKnex().from({ o: 'order' });
  applyScope(query, viewer);
  if ('uuid' in where) query.where('o.id', where.uuid);
  else query.where('o.reference', where.reference);
  const [order] = await readOrders(em, query.limit(1), selection);
  return order ?? null;
}

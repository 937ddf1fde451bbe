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
import { OrderRowsQuery, readOrderViews } from './order-views';
import { preparedRows } from '../common/prepared-statements';
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

/** A page of rows of any reader (OrderRowReader), shaped as OrderConnection. */
export interface OrderPage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

export type OrderListArgs = PageArgs & { filter?: OrderFilter | null; sort?: OrderSort | null };

/**
 * Nullable deadlines sort last (as if infinitely far), so keyset comparisons stay total. A cursor
 * holds the raw column's value (null for a missing deadline) and the order's id.
 */
type SortProperty = 'createdAt' | 'updatedAt' | 'acceptanceDeadline' | 'shippingDeadline';

const SORT_EXPRESSIONS: Record<OrderSortField, { sql: string; column: string; property: SortProperty }> = {
  CREATED_AT: { sql: 'o.created_at', column: 'o.created_at', property: 'createdAt' },
  UPDATED_AT: { sql: 'o.updated_at', column: 'o.updated_at', property: 'updatedAt' },
  ACCEPTANCE_DEADLINE: { sql: "coalesce(o.acceptance_deadline, 'infinity'::timestamptz)", column: 'o.acceptance_deadline', property: 'acceptanceDeadline' },
  SHIPPING_DEADLINE: { sql: "coalesce(o.shipping_deadline, 'infinity'::timestamptz)", column: 'o.shipping_deadline', property: 'shippingDeadline' },
};

/**
 * How a page's rows are read: as views or entities (readOrders), or as answers PostgreSQL built
 * (order-sql.ts). `sortColumn` is the sort's raw column; `cursorValues` answers what a row's cursor
 * holds: that column's value (an Order's `sortProperty`) and the order's id.
 */
export interface OrderRowReader<T> {
  read(query: OrderRowsQuery, sortColumn: string): Promise<T[]>;
  cursorValues(row: T, sortProperty: SortProperty): [Date | null | undefined, string];
}

const OPEN_INCIDENT_LINE = `exists (select 1 from order_line l where l.order_id = o.id and l.state = 'INCIDENT_OPEN')`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A where clause on "order" aliased `o`, as text with `?` placeholders and their values: statements
 * here are written as SQL and bound by knex.raw, not built through knex's query builder per request.
 */
class Conditions {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): void {
    this.clauses.push(clause);
    this.params.push(...params);
  }

  get sql(): string {
    return this.clauses.length ? `where ${this.clauses.join(' and ')}` : '';
  }
}

/** The orders the viewer may see (tenantScope's shop or customer). */
function applyScope(where: Conditions, viewer: Viewer): void {
  const scope = tenantScope(viewer) as { shop?: string; customer?: string };
  if (scope.shop) where.add('o.shop_id = ?', scope.shop);
  if (scope.customer) where.add('o.customer_id = ?', scope.customer);
}

/** The viewer's scope and the client's filters, shared by the page query and its count. */
function applyFilters(where: Conditions, viewer: Viewer, filter: OrderFilter | null | undefined): void {
  applyScope(where, viewer);
  if (!filter) return;
  if (filter.shopId) {
    if (viewer.role !== Role.OPERATOR) throw apiError('FORBIDDEN', 'Only operators filter by shop');
    const shopUuid = localIdOf('Shop', filter.shopId);
    if (!shopUuid) throw apiError('BAD_REQUEST', 'filter.shopId is not a shop id');
    where.add('o.shop_id = ?', shopUuid);
  }
  if (filter.states?.length) where.add(`o.state in (${filter.states.map(() => '?').join(', ')})`, ...filter.states);
  if (filter.hasOpenIncident === true) where.add(OPEN_INCIDENT_LINE);
  if (filter.hasOpenIncident === false) where.add(`not ${OPEN_INCIDENT_LINE}`);
  if (filter.createdAfter) where.add('o.created_at > ?', filter.createdAfter);
  if (filter.createdBefore) where.add('o.created_at < ?', filter.createdBefore);
  if (filter.overdue != null) {
    const now = clock.now();
    const overdue = `((o.state = 'WAITING_ACCEPTANCE' and o.acceptance_deadline <= ?) or (o.state = 'SHIPPING' and o.shipping_deadline <= ?))`;
    where.add(filter.overdue ? overdue : `not ${overdue}`, now, now);
  }
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 200) throw apiError('BAD_REQUEST', 'filter.search must be at most 200 characters');
    const pattern = `%${escapeLike(search)}%`;
    where.add(
      '(o.reference ilike ? or exists (select 1 from order_line l where l.order_id = o.id and l.product_title ilike ?) or exists (select 1 from customer c where c.id = o.customer_id and c.display_name ilike ?))',
      pattern,
      pattern,
      pattern,
    );
  }
}

export function listOrders(em: EntityManager, viewer: Viewer, args: OrderListArgs, selection?: ReadonlySet<string>): Promise<OrderConnection> {
  return readOrderPage(em, viewer, args, {
    read: (query) => readOrders(em, query, selection),
    cursorValues: (order, sortProperty) => [order[sortProperty], order.uuid],
  }) as Promise<OrderConnection>;
}

/** A page of the orders the viewer may see, as `reader` reads them. */
export async function readOrderPage<T>(em: EntityManager, viewer: Viewer, args: OrderListArgs, reader: OrderRowReader<T>): Promise<OrderPage<T>> {
  const sort = args.sort ?? { field: OrderSortField.CREATED_AT, direction: SortDirection.DESC };
  const cursorKind = `orders:${sort.field}:${sort.direction}`;
  const request = pageRequest(args, cursorKind, ['instant?', 'uuid']);
  const expression = SORT_EXPRESSIONS[sort.field];
  const ascending = (sort.direction === SortDirection.ASC) !== request.backwards;
  const direction = ascending ? 'asc' : 'desc';

  const where = new Conditions();
  applyFilters(where, viewer, args.filter);
  if (request.cursor) {
    const [value, uuid] = request.cursor as [string | null, string];
    where.add(`(${expression.sql}, o.id) ${ascending ? '>' : '<'} (?::timestamptz, ?::uuid)`, value ?? 'infinity', uuid);
  }
  const rows: OrderRowsQuery = {
    rest: `${where.sql} order by ${expression.sql} ${direction}, o.id ${direction} limit ?`,
    params: [...where.params, request.size + 1],
  };
  const { nodes, hasMore } = slicePage(await reader.read(rows, expression.column), request);
  const cursorOf = (node: T) => {
    const [value, uuid] = reader.cursorValues(node, expression.property);
    return encodeCursor(cursorKind, [value?.toISOString() ?? null, uuid]);
  };

  return {
    // Encoded only when selected: a page read without edge cursors (only pageInfo's) skips 20 of them.
    edges: nodes.map((node) => ({
      get cursor() {
        return cursorOf(node);
      },
      node,
    })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    get totalCount() {
      return countTotal();
    },
  };

  async function countTotal(): Promise<number> {
    const countWhere = new Conditions();
    applyFilters(countWhere, viewer, args.filter);
    const [row] = await preparedRows(em, `select count(*) as "count" from "order" o ${countWhere.sql}`, countWhere.params);
    return Number(row.count);
  }
}

/**
 * The rows of `query` (on "order" aliased `o`) as views when `selection` (the fields the operation
 * reads on each order, order-views.ts) is given: views can serve all of it; else as managed entities.
 */
async function readOrders(em: EntityManager, query: OrderRowsQuery, selection: ReadonlySet<string> | undefined): Promise<Order[]> {
  if (selection) return readOrderViews(em, query, selection);
  // Not prepared: a column added by a migration while this instance runs would change `o.*`'s row type under a cached plan.
  const { rows } = (await em.getKnex().raw(`select o.* from "order" o ${query.rest}`, query.params as Knex.RawBinding[])) as { rows: Record<string, unknown>[] };
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
  const [order] = await readOrders(em, oneOrder(viewer, where), selection);
  return order ?? null;
}

/** The rows query of findOrder: the order by id or reference, within the viewer's scope. */
export function oneOrder(viewer: Viewer, where: { uuid: string } | { reference: string }): OrderRowsQuery {
  const conditions = new Conditions();
  applyScope(conditions, viewer);
  if ('uuid' in where) conditions.add('o.id = ?', where.uuid);
  else conditions.add('o.reference = ?', where.reference);
  return { rest: `${conditions.sql} limit 1`, params: conditions.params };
}

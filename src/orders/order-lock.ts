import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { Role } from '../auth/role';
import { Customer } from '../customers/customer.entity';
import { holdRows } from '../common/row-writes';
import { Shop } from '../shops/shop.entity';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';

/*
 * Why raw SQL here: every step on an order starts with this read, and building it through
 * MikroORM's `findOne` + `populate` (QueryBuilder, knex, populate planning) cost more CPU than
 * the rest of a refused step together. Fixed statements, mapped to managed entities with `em.map`,
 * give the same entities (identity map, change tracking) for a fraction of it.
 */

/** The scope column a viewer's reads are limited to (src/auth/viewer.ts, tenantScope). */
type ScopeColumn = 'shop_id' | 'customer_id' | null;

function scopeOf(viewer: Viewer | null): { column: ScopeColumn; uuid?: string } {
  if (!viewer || viewer.role === Role.OPERATOR) return { column: null };
  if (viewer.role === Role.SELLER) return { column: 'shop_id', uuid: viewer.shopUuid! };
  return { column: 'customer_id', uuid: viewer.customerUuid! };
}

/**
 * The order's row, locked (`for update of o`: the shop's and customer's rows stay free), with its
 * shop's and customer's rows as JSON. The lines come in a statement of their own, after the lock:
 * when the lock waited for another writer, PostgreSQL re-reads the locked row but hands joined rows
 * as they were when the statement began, and a line another writer just moved would look unmoved.
 * (A shop's or customer's row read with the lock is as it was when the statement began, as if the
 * step had started that moment earlier.)
 */
const lockStatements = new Map<string, string>();
function lockStatement(column: ScopeColumn, skipLocked: boolean): string {
  const key = `${column}/${skipLocked}`;
  let sql = lockStatements.get(key);
  if (!sql) {
    sql =
      `select o.*, to_jsonb(s) as "shop_row", to_jsonb(c) as "customer_row" from "order" o ` +
      `join "shop" s on s."id" = o."shop_id" join "customer" c on c."id" = o."customer_id" ` +
      `where o."id" = ?${column ? ` and o."${column}" = ?` : ''} for update of o${skipLocked ? ' skip locked' : ''}`;
    lockStatements.set(key, sql);
  }
  return sql;
}

const LINES_STATEMENT = `select * from "order_line" where "order_id" = ? order by "index"`;

/**
 * Loads the order with its lines, shop and customer, holding its row lock until commit; null if the
 * viewer may not see it or (skipLocked) another instance holds it. Every writer of anything on an
 * order (an incident, a return, a message) locks the order first, so none waits on another in a cycle.
 * Two statements; entities already in the EntityManager are refreshed with what was read. The
 * order and its lines are held: what a step changes on them is written by src/common/row-writes.ts.
 */
export async function lockOrder(em: EntityManager, uuid: string, viewer: Viewer | null, skipLocked = false): Promise<Order | null> {
  const connection = em.getConnection();
  const context = em.getTransactionContext();
  const scope = scopeOf(viewer);
  const params = scope.column ? [uuid, scope.uuid] : [uuid];
  const [row] = await connection.execute<Record<string, unknown>[]>(lockStatement(scope.column, skipLocked), params, 'all', context);
  if (!row) return null;
  const { shop_row: shopRow, customer_row: customerRow, ...orderRow } = row;
  // Shop and customer first, so the order's references resolve to them.
  em.map(Shop, shopRow as Record<string, unknown>);
  em.map(Customer, customerRow as Record<string, unknown>);
  const order = em.map(Order, orderRow);
  const lineRows = await connection.execute<Record<string, unknown>[]>(LINES_STATEMENT, [uuid], 'all', context);
  const lines = lineRows.map((line) => em.map(OrderLine, line));
  order.lines.hydrate(lines);
  holdRows(em, [order, ...lines]);
  return order;
}

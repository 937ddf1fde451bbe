import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { Role } from '../auth/role';
import { Customer } from '../customers/customer.entity';
import { managedRow } from '../common/managed-rows';
import { holdRows } from '../common/row-writes';
import { transactionRows } from '../common/transaction-statements';
import { Shop } from '../shops/shop.entity';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';

/*
 * Why raw SQL here: every step on an order starts with this read, and building it through
 * MikroORM's `findOne` + `populate` (QueryBuilder, knex, populate planning) cost more CPU than
 * the rest of a refused step together. One fixed statement, mapped to managed entities
 * (src/common/managed-rows.ts), gives the same entities (identity map, change tracking) for a fraction of it.
 */

/** The scope a viewer's reads are limited to (src/auth/viewer.ts, tenantScope): [shop, customer]. */
function scopeOf(viewer: Viewer | null): [string | null, string | null] {
  if (!viewer || viewer.role === Role.OPERATOR) return [null, null];
  if (viewer.role === Role.SELLER) return [viewer.shopUuid!, null];
  return [null, viewer.customerUuid!];
}

/**
 * `lock_order` (Migration20261217100000) locks the order's row (`for update of o`: the shop's and
 * customer's rows stay free) and reads it with its shop's and customer's rows, then, in a statement
 * of its own, its lines: when the lock waited for another writer, PostgreSQL re-reads the locked row
 * but hands joined rows as they were when the statement began, and a line another writer just moved
 * would look unmoved. (A shop's or customer's row read with the lock is as it was when the statement
 * began, as if the step had started that moment earlier.) One round trip for both.
 */
const LOCK_STATEMENT = `select "order_row", "shop_row", "customer_row", "line_rows" from lock_order(?::uuid, ?::uuid, ?::uuid, ?)`;

type Row = Record<string, unknown>;

/**
 * Loads the order with its lines, shop and customer, holding its row lock until commit; null if the
 * viewer may not see it or (skipLocked) another instance holds it. Every writer of anything on an
 * order (an incident, a return, a message) locks the order first, so none waits on another in a cycle.
 * One statement; entities already in the EntityManager are refreshed with what was read. The
 * order and its lines are held: what a step changes on them is written by src/common/row-writes.ts.
 */
export async function lockOrder(em: EntityManager, uuid: string, viewer: Viewer | null, skipLocked = false): Promise<Order | null> {
  const [shop, customer] = scopeOf(viewer);
  const [row] = await transactionRows<{ order_row: Row; shop_row: Row; customer_row: Row; line_rows: Row[] }>(em, LOCK_STATEMENT, [uuid, shop, customer, skipLocked]);
  if (!row) return null;
  // Shop and customer first, so the order's references resolve to them.
  managedRow(em, Shop, row.shop_row);
  managedRow(em, Customer, row.customer_row);
  const order = managedRow(em, Order, row.order_row);
  const lines = row.line_rows.map((line) => managedRow(em, OrderLine, line));
  order.lines.hydrate(lines);
  holdRows(em, [order, ...lines]);
  return order;
}

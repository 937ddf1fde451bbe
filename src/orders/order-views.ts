import { EntityManager } from '@mikro-orm/postgresql';
import { getMetadataStorage } from 'type-graphql';
import { preparedRows } from '../common/prepared-statements';
import { entityView } from '../common/row-views';
import { ViewableFields } from '../common/view-selection';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';

/**
 * Orders read as row views (common/row-views.ts) in one statement: the page's rows with, as JSON,
 * the relations the selection reads (lines, customer, shop), where the entity path took a statement
 * for each and materialised ~90 managed entities per page.
 */

/** The fields a type's entity class declares itself: columns and getters, which a view has too. */
function ownFields(entity: Function): string[] {
  return getMetadataStorage()
    .fields.filter((field) => field.target === entity)
    .map((field) => field.name);
}

let viewable: ViewableFields | undefined;

/**
 * What order views serve: the entities' own fields, and the field resolvers (order.resolver.ts) that
 * accept a view. Anything else (another module's field on Order) makes the page load entities.
 */
export function orderViewableFields(): ViewableFields {
  viewable ??= {
    Order: new Set([
      ...ownFields(Order),
      'stateLabel',
      'shippingAddress',
      'lines',
      'customer',
      'shop',
      'hasOpenIncident',
      'availableActions',
      'refunds',
      'shippingRefunds',
      'timeline',
    ]),
    OrderLine: new Set([...ownFields(OrderLine), 'stateLabel', 'refundable']),
    Customer: new Set(ownFields(Customer)),
    Shop: new Set(ownFields(Shop)),
    // Built by the views' getters, or entities the resolvers load themselves: no view below.
    Money: 'all',
    Tracking: 'all',
    Address: 'all',
    Refund: 'all',
    ShippingRefund: 'all',
    EventConnection: 'all',
  };
  return viewable;
}

/** Order fields whose resolvers read the lines (the rules read them for availableActions). */
const READ_LINES = ['lines', 'hasOpenIncident', 'availableActions'];

/**
 * Rows of "order" aliased `o`: the text after `from "order" o` (where, order by, limit, with `?`
 * placeholders) and its parameters.
 */
export interface OrderRowsQuery {
  rest: string;
  params: unknown[];
}

/** Which relations a page reads with its orders: the shape its statement's select list is built for. */
interface ViewShape {
  lines: boolean;
  customer: boolean;
  shop: boolean;
}

/** Select lists by shape (8 at most): the text is built from the ORM's metadata once, not per request. */
const selectLists = new Map<string, string>();

function selectList(em: EntityManager, shape: ViewShape): string {
  const key = `${+shape.lines}${+shape.customer}${+shape.shop}`;
  let list = selectLists.get(key);
  if (list === undefined) {
    const lines = entityView(em, OrderLine);
    const customers = entityView(em, Customer);
    const shops = entityView(em, Shop);
    const parts = [entityView(em, Order).columns('o')];
    if (shape.lines) {
      parts.push(`(select coalesce(json_agg(${lines.json('l')} order by l."index"), '[]'::json) from "${lines.table}" l where l.order_id = o.id) as "__lines"`);
    }
    if (shape.customer) parts.push(`(select ${customers.json('c')} from "${customers.table}" c where c.id = o.customer_id) as "__customer"`);
    if (shape.shop) parts.push(`(select ${shops.json('s')} from "${shops.table}" s where s.id = o.shop_id) as "__shop"`);
    selectLists.set(key, (list = parts.join(', ')));
  }
  return list;
}

/**
 * Runs `query` as one statement that also reads the relations `selected` needs, and answers views.
 * The statement is plain text (its select list cached per shape), prepared by name
 * (common/prepared-statements.ts): no query builder per request (~5% of a page read's CPU), and
 * PostgreSQL plans it once per connection.
 */
export async function readOrderViews(em: EntityManager, query: OrderRowsQuery, selected: ReadonlySet<string>): Promise<Order[]> {
  const shape: ViewShape = {
    lines: READ_LINES.some((field) => selected.has(field)),
    customer: selected.has('customer'),
    shop: selected.has('shop'),
  };
  const orders = entityView(em, Order);
  const lines = entityView(em, OrderLine);
  const customers = entityView(em, Customer);
  const shops = entityView(em, Shop);
  const rows = await preparedRows(em, `select ${selectList(em, shape)} from "order" o ${query.rest}`, query.params);
  return rows.map((row) => {
    const loaded: Record<string, unknown> = {};
    if (shape.customer) loaded.customer = customers.fromRow(row.__customer as Record<string, unknown>);
    if (shape.shop) loaded.shop = shops.fromRow(row.__shop as Record<string, unknown>);
    const order = orders.fromRow(row, loaded);
    if (shape.lines) {
      const orderLines = (row.__lines as Record<string, unknown>[]).map((line) => lines.fromRow(line, { order }));
      order.lines.hydrate(orderLines);
    }
    return order;
  });
}

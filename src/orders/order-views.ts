import { EntityManager, Knex } from '@mikro-orm/postgresql';
import { getMetadataStorage } from 'type-graphql';
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
 * Runs `query` (rows of "order" aliased `o`, filtered and ordered) as one statement that also reads
 * the relations `selected` needs, and answers views.
 */
export async function readOrderViews(em: EntityManager, query: Knex.QueryBuilder, selected: ReadonlySet<string>): Promise<Order[]> {
  const knex = em.getKnex();
  const orders = entityView(em, Order);
  const lines = entityView(em, OrderLine);
  const customers = entityView(em, Customer);
  const shops = entityView(em, Shop);
  const withLines = READ_LINES.some((field) => selected.has(field));
  const withCustomer = selected.has('customer');
  const withShop = selected.has('shop');
  query.select(knex.raw(orders.columns('o')));
  if (withLines) {
    query.select(
      knex.raw(`(select coalesce(json_agg(${lines.json('l')} order by l."index"), '[]'::json) from "${lines.table}" l where l.order_id = o.id) as "__lines"`),
    );
  }
  if (withCustomer) query.select(knex.raw(`(select ${customers.json('c')} from "${customers.table}" c where c.id = o.customer_id) as "__customer"`));
  if (withShop) query.select(knex.raw(`(select ${shops.json('s')} from "${shops.table}" s where s.id = o.shop_id) as "__shop"`));
  const rows: Record<string, unknown>[] = await query;
  return rows.map((row) => {
    const loaded: Record<string, unknown> = {};
    if (withCustomer) loaded.customer = customers.fromRow(row.__customer as Record<string, unknown>);
    if (withShop) loaded.shop = shops.fromRow(row.__shop as Record<string, unknown>);
    const order = orders.fromRow(row, loaded);
    if (withLines) {
      const orderLines = (row.__lines as Record<string, unknown>[]).map((line) => lines.fromRow(line, { order }));
      order.lines.hydrate(orderLines);
    }
    return order;
  });
}

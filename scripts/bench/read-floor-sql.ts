import { OrderLineState, stateLabel } from '../../src/orders/order.status';
import { Locale } from '../../src/common/locale';
import { base64urlSql, decimalSql, globalIdSql, instantSql, textSql } from '../../src/common/sql-json';
import { PAGE_SIZE } from './operations';

/**
 * The three reads as one SQL statement each, whose text is the whole HTTP answer: the same JSON as
 * the GraphQL server's (ids, cursors, money, labels and dates written the way it writes them), so
 * the floor does the same work a perfect server would and no more. bench.ts checks the answers are
 * identical before measuring. Values are written by the server's own SQL helpers (sql-json.ts, which
 * test/sql-answers.test.ts checks against the resolvers' answers).
 */

/** The Polish labels (the `locale` argument's default), looked up in a constant jsonb. */
const LABELS = textSql(JSON.stringify(Object.fromEntries(Object.values(OrderLineState).map((state) => [state, stateLabel(state, Locale.PL)]))));

function orderNode(o: string): string {
  return `json_build_object(
    'id', ${globalIdSql('Order', `${o}.id`)},
    'reference', ${o}.reference,
    'state', ${o}.state,
    'stateLabel', ${LABELS}::jsonb ->> ${o}.state,
    'createdAt', ${instantSql(`${o}.created_at`)},
    'totalPrice', json_build_object('amount', ${decimalSql(`${o}.price_minor + ${o}.shipping_price_minor`)}, 'currency', 'PLN'),
    'customer', (select json_build_object('id', ${globalIdSql('Customer', 'c.id')}, 'displayName', c.display_name) from customer c where c.id = ${o}.customer_id),
    'lines', (select coalesce(json_agg(json_build_object(
                'id', ${globalIdSql('OrderLine', 'l.id')}, 'productTitle', l.product_title, 'quantity', l.quantity, 'state', l.state,
                'unitPrice', json_build_object('amount', ${decimalSql('l.unit_price_minor')})) order by l.index), '[]'::json)
              from order_line l where l.order_id = ${o}.id),
    'tracking', case when ${o}.tracking_number is not null and ${o}.tracking_carrier_name is not null and ${o}.tracking_updated_at is not null
                then json_build_object('carrierName', ${o}.tracking_carrier_name, 'trackingNumber', ${o}.tracking_number, 'trackingUrl', ${o}.tracking_url) end
  )`;
}

/**
 * A page of a shop's orders as the API's `orders` connection: keyset order, one extra row for
 * hasNextPage, and cursors as `encodeCursor` writes them (JSON without spaces, base64url).
 */
function ordersPage(options: { where: string; sortKey: string; cursorKind: string; cursorValue: string; direction: 'asc' | 'desc' }): string {
  const { where, sortKey, cursorKind, cursorValue, direction } = options;
  const cursor = base64urlSql(`'["${cursorKind}",' || ${cursorValue} || ',"' || p.id || '"]'`);
  return `with fetched as (
    select o.*, ${sortKey} as sort_key from "order" o where o.shop_id = $1 and ${where}
    order by ${sortKey} ${direction}, o.id ${direction} limit ${PAGE_SIZE + 1}
  ), page as (
    select *, row_number() over (order by sort_key ${direction}, id ${direction}) as position from fetched
  )
  select json_build_object('data', json_build_object('orders', json_build_object(
    'edges', coalesce((select json_agg(json_build_object('node', ${orderNode('p')}) order by p.position) from page p where p.position <= ${PAGE_SIZE}), '[]'::json),
    'pageInfo', json_build_object(
      'hasNextPage', (select count(*) from page) > ${PAGE_SIZE},
      'endCursor', (select ${cursor} from page p where p.position = least(${PAGE_SIZE}, (select count(*) from page))))
  )))::text as body`;
}

export const FLOOR_SQL = {
  OrdersPage: ordersPage({
    where: 'true',
    sortKey: 'o.created_at',
    cursorKind: 'orders:CREATED_AT:DESC',
    cursorValue: `'"' || ${instantSql('p.created_at')} || '"'`,
    direction: 'desc',
  }),
  ShippingPage: ordersPage({
    where: `o.state = 'SHIPPING'`,
    sortKey: `coalesce(o.shipping_deadline, 'infinity'::timestamptz)`,
    cursorKind: 'orders:SHIPPING_DEADLINE:ASC',
    cursorValue: `coalesce('"' || ${instantSql('p.shipping_deadline')} || '"', 'null')`,
    direction: 'asc',
  }),
  OrderById: `select json_build_object('data', json_build_object('order',
      (select ${orderNode('o')} from "order" o where o.id = $2 and o.shop_id = $1)))::text as body`,
} as const;

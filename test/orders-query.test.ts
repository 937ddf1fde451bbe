import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  OrderFilter,
  OrderKeysDocument,
  OrderKeysQuery,
  OrderKeysQueryVariables,
  OrderSortField,
  OrdersPageDocument,
  PlaceOrderDocument,
  RefuseOrderDocument,
  SetTrackingDocument,
  SortDirection,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, orderInput } from './support/market';

type Row = OrderKeysQuery['orders']['edges'][number]['node'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 2026-09-07 10:00 in Warsaw; no Polish holiday in the days the orders live through. */
const START = Date.parse('2026-09-07T08:00:00.000Z');
const IN_SHOP = 52;
const IN_OTHER_SHOP = 8;
/**
 * The SQL statements one OrdersPage request issues, whatever the page size (measured; the key itself
 * comes from the key cache): the page with its lines, customers and shops as JSON, and its totalCount.
 */
const ORDERS_PAGE_STATEMENTS = 2;

let t: TestApp;
let market: Market;
/** The shop's orders by placement: i % 4 = 0 accepted, 1 waiting, 2 accepted with tracking, 3 refused. */
const placed: { id: string; reference: string }[] = [];
let all: Row[];

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  for (let i = 0; i < IN_SHOP + IN_OTHER_SHOP; i += 1) {
    clock.set(new Date(START + i * MINUTE));
    const inShop = i < IN_SHOP;
    const input = orderInput(inShop ? market.shop.id : market.otherShop.id, {
      paymentWorkflow: 'PAY_ON_DELIVERY',
      leadTimeToShipDays: 1 + (i % 3),
      lines: [{ offerSku: `ZS-${i}`, productTitle: i === 17 ? 'Kubek z Syrenką' : `Zeszyt A5, ${i + 40} kartek`, quantity: 1, unitPrice: '7.50' }],
    });
    const key = i % 3 === 0 || !inShop ? market.keys.otherCustomer : market.keys.customer;
    const order = asOrder((await t.gql(PlaceOrderDocument, { input }, key)).placeOrder);
    if (!inShop) continue;
    placed.push(order);
    const orderId = order.id;
    if (i % 4 === 0 || i % 4 === 2) await t.gql(AcceptOrderDocument, { input: { orderId } }, market.keys.seller);
    if (i % 4 === 2) await t.gql(SetTrackingDocument, { input: { orderId, carrierCode: 'INPOST', trackingNumber: `TRK-${i}` } }, market.keys.seller);
    if (i % 4 === 3) await t.gql(RefuseOrderDocument, { input: { orderId } }, market.keys.seller);
  }
  clock.reset();
  all = (await t.gql(OrderKeysDocument, { first: 100 }, market.keys.seller)).orders.edges.map((edge) => edge.node);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const orders = (variables: OrderKeysQueryVariables, key = market.keys.seller) => t.gql(OrderKeysDocument, variables, key).then((data) => data.orders);
const idsOf = (indexes: number[]) => indexes.map((i) => placed[i].id);
const indexes = (keep: (i: number) => boolean) => Array.from({ length: IN_SHOP }, (_, i) => i).filter(keep);
const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

const SORT_VALUE: Record<OrderSortField, (row: Row) => string | null> = {
  CREATED_AT: (row) => row.createdAt,
  UPDATED_AT: (row) => row.updatedAt,
  ACCEPTANCE_DEADLINE: (row) => row.acceptanceDeadline,
  SHIPPING_DEADLINE: (row) => row.shippingDeadline,
};

/** The order the server must produce: by the sort value (null last, as if infinitely far), then by id. */
function expectedIds(field: OrderSortField, direction: SortDirection): string[] {
  const key = (row: Row) => {
    const value = SORT_VALUE[field](row);
    return value === null ? Infinity : Date.parse(value);
  };
  const sorted = [...all].sort((a, b) => key(a) - key(b) || (uuidOf(a.id) < uuidOf(b.id) ? -1 : 1));
  if (direction === 'DESC') sorted.reverse();
  return sorted.map((row) => row.id);
}

const SORTS = (['CREATED_AT', 'UPDATED_AT', 'ACCEPTANCE_DEADLINE', 'SHIPPING_DEADLINE'] as OrderSortField[]).flatMap((field) =>
  (['ASC', 'DESC'] as SortDirection[]).map((direction) => [field, direction] as const),
);
const PAGE = 7;
const PAGES = Math.ceil(IN_SHOP / PAGE);

describe('keyset pagination', () => {
  it('the shop has 52 orders, some sharing a null deadline (ties broken by id)', () => {
    expect(all).toHaveLength(IN_SHOP);
    expect(all.filter((row) => row.acceptanceDeadline === null)).toHaveLength(39);
    expect(all.filter((row) => row.shippingDeadline === null)).toHaveLength(26);
  });

  it.each(SORTS)('pages forwards through %s %s: every order once, in order, no gaps', async (field, direction) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 1; page <= PAGES; page += 1) {
      const result = await orders({ first: PAGE, after, sort: { field, direction } });
      expect([result.pageInfo.hasPreviousPage, result.pageInfo.hasNextPage, result.totalCount]).toEqual([page > 1, page < PAGES, IN_SHOP]);
      expect([result.pageInfo.startCursor, result.pageInfo.endCursor]).toEqual([result.edges[0].cursor, result.edges[result.edges.length - 1].cursor]);
      seen.push(...result.edges.map((edge) => edge.node.id));
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(expectedIds(field, direction));
  });

  it.each(SORTS)('pages backwards through %s %s: every order once, in order, no gaps', async (field, direction) => {
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 1; page <= PAGES; page += 1) {
      const result = await orders({ last: PAGE, before, sort: { field, direction } });
      expect([result.pageInfo.hasNextPage, result.pageInfo.hasPreviousPage]).toEqual([page > 1, page < PAGES]);
      seen.unshift(...result.edges.map((edge) => edge.node.id));
      before = result.pageInfo.startCursor;
    }
    expect(seen).toEqual(expectedIds(field, direction));
  });

  it('without sort or size: the 20 newest orders first', async () => {
    const result = await orders({});
    expect(result.edges.map((edge) => edge.node.id)).toEqual(expectedIds('CREATED_AT', 'DESC').slice(0, 20));
  });

  it('refuses a cursor taken from another sort order with BAD_REQUEST', async () => {
    const { pageInfo } = await orders({ first: 2, sort: { field: 'CREATED_AT', direction: 'ASC' } });
    const response = await t.request(OrderKeysDocument, { first: 2, after: pageInfo.endCursor, sort: { field: 'UPDATED_AT', direction: 'ASC' } }, market.keys.seller);
    expect(response.errors!.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_REQUEST', 'The cursor is not valid for this list (was it taken from another list or sort order?)'],
    ]);
  });
});

describe('filters and totalCount', () => {
  const filtered = async (filter: OrderFilter, key = market.keys.seller) => {
    const result = await orders({ first: 100, filter, sort: { field: 'CREATED_AT', direction: 'ASC' } }, key);
    return { ids: result.edges.map((edge) => edge.node.id), totalCount: result.totalCount };
  };

  it('totalCount counts every match whatever the page size', async () => {
    const result = await orders({ first: 5 });
    expect([result.edges.length, result.totalCount]).toEqual([5, IN_SHOP]);
  });

  it.each([
    ['WAITING_ACCEPTANCE', ['WAITING_ACCEPTANCE'], (i: number) => i % 4 === 1],
    ['SHIPPING and REFUSED', ['SHIPPING', 'REFUSED'], (i: number) => i % 4 !== 1],
    ['CLOSED (none)', ['CLOSED'], () => false],
  ] as const)('states: %s', async (_name, states, keep) => {
    const expected = idsOf(indexes(keep));
    expect(await filtered({ states: [...states] })).toEqual({ ids: expected, totalCount: expected.length });
  });

  it('createdAfter and createdBefore are exclusive bounds', async () => {
    const createdAt = (i: number) => all.find((row) => row.id === placed[i].id)!.createdAt;
    const filter = { createdAfter: createdAt(10), createdBefore: createdAt(20) };
    expect(await filtered(filter)).toEqual({ ids: idsOf(indexes((i) => i >= 11 && i <= 19)), totalCount: 9 });
  });

  it.each([
    ['the whole reference of one order', () => placed[33].reference, () => [33]],
    ['a product title, ignoring case', () => 'kubek z SYRENK', () => [17]],
    ["the customer's name, ignoring case", () => 'pIOTR nowak', () => indexes((i) => i % 3 === 0)],
    ['a literal % (no wildcard)', () => '%', () => []],
    ['a literal _ (no wildcard)', () => '_', () => []],
  ])('search: %s', async (_name, search, matching) => {
    const expected = idsOf(matching());
    expect(await filtered({ search: search() })).toEqual({ ids: expected, totalCount: expected.length });
  });

  it('overdue: waiting past the acceptance deadline or shipping past the shipping deadline', async () => {
    // 30 s after order 25's acceptance deadline: orders 0-25 waiting are overdue; lead times 1-2 days have all passed,
    // 3 days (Thursday) only for orders placed up to 10:25.
    const now = START + 25 * MINUTE + 72 * HOUR + 30_000;
    clock.set(new Date(now));
    const overdue = (i: number) => (i % 4 === 1 && i <= 25) || ((i % 4 === 0 || i % 4 === 2) && (i % 3 !== 2 || i <= 25));
    expect(await filtered({ overdue: true })).toEqual({ ids: idsOf(indexes(overdue)), totalCount: 28 });
    expect(await filtered({ overdue: false })).toEqual({ ids: idsOf(indexes((i) => !overdue(i))), totalCount: 24 });
    const computed = all.filter((row) => {
      const deadline = row.state === 'WAITING_ACCEPTANCE' ? row.acceptanceDeadline : row.state === 'SHIPPING' ? row.shippingDeadline : null;
      return deadline !== null && Date.parse(deadline) <= now;
    });
    expect(computed.map((row) => row.id).sort()).toEqual(idsOf(indexes(overdue)).sort());
  });

  it('shopId narrows an operator to one shop', async () => {
    expect((await filtered({ shopId: market.otherShop.id }, market.keys.operator)).totalCount).toBe(IN_OTHER_SHOP);
    expect(await filtered({ shopId: market.shop.id }, market.keys.operator)).toEqual({ ids: idsOf(indexes(() => true)), totalCount: IN_SHOP });
    expect((await orders({ first: 1 }, market.keys.operator)).totalCount).toBe(IN_SHOP + IN_OTHER_SHOP);
  });

  it.each(['seller', 'customer'] as const)('shopId from a %s answers FORBIDDEN', async (role) => {
    const response = await t.request(OrderKeysDocument, { filter: { shopId: market.shop.id } }, market.keys[role]);
    expect([response.errors!.map((error) => error.extensions?.code), response.data]).toEqual([['FORBIDDEN'], null]);
  });
});

describe('the orders page (lines, tracking, customer)', () => {
  it('serves 20 orders with their lines, tracking and customers', async () => {
    const { orders: page } = await t.gql(OrdersPageDocument, { first: 20 }, market.keys.seller);
    expect(page.edges).toHaveLength(20);
    expect(page.edges.filter(({ node }) => node.tracking !== null).map(({ node }) => node.tracking!.trackingNumber)).toEqual(
      ['TRK-50', 'TRK-46', 'TRK-42', 'TRK-38', 'TRK-34'],
    );
    expect(page.edges.every(({ node }) => node.lines.length === 1 && node.customer.displayName.length > 0)).toBe(true);
  });

  it(`issues ${ORDERS_PAGE_STATEMENTS} SQL statements for 5, 20 or 50 orders`, async () => {
    const counts: number[] = [];
    for (const first of [5, 20, 50]) {
      let size = 0;
      counts.push(
        await t.countQueries(async () => {
          size = (await t.gql(OrdersPageDocument, { first }, market.keys.seller)).orders.edges.length;
        }),
      );
      expect(size).toBe(first);
    }
    expect(counts).toEqual([ORDERS_PAGE_STATEMENTS, ORDERS_PAGE_STATEMENTS, ORDERS_PAGE_STATEMENTS]);
  });
});

import { Client } from 'pg';
import { checkUnguarded, guardedFields } from '../src/graphql/sql-answers';
import { startTestApp, TestApp } from './support/app';
import { asIncident, incidentCalls, orderIn } from './support/incidents';
import { createMarket, Market, placeOrder, refundedOrder } from './support/market';

/**
 * Queries PostgreSQL answers itself (src/graphql/sql-answers.ts) must answer the same bytes as the
 * same query executed by graphql-js through the resolvers. Two servers share one database: one
 * answers in SQL (the default), the other with SQL_ANSWERS=off executes everything. Every document
 * goes to both as every role, and the server's own count says which path answered it.
 */

/** Every Order field PostgreSQL answers (src/orders/order-sql.ts), with every field below it. */
const ORDER_FIELDS = `
  __typename id reference state stateLabel englishLabel: stateLabel(locale: EN) paymentWorkflow version
  createdAt updatedAt acceptanceDeadline paymentDeadline shippingDeadline deliveryFallbackAt closeAt
  acceptedAt shippedAt receivedAt closedAt
  price { amount currency } shippingPrice { amount currency } totalPrice { __typename amount currency } shippingRefundable { amount currency }
  shippingAddress { __typename name street postalCode city countryCode phone }
  tracking { __typename carrierCode carrierName trackingNumber trackingUrl updatedAt }
  hasOpenIncident
  customer { __typename id displayName }
  shop { __typename id name returnPolicyDays autoAccept partialAcceptance }
  lines {
    __typename id index offerSku productTitle quantity state stateLabel englishLabel: stateLabel(locale: EN) cancellationReason
    unitPrice { amount currency } price { amount currency } refundedAmount { amount currency }
  }`;

const PAGE = `totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor node { ${ORDER_FIELDS} } }`;

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Which path the SQL-answering server takes: its own answer, or execution (a field without SQL, an error). */
  path: 'answered' | 'declined';
}

let answering: TestApp;
let executing: TestApp;
let market: Market;
const orderIds: string[] = [];
const references: string[] = [];
let otherShopOrderId: string;

interface RawAnswer {
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  body: string;
}

async function post(app: TestApp, query: string, variables: Record<string, unknown>, secret: string): Promise<RawAnswer> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), body: await response.text() };
}

/** The SQL-answering server's own count of queries by outcome (its /metrics). */
async function outcomes(): Promise<Record<string, number>> {
  const text = await (await fetch(answering.url.replace('/graphql', '/metrics'))).text();
  const counts: Record<string, number> = { answered: 0, declined: 0, failed: 0 };
  for (const match of text.matchAll(/^graphql_sql_answers_total\{outcome="(\w+)"\} (\d+)$/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

/** Sends `query` to both servers as `secret`; expects the same bytes, and the path the case names. */
async function expectSameAnswer(query: string, variables: Record<string, unknown>, secret: string, path: Case['path']): Promise<RawAnswer> {
  const before = await outcomes();
  const answered = await post(answering, query, variables, secret);
  const after = await outcomes();
  const executed = await post(executing, query, variables, secret);
  expect(answered).toEqual(executed);
  expect({ answered: after.answered - before.answered, declined: after.declined - before.declined, failed: after.failed - before.failed }).toEqual({
    answered: path === 'answered' ? 1 : 0,
    declined: path === 'declined' ? 1 : 0,
    failed: 0,
  });
  return answered;
}

beforeAll(async () => {
  answering = await startTestApp();
  market = await createMarket(answering);
  const { customer, otherCustomer } = market.keys;
  // Waiting for acceptance: the seller does not see the address yet.
  const waiting = await placeOrder(answering, market);
  // Accepted and paid online, then one line and part of the shipping refunded.
  const refunded = await refundedOrder(answering, market);
  // Shipped with tracking, then an open incident on it.
  const shipped = await orderIn(answering, market, 'SHIPPED');
  asIncident(await incidentCalls(answering).open(customer, { orderId: shipped.id, reason: 'DEFECTIVE', message: 'Okładka jest rozdarta.' }));
  // Another customer's order, a carrier without a URL template, and a price under one złoty.
  const other = await placeOrder(
    answering,
    market,
    { lines: [{ offerSku: 'GUM-1', productTitle: 'Gumka "Myszka" \\ 50% taniej', quantity: 3, unitPrice: '0.05' }], shippingPrice: '0' },
    otherCustomer,
  );
  const elsewhere = await placeOrder(answering, market, { shopId: market.otherShop.id });
  for (const order of [waiting, refunded, shipped, other]) {
    orderIds.push(order.id);
    references.push(order.reference);
  }
  otherShopOrderId = elsewhere.id;

  // Instants whose microseconds a millisecond answer must cut, not round (.999999 would round into the next second).
  const db = new Client({ connectionString: answering.databaseUrl });
  await db.connect();
  await db.query(`update "order" set created_at = '2026-11-30 23:59:59.999999+00', shipping_deadline = '2026-12-02 10:00:00.291500+00' where reference = $1`, [references[1]]);
  await db.query(`update "order" set created_at = '2026-11-30 23:59:59.000501+00' where reference = $1`, [references[2]]);
  await db.end();

  executing = await startTestApp({ databaseUrl: answering.databaseUrl, env: { SQL_ANSWERS: 'off' } });
});

afterAll(async () => {
  await executing?.close();
  await answering?.close();
});

const ROLES = ['operator', 'seller', 'customer', 'otherSeller', 'otherCustomer'] as const;

describe('answers PostgreSQL builds', () => {
  it.each(ROLES)('order(id) and orderByReference as the %s: the same bytes as execution, for every order', async (who) => {
    for (const [index, id] of orderIds.entries()) {
      await expectSameAnswer(`query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id }, market.keys[who], 'answered');
      await expectSameAnswer(`query ($reference: String!) { orderByReference(reference: $reference) { ${ORDER_FIELDS} } }`, { reference: ` ${references[index]} ` }, market.keys[who], 'answered');
    }
  });

  it('answers what the seller may see: the address only once accepted, nothing of another shop', async () => {
    const { body } = await expectSameAnswer(
      `query ($ids: ID!, $waiting: ID!, $refunded: ID!) { elsewhere: order(id: $ids) { id } waiting: order(id: $waiting) { shippingAddress { city } } refunded: order(id: $refunded) { shippingAddress { city } } }`,
      { ids: otherShopOrderId, waiting: orderIds[0], refunded: orderIds[1] },
      market.keys.seller,
      'answered',
    );
    expect(JSON.parse(body)).toEqual({ data: { elsewhere: null, waiting: { shippingAddress: null }, refunded: { shippingAddress: { city: 'Warszawa' } } } });
  });

  it('writes instants as toISOString does: milliseconds cut from microseconds', async () => {
    const { body } = await expectSameAnswer(
      `query ($id: ID!) { order(id: $id) { createdAt shippingDeadline } }`,
      { id: orderIds[1] },
      market.keys.operator,
      'answered',
    );
    expect(JSON.parse(body)).toEqual({ data: { order: { createdAt: '2026-11-30T23:59:59.999Z', shippingDeadline: '2026-12-02T10:00:00.291Z' } } });
  });

  it.each(ROLES)('orders pages as the %s: every sort, both directions, filters, cursors and counts', async (who) => {
    const key = market.keys[who];
    for (const field of ['CREATED_AT', 'UPDATED_AT', 'ACCEPTANCE_DEADLINE', 'SHIPPING_DEADLINE']) {
      for (const direction of ['ASC', 'DESC']) {
        const sort = { field, direction };
        const first = await expectSameAnswer(`query ($sort: OrderSort) { orders(first: 2, sort: $sort) { ${PAGE} } }`, { sort }, key, 'answered');
        const { endCursor, startCursor } = JSON.parse(first.body).data.orders.pageInfo;
        if (!endCursor) continue;
        await expectSameAnswer(`query ($sort: OrderSort, $after: String) { orders(first: 2, after: $after, sort: $sort) { ${PAGE} } }`, { sort, after: endCursor }, key, 'answered');
        await expectSameAnswer(`query ($sort: OrderSort, $before: String) { orders(last: 3, before: $before, sort: $sort) { ${PAGE} } }`, { sort, before: startCursor }, key, 'answered');
      }
    }
    const filters = [
      { states: ['SHIPPED', 'WAITING_ACCEPTANCE'] },
      { hasOpenIncident: true },
      { hasOpenIncident: false },
      { overdue: false },
      { search: 'prus' },
      { search: '50%' },
      { createdAfter: '2026-11-30T23:59:59.500Z' },
    ];
    for (const filter of filters) await expectSameAnswer(`query ($filter: OrderFilter) { orders(filter: $filter) { ${PAGE} } }`, { filter }, key, 'answered');
  });

  it('merges fields as execution does: aliases, fragments on the type and on Node, @skip and @include, repeated keys', async () => {
    const query = `query ($withLines: Boolean!, $skipState: Boolean!) {
      __typename
      page: orders(first: 3) {
        count: totalCount
        edges {
          node {
            ...Summary
            ... on Node { id }
            ... on Order { lines @include(if: $withLines) { productTitle } }
            lines @include(if: $withLines) { id }
            state @skip(if: $skipState)
            reference
            customer { id }
          }
        }
        pageInfo { hasNextPage }
        edges { cursor }
      }
      one: order(id: "${orderIds[2]}") { ...Summary }
    }
    fragment Summary on Order { reference total: totalPrice { amount } customer { displayName } }`;
    for (const variables of [
      { withLines: true, skipState: false },
      { withLines: false, skipState: true },
    ]) {
      await expectSameAnswer(query, variables, market.keys.operator, 'answered');
    }
  });

  it('escapes text as JSON: quotes, backslashes and percent signs in titles', async () => {
    const { body } = await expectSameAnswer(`query ($id: ID!) { order(id: $id) { lines { productTitle unitPrice { amount } price { amount } } } }`, { id: orderIds[3] }, market.keys.operator, 'answered');
    expect(JSON.parse(body)).toEqual({ data: { order: { lines: [{ productTitle: 'Gumka "Myszka" \\ 50% taniej', unitPrice: { amount: '0.05' }, price: { amount: '0.15' } }] } } });
  });

  it('leaves to execution what it has no SQL for, and every error', async () => {
    const key = market.keys.seller;
    // Fields of the rules and of other modules.
    await expectSameAnswer(`query ($id: ID!) { order(id: $id) { id availableActions } }`, { id: orderIds[0] }, key, 'declined');
    await expectSameAnswer(`query { orders(first: 2) { edges { node { id incidents { id } } } } }`, {}, key, 'declined');
    await expectSameAnswer(`query { orders(first: 2) { edges { node { lines { refundable { amount } } } } } }`, {}, key, 'declined');
    // Two answers per row.
    await expectSameAnswer(`query { orders(first: 2) { a: edges { node { id } } b: edges { node { reference } } } }`, {}, key, 'declined');
    // A root field without SQL next to one with it.
    await expectSameAnswer(`query { orders(first: 1) { totalCount } viewer { role } }`, {}, key, 'declined');
    // Errors are the resolvers' to word.
    const badCursor = await expectSameAnswer(`query { orders(first: 2, after: "bm90IGEgY3Vyc29y") { totalCount } }`, {}, key, 'declined');
    expect(JSON.parse(badCursor.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    await expectSameAnswer(`query { orders(first: 500) { totalCount } }`, {}, key, 'declined');
    await expectSameAnswer(`query ($filter: OrderFilter) { orders(filter: $filter) { totalCount } }`, { filter: { shopId: market.shop.id } }, key, 'declined');
  });

  it('keeps a response key named __proto__ as execution does, at the root and around the rows', async () => {
    const { body } = await expectSameAnswer(`query ($id: ID!) { __proto__: order(id: $id) { reference } }`, { id: orderIds[0] }, market.keys.operator, 'answered');
    expect(body).toBe(`{"data":{"__proto__":{"reference":"${references[0]}"}}}\n`);
    const page = await expectSameAnswer(`{ orders(first: 1) { __proto__: pageInfo { hasNextPage } } }`, {}, market.keys.operator, 'answered');
    expect(page.body).toBe('{"data":{"orders":{"__proto__":{"hasNextPage":true}}}}\n');
  });

  it('answers `locale: null` with the default label, as a locale left out, on both paths', async () => {
    const query = `query ($id: ID!, $locale: Locale) { order(id: $id) { stateLabel(locale: $locale) lines { stateLabel(locale: $locale) } } }`;
    const label = async (variables: Record<string, unknown>) => JSON.parse((await expectSameAnswer(query, { id: orderIds[0], ...variables }, market.keys.operator, 'answered')).body).data.order;
    const polish = { stateLabel: 'Przyjęcie w toku', lines: [{ stateLabel: 'Przyjęcie w toku' }, { stateLabel: 'Przyjęcie w toku' }] };
    expect(await label({})).toEqual(polish);
    // A nullable argument with a default: null asks for the default too (OrderResolver.stateLabel).
    expect(await label({ locale: null })).toEqual(polish);
    expect(await label({ locale: 'EN' })).toEqual({ stateLabel: 'Pending acceptance', lines: [{ stateLabel: 'Pending acceptance' }, { stateLabel: 'Pending acceptance' }] });
  });

  it('answers an unknown or malformed id with null, as execution does', async () => {
    for (const id of ['T3JkZXI6bm90LWEtdXVpZA', 'nonsense', market.shop.id]) {
      const { body } = await expectSameAnswer(`query ($id: ID!) { order(id: $id) { id } }`, { id }, market.keys.operator, 'answered');
      expect(JSON.parse(body)).toEqual({ data: { order: null } });
    }
  });
});

describe('fields with a guard', () => {
  it('are never answered in SQL: a field under @Authorized refuses to start', () => {
    expect(guardedFields().has('Shop.quality')).toBe(true);
    expect(guardedFields().has('Shop.name')).toBe(false);
    const sqlForQuality = { Shop: { name: () => 's.name', quality: () => 'null' } };
    expect(() => checkUnguarded(sqlForQuality)).toThrow('SQL answers would skip the guard of Shop.quality: take those fields out of the SQL');
    expect(() => checkUnguarded({ Shop: { name: () => 's.name' } })).not.toThrow();
  });
});

import { Client } from 'graphql-ws';
import { startTestApp, TestApp } from './support/app';
import { connected, liveClient } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { errorCodes, liveOperation, runtimeDocument } from './support/runtime-operations';

/**
 * The cost of an operation is computed with its variables and defaults, before it runs (README,
 * "Limits"): `first: $n`, a variable's default and an omitted `first` (20) count like a literal.
 */
let t: TestApp;
let market: Market;
let orderId: string;
let live: Client;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  orderId = (await placeOrder(t, market)).id;
  live = liveClient(t, market.keys.operator);
  await connected(live);
});
afterAll(async () => {
  await live.dispose();
  await t.close();
});

/** Orders, then each order's timeline, both `$n` long: 2 + n × (2 + 2 + (2 + n × 6)); n = 10 costs 662, n = 100 costs 60,602. */
const NESTED_BY_VARIABLE = 'query Nested($n: Int) { orders(first: $n) { edges { node { timeline(first: $n) { edges { node { id type } } } } } } }';
/** Three connections without `first`, each 20 long: 2 + 20 × (4 + 2 + 20 × (2 + 2 + 2 + 2 + 20 × 5)) = 43,322. */
const NESTED_BY_DEFAULT =
  'query Defaults { orders { edges { node { timeline { edges { node { order { timeline { edges { node { id } } } } } } } } } } }';

const refusal = (found: number) => `Query Cost limit of 5000 exceeded, found ${found}.`;

describe('the cost of an operation over HTTP', () => {
  it('refuses `first: $n` with n = 100 at the cost the literal form has, before anything runs', async () => {
    const response = await t.request(runtimeDocument(NESTED_BY_VARIABLE), { n: 100 });
    expect([response.status, errorCodes(response.errors), response.errors![0].message, response.data]).toEqual([
      400,
      ['QUERY_TOO_COMPLEX'],
      refusal(60_602),
      undefined,
    ]);
  });

  it('refuses the literal form with the same figure', async () => {
    const response = await t.request(runtimeDocument(NESTED_BY_VARIABLE.replace('($n: Int)', '').replace(/\$n\b/g, '100')), {});
    expect([errorCodes(response.errors), response.errors![0].message]).toEqual([['QUERY_TOO_COMPLEX'], refusal(60_602)]);
  });

  it("counts a variable's default value when the variable is not sent", async () => {
    const response = await t.request(runtimeDocument(NESTED_BY_VARIABLE.replace('$n: Int', '$n: Int = 100')), {});
    expect([errorCodes(response.errors), response.errors![0].message]).toEqual([['QUERY_TOO_COMPLEX'], refusal(60_602)]);
  });

  it('counts an omitted `first` as the default page of 20', async () => {
    const response = await t.request(runtimeDocument(NESTED_BY_DEFAULT), {});
    expect([errorCodes(response.errors), response.errors![0].message, response.data]).toEqual([['QUERY_TOO_COMPLEX'], refusal(43_322), undefined]);
  });

  it('serves the same operation with n = 10 (cost 662)', async () => {
    const response = await t.request(runtimeDocument(NESTED_BY_VARIABLE), { n: 10 });
    expect(response.errors).toBeUndefined();
    const edges = (response.data as { orders: { edges: { node: { timeline: { edges: { node: { type: string } }[] } } }[] } }).orders.edges;
    expect(edges.map((edge) => edge.node.timeline.edges.map((event) => event.node.type))).toEqual([['ORDER_PLACED']]);
  });

  it('multiplies `nodes(ids:)` by the number of ids', async () => {
    const query = 'query ByIds($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { timeline(first: 100) { edges { node { id type } } } } } }';
    // one id: 2 + 602 = 604; 100 ids: 2 + 100 × 602 = 60,202
    const one = await t.request(runtimeDocument(query), { ids: [orderId] });
    expect([one.errors, (one.data as { nodes: unknown[] }).nodes.length]).toEqual([undefined, 1]);
    const hundred = await t.request(runtimeDocument(query), { ids: Array(100).fill(orderId) });
    expect([errorCodes(hundred.errors), hundred.errors![0].message]).toEqual([['QUERY_TOO_COMPLEX'], refusal(60_202)]);
  });
});

describe('the cost of an operation over WebSocket', () => {
  it('refuses `first: $n` with n = 100 with an error message, before anything runs', async () => {
    const answer = await liveOperation(live, NESTED_BY_VARIABLE, { n: 100 });
    expect(answer).toEqual({ kind: 'error', errors: [{ message: refusal(60_602), extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  });

  it('refuses three connections left at their default page', async () => {
    const answer = await liveOperation(live, NESTED_BY_DEFAULT);
    expect(answer).toEqual({ kind: 'error', errors: [{ message: refusal(43_322), extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  });

  it('refuses a subscription whose every event would cost too much', async () => {
    const level = (inner: string) => `order { timeline { edges { node { ${inner} } } } }`;
    // events 2 + (order 2 + timeline (2 + 20 × (edges 2 + node 2 + …))): three levels cost 43,366 per event
    const answer = await liveOperation(live, `subscription Heavy { events { ${level(level(level('id')))} } }`);
    expect(answer).toEqual({ kind: 'error', errors: [{ message: refusal(43_366), extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  });

  it('serves the same operation with n = 10', async () => {
    const answer = await liveOperation(live, NESTED_BY_VARIABLE, { n: 10 });
    expect(answer).toEqual({
      kind: 'next',
      results: [{ data: { orders: { edges: [{ node: { timeline: { edges: [{ node: { id: expect.any(String), type: 'ORDER_PLACED' } }] } } }] } } }],
    });
  });
});

import { Client } from 'graphql-ws';
import { startTestApp, TestApp } from './support/app';
import { connected, liveClient } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { errorCodes, httpOperation, liveOperation } from './support/runtime-operations';

/**
 * What a document may make the server do before it runs (README, "Limits"): at most 1,000 tokens,
 * counted while parsing; one field at most 50 times in one selection, counted before validation
 * (whose work grows with the square of repeats); and a cost that counts every repeated selection.
 */
let t: TestApp;
let market: Market;
let live: Client;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  await placeOrder(t, market);
  live = liveClient(t, market.keys.operator);
  await connected(live);
});
afterAll(async () => {
  await live.dispose();
  await t.close();
});

/** `query { viewer { role role … } }`: 6 tokens around `repeats` repetitions of one field, no aliases. */
const repeatedField = (repeats: number) => `query { viewer { ${'role '.repeat(repeats)}} }`;
const TOKEN_LIMIT = { message: 'Token limit of 1000 exceeded.', extensions: { code: 'QUERY_TOO_COMPLEX' } };

describe('the token limit', () => {
  it('refuses over HTTP a 50 KB document asking one field 10,000 times', async () => {
    const source = repeatedField(10_000);
    expect(source.length).toBe(50_020);
    const response = await httpOperation(t, source);
    expect(response).toEqual({ status: 400, errors: [TOKEN_LIMIT], data: undefined });
  });

  it('refuses the same document over WebSocket with an error message', async () => {
    expect(await liveOperation(live, repeatedField(10_000))).toEqual({ kind: 'error', errors: [TOKEN_LIMIT] });
  });

  /** 22 tokens around `types` enum values (commas do not count): `types` 978 long makes 1,000. */
  const manyTokens = (types: number) =>
    `query { events(first: 1, types: [${Array(types).fill('ORDER_PLACED').join(', ')}]) { edges { node { type } } } }`;
  const ONE_EVENT = { events: { edges: [{ node: { type: 'ORDER_PLACED' } }] } };

  it('serves a document of exactly 1,000 tokens and refuses one of 1,001, on both transports', async () => {
    expect(await httpOperation(t, manyTokens(978))).toEqual({ status: 200, errors: undefined, data: ONE_EVENT });
    expect(await httpOperation(t, manyTokens(979))).toEqual({ status: 400, errors: [TOKEN_LIMIT], data: undefined });
    expect(await liveOperation(live, manyTokens(978))).toEqual({ kind: 'next', results: [{ data: ONE_EVENT }] });
    expect(await liveOperation(live, manyTokens(979))).toEqual({ kind: 'error', errors: [TOKEN_LIMIT] });
  });

  it('does not count comments as tokens', async () => {
    const commented = `${manyTokens(978)}\n${'# a comment\n'.repeat(500)}`;
    expect(await httpOperation(t, commented)).toEqual({ status: 200, errors: undefined, data: ONE_EVENT });
  });
  it('answers a syntax error over WebSocket as over HTTP, and the socket stays open', async () => {
    const broken = 'query { viewer { role }';
    const parseFailed = { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    const overHttp = await httpOperation(t, broken);
    expect([overHttp.status, overHttp.errors![0].message, overHttp.errors![0].extensions?.code]).toEqual([400, parseFailed.message, 'GRAPHQL_PARSE_FAILED']);
    expect(await liveOperation(live, broken)).toEqual({ kind: 'error', errors: [parseFailed] });
    expect(await liveOperation(live, repeatedField(1))).toEqual({ kind: 'next', results: [{ data: { viewer: { role: 'OPERATOR' } } }] });
  });
});

describe('the repeat limit', () => {
  const tooOften = (count: number) => ({
    message: `Field "role" is selected ${count} times in one selection; the limit is 50.`,
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });

  it('serves a field selected 50 times in one selection and refuses 51, on both transports', async () => {
    expect(await httpOperation(t, repeatedField(50))).toEqual({ status: 200, errors: undefined, data: { viewer: { role: 'OPERATOR' } } });
    expect(await httpOperation(t, repeatedField(51))).toEqual({ status: 400, errors: [tooOften(51)], data: undefined });
    expect(await liveOperation(live, repeatedField(50))).toEqual({ kind: 'next', results: [{ data: { viewer: { role: 'OPERATOR' } } }] });
    expect(await liveOperation(live, repeatedField(51))).toEqual({ kind: 'error', errors: [tooOften(51)] });
  });

  it('counts what fragments add to a selection', async () => {
    const merged = `query { viewer { role ...Roles ... on Viewer { role } } } fragment Roles on Viewer { ${'role '.repeat(49)}}`;
    expect(await httpOperation(t, merged)).toEqual({ status: 400, errors: [tooOften(51)], data: undefined });
  });

  it('counts a fragment spread twice at each of 40 levels as 2^40 selections, without taking 2^40 steps', async () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Viewer { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const response = await httpOperation(t, `query Doubling { viewer { ...F0 } } ${fragments} fragment F40 on Viewer { role }`);
    expect(response).toEqual({ status: 400, errors: [tooOften(2 ** 40)], data: undefined });
  });
});

describe('repeated selections in the cost', () => {
  /** 2 + n × (edges 2 + node 2 + one per repeated `id`) */
  const repeatedIds = (repeats: number) => `query Repeated($n: Int) { orders(first: $n) { edges { node { ${'id '.repeat(repeats)}} } } }`;

  it('counts a field asked 46 times under a page of 100 as 46 fields per order (5,002) and refuses it, on both transports', async () => {
    const refusal = { message: 'Query Cost limit of 5000 exceeded, found 5002.', extensions: { code: 'QUERY_TOO_COMPLEX' } };
    const response = await httpOperation(t, repeatedIds(46), { n: 100 });
    expect([errorCodes(response.errors), response.errors![0].message, response.data]).toEqual([['QUERY_TOO_COMPLEX'], refusal.message, undefined]);
    expect(await liveOperation(live, repeatedIds(46), { n: 100 })).toEqual({ kind: 'error', errors: [refusal] });
  });

  it('serves the field asked 45 times (4,902)', async () => {
    const response = await httpOperation(t, repeatedIds(45), { n: 100 });
    expect([response.errors, (response.data as { orders: { edges: unknown[] } }).orders.edges.length]).toEqual([undefined, 1]);
  });
});

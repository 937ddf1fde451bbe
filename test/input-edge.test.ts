import { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { OrdersDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { connected, liveClient, wsUrl } from './support/live';
import { createMarket, Market, orderInput, placeOrder } from './support/market';
import { liveOperation, runtimeDocument } from './support/runtime-operations';

/**
 * Text no field accepts (NUL, unpaired surrogates) and variables nested absurdly deep are refused at
 * the edge with BAD_USER_INPUT, on both transports, before anything reaches a resolver or the database.
 */
let t: TestApp;
let market: Market;
let reference: string;
const sockets: Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  reference = (await placeOrder(t, market)).reference;
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
  await t.close();
});

type Answer = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown };
type Send = (query: string, variables: Record<string, unknown>, secret?: string) => Promise<Answer>;

const overHttp: Send = (query, variables, secret) => t.request(runtimeDocument(query), variables, secret).then(({ errors, data }) => ({ errors, data }));
const overWebSocket: Send = async (query, variables, secret = market.keys.operator) => {
  const client = liveClient(t, secret);
  sockets.push(client);
  await connected(client);
  const answer = await liveOperation(client, query, variables);
  return answer.kind === 'error' ? { errors: answer.errors, data: undefined } : answer.results[0];
};

const ORDERS_SEARCH = 'query Search($filter: OrderFilter) { orders(filter: $filter) { totalCount } }';
const BY_REFERENCE = 'query ByReference($reference: String!) { orderByReference(reference: $reference) { reference } }';
const PLACE_ORDER = 'mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on Order { reference } } }';

const badText = (field: string[]) => ({
  message: `${field.join('.').replace(/\.(\d+)/g, '[$1]')}: text may not contain NUL characters or unpaired surrogates`,
  extensions: { code: 'BAD_USER_INPUT', field },
});
const orderCount = async () => (await t.gql(OrdersDocument, {})).orders.totalCount;

describe.each([
  ['HTTP', () => overHttp],
  ['WebSocket', () => overWebSocket],
] as [string, () => Send][])('bad text over %s', (transportName, transport) => {
  it('refuses a NUL byte in orders(filter: { search }) sent as a variable', async () => {
    const answer = await transport()(ORDERS_SEARCH, { filter: { search: 'Kowal\u0000ska' } });
    expect(answer).toEqual({ errors: [badText(['filter', 'search'])], data: undefined });
  });

  it('refuses a NUL byte written into the document as a literal', async () => {
    const answer = await transport()('query { orders(filter: { search: "Kowal\\u0000ska" }) { totalCount } }', {});
    expect(answer).toEqual({ errors: [badText(['filter', 'search'])], data: undefined });
  });

  it('refuses a NUL byte in orderByReference', async () => {
    const answer = await transport()(BY_REFERENCE, { reference: `${reference}\u0000` });
    expect(answer).toEqual({ errors: [badText(['reference'])], data: undefined });
  });

  it('refuses a lone surrogate in placeOrder and places nothing', async () => {
    const before = await orderCount();
    const input = orderInput(market.shop.id);
    input.lines[1].productTitle = 'Lalka \ud800';
    const answer = await transport()(PLACE_ORDER, { input }, market.keys.customer);
    expect(answer).toEqual({ errors: [badText(['input', 'lines', '1', 'productTitle'])], data: undefined });
    expect(await orderCount()).toBe(before);
  });

  it('accepts Polish letters and characters outside the basic plane (surrogate pairs)', async () => {
    const input = orderInput(market.shop.id);
    input.lines[0].productTitle = `Żółta łódź 📦 (${transportName})`;
    const placed = await transport()(PLACE_ORDER, { input }, market.keys.customer);
    expect(placed).toEqual({ data: { placeOrder: { __typename: 'Order', reference: expect.any(String) } } });
    const found = await transport()(ORDERS_SEARCH, { filter: { search: `łódź 📦 (${transportName})` } });
    expect(found).toEqual({ data: { orders: { totalCount: 1 } } });
  });
});

/**
 * Variables this deep cannot even be written with JSON.stringify (nor by a graphql-ws client), so
 * they go as JSON text: over HTTP as the body, over WebSocket as a graphql-transport-ws message.
 */
type SendJson = (query: string, variablesJson: string) => Promise<Answer>;

const jsonOverHttp: SendJson = async (query, variablesJson) => {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${market.keys.operator}` },
    body: `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`,
  });
  const { errors, data } = (await response.json()) as Answer;
  return { errors, data };
};

const jsonOverWebSocket: SendJson = async (query, variablesJson) => {
  const socket = new WebSocket(wsUrl(t), 'graphql-transport-ws');
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  const next = () =>
    new Promise<{ type: string; id?: string; payload?: unknown }>((resolve, reject) => {
      const poll = () => (messages.length ? resolve(messages.shift()!) : socket.readyState > WebSocket.OPEN ? reject(new Error('socket closed')) : setTimeout(poll, 5));
      poll();
    });
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${market.keys.operator}` } }));
  expect((await next()).type).toBe('connection_ack');
  socket.send(`{"type":"subscribe","id":"deep","payload":{"query":${JSON.stringify(query)},"variables":${variablesJson}}}`);
  const answer = await next();
  socket.close();
  if (answer.type === 'error') return { errors: answer.payload as Answer['errors'], data: undefined };
  return answer.payload as Answer;
};

/** `{"a":{"a":…"x"}}`, `depth` objects deep: 10,000 levels take 60 KB, inside the 64 KiB documents may take. */
const deepObject = (depth: number) => `${'{"search":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
const deepObjectCompact = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
/** `[[[…"x"]]]`, `depth` lists deep. */
const deepList = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

describe.each([
  ['HTTP', () => jsonOverHttp],
  ['WebSocket', () => jsonOverWebSocket],
] as [string, () => SendJson][])('deep variables over %s', (_transport, transport) => {
  const tooDeep = (name: string) => ({ message: `Variable "$${name}" is nested more than 10 levels deep`, extensions: { code: 'BAD_USER_INPUT' } });

  it('refuses an input object nested 10,000 deep', async () => {
    expect(await transport()(ORDERS_SEARCH, `{"filter":${deepObjectCompact(10_000)}}`)).toEqual({ errors: [tooDeep('filter')], data: undefined });
  });

  it('refuses a list nested 10,000 deep', async () => {
    const answer = await transport()('query ByIds($ids: [ID!]!) { nodes(ids: $ids) { id } }', `{"ids":${deepList(10_000)}}`);
    expect(answer).toEqual({ errors: [tooDeep('ids')], data: undefined });
  });

  it('refuses a deep variable the operation does not even declare', async () => {
    const answer = await transport()(ORDERS_SEARCH, `{"filter":{},"unused":${deepList(10_000)}}`);
    expect(answer).toEqual({ errors: [tooDeep('unused')], data: undefined });
  });

  it('refuses 11 levels and takes 10 to the usual checks', async () => {
    expect(await transport()(ORDERS_SEARCH, `{"filter":${deepObject(11)}}`)).toEqual({ errors: [tooDeep('filter')], data: undefined });
    // 10 levels are allowed through; OrderFilter.search is a String, so the type check answers.
    const answer = await transport()(ORDERS_SEARCH, `{"filter":${deepObject(10)}}`);
    expect([answer.errors!.map((error) => error.extensions!.code), answer.data]).toEqual([['BAD_USER_INPUT'], undefined]);
  });
});

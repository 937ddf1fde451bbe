import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { clock } from '../src/common/clock';
import { GraphQLResponse, startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';
import { sendOk } from './support/messages';

/**
 * Cursors come back from clients, so a forged one (the right kind tag, values of the wrong type)
 * must be a top-level BAD_REQUEST before any of its values reaches a query, never a database error.
 */

let t: TestApp;
let market: Market;
let threadId: string;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  const order = await placeOrder(t, market);
  threadId = (await sendOk(t, market.keys.customer, { orderId: order.id, body: 'Pierwsza' })).thread.id;
  await sendOk(t, market.keys.seller, { threadId, body: 'Druga' });
  await sendOk(t, market.keys.customer, { threadId, body: 'Trzecia' });
});
afterEach(() => clock.reset());
afterAll(() => t.close());

type Variables = Record<string, unknown>;
const doc = (source: string) => parse(source) as unknown as TypedDocumentNode<Record<string, unknown>, Variables>;

/** A cursor built exactly as encodeCursor builds one: base64url of the JSON array [kind, ...values]. */
const cursor = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');

const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }';
const FULL_ARGS = '$first: Int, $after: String, $last: Int, $before: String';
const FULL_PASS = 'first: $first, after: $after, last: $last, before: $before';

const LISTS = {
  orders: doc(`query ($first: Int, $after: String, $last: Int, $before: String, $sort: OrderSort) {
    list: orders(${FULL_PASS}, sort: $sort) { ${PAGE} } }`),
  incidents: doc(`query (${FULL_ARGS}) { list: incidents(${FULL_PASS}) { ${PAGE} } }`),
  returns: doc(`query (${FULL_ARGS}) { list: returns(${FULL_PASS}) { ${PAGE} } }`),
  ratings: doc(`query (${FULL_ARGS}) { list: ratings(${FULL_PASS}) { ${PAGE} } }`),
  notifications: doc(`query (${FULL_ARGS}) { list: notifications(${FULL_PASS}) { ${PAGE} } }`),
  threads: doc(`query (${FULL_ARGS}) { list: messageThreads(${FULL_PASS}) { ${PAGE} } }`),
  shops: doc(`query ($first: Int, $after: String) { list: shops(first: $first, after: $after) { ${PAGE} } }`),
};
const MESSAGES = doc(`query ($id: ID!, ${FULL_ARGS}) {
  node(id: $id) { ... on MessageThread { list: messages(${FULL_PASS}) { ${PAGE} edges { node { body } } } } } }`);

const AT = '2027-03-05T09:00:00.000Z';
const UUID = '0b5e4c7e-3d2a-4f4e-9b1c-6a7d8e9f0a1b';

/** Values of the right kind tag that do not fit an (instant, uuid) cursor. */
function badInstantUuid(kind: string, nullable: boolean): [string, string][] {
  const cases: [string, string][] = [
    ['a non-date and a non-uuid', cursor(kind, 'not-a-date', 'x')],
    ['a number where the uuid belongs', cursor(kind, AT, 42)],
    ['a non-uuid string', cursor(kind, AT, 'not-a-uuid')],
    ['a number where the instant belongs', cursor(kind, 1_700_000_000_000, UUID)],
    ['a date without a time', cursor(kind, '2027-03-05', UUID)],
    ['an instant without a zone', cursor(kind, '2027-03-05T09:00:00', UUID)],
    ['an impossible month', cursor(kind, '2027-13-05T09:00:00Z', UUID)],
    ['year 0', cursor(kind, '0000-01-01T00:00:00.000Z', UUID)],
    ['an object', cursor(kind, { at: AT }, UUID)],
    ['too few values', cursor(kind, AT)],
    ['no values', cursor(kind)],
    ['too many values', cursor(kind, AT, UUID, 'extra')],
  ];
  if (!nullable) cases.push(['null where the instant belongs', cursor(kind, null, UUID)]);
  return cases;
}

function expectBadRequest(response: GraphQLResponse<Record<string, unknown>>): void {
  expect(response.errors?.[0]).toMatchObject({
    message: expect.stringContaining('The cursor is not valid for this list'),
    extensions: { code: 'BAD_REQUEST' },
  });
  expect(response.errors?.[0].message).not.toMatch(/select|timestamptz|uuid|syntax/i);
  expect(response.data ?? null).toBeNull();
}

const KEYSET_LISTS = [
  ['orders', 'orders:CREATED_AT:DESC', true],
  ['incidents', 'incidents', false],
  ['returns', 'returns', false],
  ['ratings', 'ratings', false],
  ['notifications', 'notifications', false],
  ['threads', 'threads', true],
] as const;

describe.each(KEYSET_LISTS)('%s', (list, kind, nullable) => {
  it.each(badInstantUuid(kind, nullable))('answers a cursor with %s as after or before with BAD_REQUEST and no data', async (_, forged) => {
    expectBadRequest(await t.request(LISTS[list], { first: 5, after: forged }));
    expectBadRequest(await t.request(LISTS[list], { last: 5, before: forged }));
  });

  it('accepts a well-formed cursor of its kind, even one it did not hand out', async () => {
    const response = await t.request(LISTS[list], { first: 5, after: cursor(kind, '9999-12-31T23:59:59.999Z', UUID) });
    expect(response.errors).toBeUndefined();
    expect(response.data?.list).toMatchObject({ pageInfo: { hasPreviousPage: true } });
  });
});

describe('orders sorted by a nullable deadline', () => {
  it('answers a forged cursor with BAD_REQUEST and pages on with a null deadline in a cursor', async () => {
    const sort = { field: 'SHIPPING_DEADLINE', direction: 'ASC' };
    const kind = 'orders:SHIPPING_DEADLINE:ASC';
    expectBadRequest(await t.request(LISTS.orders, { sort, first: 5, after: cursor(kind, 'not-a-date', UUID) }));
    expectBadRequest(await t.request(LISTS.orders, { sort, first: 5, after: cursor(kind, null, 7) }));
    const response = await t.request(LISTS.orders, { sort, first: 5, after: cursor(kind, null, '00000000-0000-0000-0000-000000000000') });
    expect(response.errors).toBeUndefined();
  });
});

describe('shops', () => {
  it.each(badInstantUuid('shops', false))('answers a cursor with %s with BAD_REQUEST and no data', async (_, forged) => {
    expectBadRequest(await t.request(LISTS.shops, { first: 5, after: forged }));
  });
});

describe('messages of a thread', () => {
  it.each([
    ['a string', cursor('messages', 'one')],
    ['a numeric string', cursor('messages', '1')],
    ['a fraction', cursor('messages', 1.5)],
    ['a number beyond an integer column', cursor('messages', 2 ** 40)],
    ['null', cursor('messages', null)],
    ['no values', cursor('messages')],
    ['too many values', cursor('messages', 1, 2)],
  ])('answers a cursor with %s with BAD_REQUEST and no messages', async (_, forged) => {
    for (const variables of [{ first: 5, after: forged }, { last: 5, before: forged }]) {
      const response = await t.request(MESSAGES, { id: threadId, ...variables });
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
      expect(response.errors?.[0].message).toContain('The cursor is not valid for this list');
      expect((response.data as { node?: unknown } | null | undefined)?.node ?? null).toBeNull();
    }
  });

  it('pages on from a valid cursor', async () => {
    const response = await t.request(MESSAGES, { id: threadId, first: 5, after: cursor('messages', 1) });
    expect(response.errors).toBeUndefined();
    const list = (response.data as { node: { list: { edges: { node: { body: string } }[] } } }).node.list;
    expect(list.edges.map((edge) => edge.node.body)).toEqual(['Druga', 'Trzecia']);
  });
});

describe('valid cursors', () => {
  it('pages through orders with the cursors the server hands out, forwards and back', async () => {
    const own = await createMarket(t);
    const placed = [];
    for (const at of ['2027-03-01T10:00:00.000Z', '2027-03-02T10:00:00.000Z', '2027-03-03T10:00:00.000Z']) {
      clock.freeze(new Date(at));
      placed.push((await placeOrder(t, own)).id);
    }
    const ids = (data: Record<string, unknown> | null | undefined) =>
      (data!.list as { edges: { node: { id: string } }[] }).edges.map((edge) => edge.node.id);
    const page1 = await t.request(LISTS.orders, { first: 2 }, own.keys.seller);
    expect(ids(page1.data)).toEqual([placed[2], placed[1]]);
    const endCursor = (page1.data!.list as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const page2 = await t.request(LISTS.orders, { first: 2, after: endCursor }, own.keys.seller);
    expect(page2.errors).toBeUndefined();
    expect(ids(page2.data)).toEqual([placed[0]]);
    const startCursor = (page2.data!.list as { pageInfo: { startCursor: string } }).pageInfo.startCursor;
    const back = await t.request(LISTS.orders, { last: 2, before: startCursor }, own.keys.seller);
    expect(ids(back.data)).toEqual([placed[2], placed[1]]);
  });

  it('pages through shops with the cursors the server hands out', async () => {
    type Shops = { pageInfo: { endCursor: string }; edges: { node: { id: string } }[] };
    const page1 = (await t.gql(LISTS.shops, { first: 1 })).list as Shops;
    const page2 = await t.request(LISTS.shops, { first: 1, after: page1.pageInfo.endCursor });
    expect(page2.errors).toBeUndefined();
    const next = page2.data!.list as Shops;
    expect(next).toMatchObject({ pageInfo: { hasPreviousPage: true }, edges: [{ node: { id: expect.any(String) } }] });
    expect(next.edges[0].node.id).not.toBe(page1.edges[0].node.id);
  });
});

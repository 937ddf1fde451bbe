import { parse } from 'graphql';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startTestApp, TestApp } from './support/app';
import { PlaceOrderInput } from './generated/graphql';
import { createMarket, Market, orderInput, placeOrder } from './support/market';

/**
 * The SQL statements of the write path, counted so they cannot creep back (issue 8: each statement
 * costs a round trip inside the transaction and the ORM's CPU to build). The selections are the
 * bench's (`id version`), so only the mutation itself is counted, not the reads of a bigger answer.
 * The API key comes from the key cache (an earlier request of the same key loaded it).
 */

type Result = { __typename: string; id?: string; version?: number; code?: string };
const RESULT = `__typename ... on Order { id version } ... on ErrorResult { code }`;
const mutation = <I>(field: string, inputType: string) =>
  parse(`mutation M($input: ${inputType}!) { result: ${field}(input: $input) { ${RESULT} } }`) as TypedDocumentNode<{ result: Result }, { input: I }>;

const PLACE = mutation<PlaceOrderInput>('placeOrder', 'PlaceOrderInput');
const ACCEPT = mutation<{ orderId: string; idempotencyKey?: string }>('acceptOrder', 'AcceptOrderInput');
const SET_TRACKING = mutation<{ orderId: string; carrierCode: string; trackingNumber: string }>('setTracking', 'SetTrackingInput');
const ORDER_VERSION = parse(`query O($id: ID!) { order(id: $id) { version timeline(first: 10) { edges { node { type } } } } }`) as TypedDocumentNode<
  { order: { version: number; timeline: { edges: { node: { type: string } }[] } } },
  { id: string }
>;
const CONFIRM_SHIPMENT = mutation<{ orderId: string }>('confirmShipment', 'OrderActionInput');

/**
 * acceptOrder: BEGIN; the order locked and read with its shop, customer and lines (`lock_order`);
 * one statement for the order's and its lines' updates, the customer's notification and the event
 * (locks, insert and NOTIFY) (src/common/row-writes.ts); COMMIT.
 */
const ACCEPT_STATEMENTS = 4;
/** setTracking: BEGIN; the order locked and read with its lines; the order's update with the event; COMMIT. */
const SET_TRACKING_STATEMENTS = 4;
/**
 * placeOrder: BEGIN; the shop and the customer (one statement); the reference's uniqueness; the
 * order's and its lines' inserts with the event (one statement); COMMIT.
 */
const PLACE_STATEMENTS = 5;
/** A refused step without an idempotency key: BEGIN; the order with its lines; ROLLBACK (no savepoint to undo, nothing written). */
const REFUSED_STATEMENTS = 3;
/** With an idempotency key: the key's lock and lookup and the savepoint come on top (the outcome's insert joins the last write). */
const ACCEPT_WITH_KEY_STATEMENTS = ACCEPT_STATEMENTS + 3;
/**
 * sendMessage: BEGIN; the order locked and read with its shop, customer and lines; the thread
 * locked; the thread, the message and the read mark (one statement); the event (with the customer's
 * notification when the shop writes); COMMIT. No incident is read: none is open (the order's lines show it).
 */
const MESSAGE_STATEMENTS = 6;

const SEND_MESSAGE = parse(
  `mutation S($input: SendMessageInput!) { result: sendMessage(input: $input) { __typename ... on Message { body } ... on ErrorResult { code } } }`,
) as TypedDocumentNode<{ result: { __typename: string; body?: string; code?: string } }, { input: { orderId: string; body: string } }>;
const THREAD = parse(`query T($id: ID!) { order(id: $id) { thread { unreadCount shopReplyNeededSince messages(first: 10) { totalCount } } } }`) as TypedDocumentNode<
  { order: { thread: { unreadCount: number; shopReplyNeededSince: string | null; messages: { totalCount: number } } } },
  { id: string }
>;

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  // The seller's key into the key cache, so no count below includes its lookup.
  await t.gql(ACCEPT, { input: { orderId: (await placeOrder(t, market)).id } }, market.keys.seller);
});
afterAll(() => t.close());

describe('SQL statements per mutation', () => {
  it(`acceptOrder issues ${ACCEPT_STATEMENTS} statements, setTracking ${SET_TRACKING_STATEMENTS}, confirmShipment ${ACCEPT_STATEMENTS}`, async () => {
    const order = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    const results: Result[] = [];
    const counts = [
      await t.countQueries(async () => results.push((await t.gql(ACCEPT, { input: { orderId: order.id } }, market.keys.seller)).result)),
      await t.countQueries(async () =>
        results.push(
          (await t.gql(SET_TRACKING, { input: { orderId: order.id, carrierCode: 'INPOST', trackingNumber: '600000000000000000000001' } }, market.keys.seller))
            .result,
        ),
      ),
      await t.countQueries(async () => results.push((await t.gql(CONFIRM_SHIPMENT, { input: { orderId: order.id } }, market.keys.seller)).result)),
    ];
    expect(results).toEqual([
      { __typename: 'Order', id: order.id, version: 2 },
      { __typename: 'Order', id: order.id, version: 3 },
      { __typename: 'Order', id: order.id, version: 4 },
    ]);
    expect(counts).toEqual([ACCEPT_STATEMENTS, SET_TRACKING_STATEMENTS, ACCEPT_STATEMENTS]);
  });

  it(`placeOrder issues ${PLACE_STATEMENTS} statements`, async () => {
    let result: Result | undefined;
    const count = await t.countQueries(
      async () => (result = (await t.gql(PLACE, { input: orderInput(market.shop.id, { paymentWorkflow: 'PAY_ON_DELIVERY' }) }, market.keys.customer)).result),
    );
    expect(result).toEqual({ __typename: 'Order', id: expect.any(String), version: 1 });
    expect(count).toBe(PLACE_STATEMENTS);
  });

  it(`a refused step issues ${REFUSED_STATEMENTS} statements and changes nothing`, async () => {
    const order = await placeOrder(t, market);
    await t.gql(ACCEPT, { input: { orderId: order.id } }, market.keys.seller);
    let result: Result | undefined;
    const count = await t.countQueries(async () => (result = (await t.gql(ACCEPT, { input: { orderId: order.id } }, market.keys.seller)).result));
    expect(result).toEqual({ __typename: 'InvalidStateError', code: 'INVALID_STATE' });
    expect(count).toBe(REFUSED_STATEMENTS);
    const after = await t.gql(ORDER_VERSION, { id: order.id }, market.keys.seller);
    expect(after.order).toEqual({ version: 2, timeline: { edges: [{ node: { type: 'ORDER_PLACED' } }, { node: { type: 'ORDER_ACCEPTED' } }] } });
  });

  it(`acceptOrder with an idempotency key issues ${ACCEPT_WITH_KEY_STATEMENTS} statements, its replay 5`, async () => {
    const order = await placeOrder(t, market);
    const input = { orderId: order.id, idempotencyKey: 'accept-statements-1' };
    const first = await t.countQueries(() => t.gql(ACCEPT, { input }, market.keys.seller));
    let replayed: Result | undefined;
    // BEGIN, the key's lock, the lookup, COMMIT; then the order the outcome names, read for the answer.
    const replay = await t.countQueries(async () => (replayed = (await t.gql(ACCEPT, { input }, market.keys.seller)).result));
    expect(replayed).toEqual({ __typename: 'Order', id: order.id, version: 2 });
    expect([first, replay]).toEqual([ACCEPT_WITH_KEY_STATEMENTS, 5]);
  });

  it(`sendMessage issues ${MESSAGE_STATEMENTS} statements for the customer's first and later messages and for the shop's answer`, async () => {
    const order = await placeOrder(t, market);
    const send = (body: string, secret: string) => t.countQueries(async () => expect((await t.gql(SEND_MESSAGE, { input: { orderId: order.id, body } }, secret)).result).toEqual({ __typename: 'Message', body }));
    const counts = [await send('Kiedy wysyłka?', market.keys.customer), await send('I czy jest paragon?', market.keys.customer), await send('Jutro, z paragonem.', market.keys.seller)];
    expect(counts).toEqual([MESSAGE_STATEMENTS, MESSAGE_STATEMENTS, MESSAGE_STATEMENTS]);
    // What the statements wrote: three messages, the shop has read up to its own answer, nothing waits for it.
    expect((await t.gql(THREAD, { id: order.id }, market.keys.seller)).order.thread).toEqual({ unreadCount: 0, shopReplyNeededSince: null, messages: { totalCount: 3 } });
    expect((await t.gql(THREAD, { id: order.id }, market.keys.customer)).order.thread).toEqual({ unreadCount: 1, shopReplyNeededSince: null, messages: { totalCount: 3 } });
  });
});

/*
 * Round trips: BEGIN travels with a transaction's first statement and COMMIT with its last
 * (src/db/transaction-pipelining.ts), so a step on an order is two queries to PostgreSQL whatever
 * its statement count above.
 */
describe('round trips to PostgreSQL per mutation', () => {
  it('acceptOrder, setTracking and confirmShipment: 2 each (BEGIN + the lock; the writes and events + COMMIT); a refused step: 2 (its ROLLBACK)', async () => {
    const order = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    const results: Result[] = [];
    const trips = [
      await t.countRoundTrips(async () => results.push((await t.gql(ACCEPT, { input: { orderId: order.id } }, market.keys.seller)).result)),
      await t.countRoundTrips(async () =>
        results.push(
          (await t.gql(SET_TRACKING, { input: { orderId: order.id, carrierCode: 'INPOST', trackingNumber: '600000000000000000000002' } }, market.keys.seller))
            .result,
        ),
      ),
      await t.countRoundTrips(async () => results.push((await t.gql(CONFIRM_SHIPMENT, { input: { orderId: order.id } }, market.keys.seller)).result)),
      await t.countRoundTrips(async () => results.push((await t.gql(ACCEPT, { input: { orderId: order.id } }, market.keys.seller)).result)),
    ];
    expect(results.map((result) => result.version ?? result.code)).toEqual([2, 3, 4, 'INVALID_STATE']);
    expect(trips).toEqual([2, 2, 2, 2]);
  });

  it('placeOrder: 3 (BEGIN + the shop and customer; the reference; the inserts and event + COMMIT); sendMessage: 4', async () => {
    let placed: Result | undefined;
    const place = await t.countRoundTrips(
      async () => (placed = (await t.gql(PLACE, { input: orderInput(market.shop.id, { paymentWorkflow: 'PAY_ON_DELIVERY' }) }, market.keys.customer)).result),
    );
    expect(placed).toEqual({ __typename: 'Order', id: expect.any(String), version: 1 });
    const message = await t.countRoundTrips(async () =>
      expect((await t.gql(SEND_MESSAGE, { input: { orderId: placed!.id!, body: 'Czy można szybciej?' } }, market.keys.customer)).result).toEqual({
        __typename: 'Message',
        body: 'Czy można szybciej?',
      }),
    );
    expect([place, message]).toEqual([3, 4]);
  });
});

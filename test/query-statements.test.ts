import { parse } from 'graphql';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { AcceptOrderDocument, LiveSendMessageDocument, RefuseOrderDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';

let t: TestApp;
let market: Market;

type Page = { orders: { edges: { node: { id: string; timeline: { edges: { node: { type: string } }[]; pageInfo: { hasNextPage: boolean } } } }[] } };
const PAGE_WITH_TIMELINES = parse(`
  query PageWithTimelines($first: Int!, $events: Int!) {
    orders(first: $first, sort: { field: CREATED_AT, direction: ASC }) {
      edges { node { id timeline(first: $events) { edges { node { type } } pageInfo { hasNextPage } } } }
    }
  }
`) as TypedDocumentNode<Page, { first: number; events: number }>;

type Inbox = { messageThreads: { edges: { node: { messages: { edges: { node: { body: string } }[]; pageInfo: { hasPreviousPage: boolean } } } }[] } };
const INBOX_WITH_LAST_MESSAGE = parse(`
  query InboxWithLastMessage($first: Int!) {
    messageThreads(first: $first) {
      edges { node { messages(last: 1) { edges { node { body } } pageInfo { hasPreviousPage } } } }
    }
  }
`) as TypedDocumentNode<Inbox, { first: number }>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  for (let i = 0; i < 12; i += 1) {
    const order = await placeOrder(t, market);
    if (i % 2 === 0) await t.gql(RefuseOrderDocument, { input: { orderId: order.id } }, market.keys.seller);
    await t.gql(LiveSendMessageDocument, { input: { orderId: order.id, body: `Pytanie ${i}` } }, market.keys.customer);
    if (i % 3 === 0) await t.gql(LiveSendMessageDocument, { input: { orderId: order.id, body: `Odpowiedź ${i}` } }, market.keys.seller);
  }
});
afterAll(() => t.close());

describe('Order.timeline in a page of orders', () => {
  it('costs the same number of SQL statements for 3 orders as for 12', async () => {
    const small = await t.countQueries(() => t.gql(PAGE_WITH_TIMELINES, { first: 3, events: 10 }, market.keys.seller));
    const large = await t.countQueries(() => t.gql(PAGE_WITH_TIMELINES, { first: 12, events: 10 }, market.keys.seller));
    expect(large).toBe(small);
  });

  it("gives each order its own events, oldest first, cut at `first`", async () => {
    const { orders } = await t.gql(PAGE_WITH_TIMELINES, { first: 4, events: 2 }, market.keys.seller);
    expect(orders.edges.map(({ node }) => [node.timeline.edges.map((edge) => edge.node.type), node.timeline.pageInfo.hasNextPage])).toEqual([
      [['ORDER_PLACED', 'ORDER_REFUSED'], true],
      [['ORDER_PLACED', 'MESSAGE_ADDED'], false],
      [['ORDER_PLACED', 'ORDER_REFUSED'], true],
      [['ORDER_PLACED', 'MESSAGE_ADDED'], true],
    ]);
  });
});

describe('MessageThread.messages in a page of threads', () => {
  it('costs the same number of SQL statements for 3 threads as for 12', async () => {
    const small = await t.countQueries(() => t.gql(INBOX_WITH_LAST_MESSAGE, { first: 3 }, market.keys.seller));
    const large = await t.countQueries(() => t.gql(INBOX_WITH_LAST_MESSAGE, { first: 12 }, market.keys.seller));
    expect(large).toBe(small);
  });

  it("shows each thread's own newest message", async () => {
    const { messageThreads } = await t.gql(INBOX_WITH_LAST_MESSAGE, { first: 4 }, market.keys.seller);
    // Most recently active first: orders 11, 10, 9 (answered by the shop), 8.
    expect(messageThreads.edges.map(({ node }) => [node.messages.edges.map((edge) => edge.node.body), node.messages.pageInfo.hasPreviousPage])).toEqual([
      [['Pytanie 11'], false],
      [['Pytanie 10'], false],
      [['Odpowiedź 9'], true],
      [['Pytanie 8'], false],
    ]);
  });
});

describe('batched nested lists in a document with several mutations', () => {
  type Steps = { tracked: { timeline?: { edges: { node: { type: string } }[] } }; shipped: { state?: string; timeline?: { edges: { node: { type: string } }[] } } };
  const TRACK_THEN_SHIP = parse(`
    mutation TrackThenShip($orderId: ID!) {
      tracked: setTracking(input: { orderId: $orderId, carrierCode: "DPD", trackingNumber: "DPD-1" }) { ... on Order { timeline { edges { node { type } } } } }
      shipped: confirmShipment(input: { orderId: $orderId }) { ... on Order { state timeline { edges { node { type } } } } }
    }
  `) as TypedDocumentNode<Steps, { orderId: string }>;

  it("shows the second mutation's order with its own new events, not the first one's batch", async () => {
    const order = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    await t.gql(AcceptOrderDocument, { input: { orderId: order.id } }, market.keys.seller);
    const { tracked, shipped } = await t.gql(TRACK_THEN_SHIP, { orderId: order.id }, market.keys.seller);
    expect(tracked.timeline!.edges.map((edge) => edge.node.type)).toEqual(['ORDER_PLACED', 'ORDER_ACCEPTED', 'ORDER_TRACKING_SET']);
    expect([shipped.state, shipped.timeline!.edges.map((edge) => edge.node.type)]).toEqual([
      'SHIPPED',
      ['ORDER_PLACED', 'ORDER_ACCEPTED', 'ORDER_TRACKING_SET', 'ORDER_SHIPPED'],
    ]);
  });
});

describe('totalCount', () => {
  const count = (list: string) =>
    [
      parse(`query { ${list}(first: 5) { edges { node { id } } } }`) as TypedDocumentNode<unknown, Record<string, never>>,
      parse(`query { ${list}(first: 5) { totalCount edges { node { id } } } }`) as TypedDocumentNode<unknown, Record<string, never>>,
    ] as const;

  it.each(['orders', 'messageThreads', 'incidents', 'returns', 'ratings', 'shops'])('is counted for %s only when it is asked for', async (list) => {
    const [without, withTotal] = count(list);
    const plain = await t.countQueries(() => t.gql(without, {}, market.keys.seller));
    const counted = await t.countQueries(() => t.gql(withTotal, {}, market.keys.seller));
    expect(counted - plain).toBe(1);
  });
});

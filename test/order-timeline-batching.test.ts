import { parse } from 'graphql';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { RefuseOrderDocument } from './generated/graphql';
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

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  for (let i = 0; i < 12; i += 1) {
    const order = await placeOrder(t, market);
    if (i % 2 === 0) await t.gql(RefuseOrderDocument, { input: { orderId: order.id } }, market.keys.seller);
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
    const { orders } = await t.gql(PAGE_WITH_TIMELINES, { first: 4, events: 1 }, market.keys.seller);
    expect(orders.edges.map(({ node }) => [node.timeline.edges.map((edge) => edge.node.type), node.timeline.pageInfo.hasNextPage])).toEqual([
      [['ORDER_PLACED'], true],
      [['ORDER_PLACED'], false],
      [['ORDER_PLACED'], true],
      [['ORDER_PLACED'], false],
    ]);
  });
});

import {
  NodesDocument,
  OrderReturnsDocument,
  ReturnByIdDocument,
  ReturnDashboardDocument,
  ReturnEventsDocument,
  ReturnFieldsFragment,
  ReturnNodeDocument,
  ReturnsDocument,
  OrderFieldsFragment,
} from './generated/graphql';
import { asReturn, receivedOrder, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market } from './support/market';

let t: TestApp;
let market: Market;
let calls: ReturnType<typeof returnCalls>;
/** Shop A, customer A: one return waiting for the shop, one accepted. */
let order: OrderFieldsFragment;
let waiting: ReturnFieldsFragment;
let accepted: ReturnFieldsFragment;
/** Shop B, customer B: the outsiders' own return. */
let theirs: ReturnFieldsFragment;

const OUTSIDERS = [
  ["another shop's seller", 'otherSeller'],
  ['another customer', 'otherCustomer'],
] as const;
const NOT_FOUND = { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Return not found' };

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  calls = returnCalls(t);
  order = await receivedOrder(t, market);
  const unit = (lineIndex: number) => ({ orderId: order.id, lines: [{ lineId: order.lines[lineIndex].id, quantity: 1 }], reason: 'OTHER' as const });
  waiting = asReturn(await calls.request(market.keys.customer, unit(0)));
  accepted = asReturn(await calls.request(market.keys.customer, unit(1)));
  accepted = asReturn(await calls.accept(market.keys.seller, { returnId: accepted.id }));
  const other = await receivedOrder(t, market, { shopId: market.otherShop.id, customerSecret: market.keys.otherCustomer });
  theirs = asReturn(await calls.request(market.keys.otherCustomer, { orderId: other.id, lines: [{ lineId: other.lines[0].id, quantity: 1 }], reason: 'OTHER' }));
});
afterAll(() => t.close());

const read = async (id: string) => (await t.gql(ReturnByIdDocument, { id })).node;

describe.each(OUTSIDERS)('returns of shop A and customer A, seen by %s', (_name, key) => {
  const secret = () => market.keys[key];

  it('are not in their returns list, their dashboard or their events; their own return is', async () => {
    const { returns } = await t.gql(ReturnsDocument, {}, secret());
    expect([returns.totalCount, returns.edges.map((edge) => edge.node.id)]).toEqual([1, [theirs.id]]);
    const filtered = await t.gql(ReturnsDocument, { filter: { orderId: order.id } }, secret());
    expect(filtered.returns.totalCount).toBe(0);
    expect((await t.gql(ReturnDashboardDocument, {}, secret())).viewer.dashboard.returnsAwaitingDecision).toBe(1);
    const { events } = await t.gql(ReturnEventsDocument, { types: ['RETURN_REQUESTED', 'RETURN_UPDATED'] }, secret());
    expect(events.edges.map(({ node }) => node.return?.id)).toEqual([theirs.id]);
  });

  it('do not exist through node, nodes or the order', async () => {
    expect((await t.gql(ReturnNodeDocument, { id: waiting.id }, secret())).node).toBeNull();
    expect((await t.gql(NodesDocument, { ids: [waiting.id, accepted.id, theirs.id] }, secret())).nodes).toEqual([
      null,
      null,
      { __typename: 'Return', id: theirs.id },
    ]);
    expect((await t.gql(OrderReturnsDocument, { id: order.id }, secret())).order).toBeNull();
  });
});

describe('mutations on the returns of shop A and customer A by outsiders', () => {
  it("answer NotFoundError to another shop's seller for every shop-side step and change nothing", async () => {
    const secret = market.keys.otherSeller;
    expect([
      await calls.accept(secret, { returnId: waiting.id }),
      await calls.reject(secret, { returnId: waiting.id, reason: 'OTHER' }),
      await calls.receive(secret, { returnId: accepted.id }),
      await calls.refund(secret, { returnId: accepted.id }),
    ]).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND]);
    expect(await read(waiting.id)).toEqual(waiting);
    expect(await read(accepted.id)).toEqual(accepted);
  });

  it('answer NotFoundError to another customer for every customer-side step and change nothing', async () => {
    const secret = market.keys.otherCustomer;
    expect([
      await calls.track(secret, { returnId: accepted.id, carrierCode: 'DPD', trackingNumber: 'X' }),
      await calls.cancel(secret, { returnId: waiting.id }),
      await calls.request(secret, { orderId: order.id, lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'OTHER' }),
    ]).toEqual([NOT_FOUND, NOT_FOUND, { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Order not found' }]);
    expect(await read(waiting.id)).toEqual(waiting);
    expect(await read(accepted.id)).toEqual(accepted);
  });
});

describe('the returns of shop A', () => {
  it('are listed for its seller, its customer and operators, never the other shop', async () => {
    const ids = async (secret: string) => (await t.gql(ReturnsDocument, {}, secret)).returns.edges.map((edge) => edge.node.id).sort();
    expect(await ids(market.keys.seller)).toEqual([waiting.id, accepted.id].sort());
    expect(await ids(market.keys.customer)).toEqual([waiting.id, accepted.id].sort());
    expect(await ids(market.keys.operator)).toEqual([waiting.id, accepted.id, theirs.id].sort());
    expect((await t.gql(ReturnDashboardDocument, {}, market.keys.seller)).viewer.dashboard.returnsAwaitingDecision).toBe(1);
    expect((await t.gql(ReturnDashboardDocument, {}, market.keys.operator)).viewer.dashboard.returnsAwaitingDecision).toBe(2);
  });
});

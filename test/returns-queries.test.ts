import { clock } from '../src/common/clock';
import { OrderReturnsDocument, ReturnDashboardDocument, ReturnsDocument } from './generated/graphql';
import { asReturn, DAY, HOUR, receivedOrder, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market } from './support/market';

let t: TestApp;
let market: Market;
let calls: ReturnType<typeof returnCalls>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  calls = returnCalls(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const RECEIVED_AT = new Date('2027-03-05T09:00:00.000Z');
const REQUESTED_AT = new Date(RECEIVED_AT.getTime() + HOUR);
const seller = () => market.keys.seller;
const customer = () => market.keys.customer;
const received = () => receivedOrder(t, market, { receivedAt: RECEIVED_AT });

describe('lists, the order, node and the dashboard', () => {
  it('lists the viewer returns newest first, filtered by status and order, with exact counts and pages', async () => {
    const own = await createMarket(t);
    const order = await receivedOrder(t, own, { receivedAt: RECEIVED_AT });
    const make = async (at: number, lineIndex: number) => {
      clock.freeze(new Date(RECEIVED_AT.getTime() + at));
      return asReturn(await calls.request(own.keys.customer, { orderId: order.id, lines: [{ lineId: order.lines[lineIndex].id, quantity: 1 }], reason: 'OTHER' }));
    };
    const a = await make(HOUR, 0);
    const b = await make(2 * HOUR, 0);
    const c = await make(3 * HOUR, 1);
    asReturn(await calls.accept(own.keys.seller, { returnId: b.id }));

    const page1 = (await t.gql(ReturnsDocument, { first: 2 }, own.keys.seller)).returns;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((edge) => [edge.node.id, edge.node.status, edge.node.order.id])).toEqual([
      [c.id, 'REQUESTED', order.id],
      [b.id, 'ACCEPTED', order.id],
    ]);
    expect([page1.pageInfo.hasNextPage, page1.pageInfo.hasPreviousPage]).toEqual([true, false]);
    const page2 = (await t.gql(ReturnsDocument, { first: 2, after: page1.pageInfo.endCursor }, own.keys.seller)).returns;
    expect(page2.edges.map((edge) => edge.node.id)).toEqual([a.id]);
    expect([page2.pageInfo.hasNextPage, page2.pageInfo.hasPreviousPage]).toEqual([false, true]);
    const back = (await t.gql(ReturnsDocument, { last: 2, before: page2.pageInfo.startCursor }, own.keys.seller)).returns;
    expect(back.edges.map((edge) => edge.node.id)).toEqual([c.id, b.id]);

    const requested = (await t.gql(ReturnsDocument, { filter: { statuses: ['REQUESTED'], orderId: order.id } }, own.keys.customer)).returns;
    expect([requested.totalCount, requested.edges.map((edge) => edge.node.id)]).toEqual([2, [c.id, a.id]]);
    const { viewer } = await t.gql(ReturnDashboardDocument, {}, own.keys.seller);
    expect(viewer.dashboard.returnsAwaitingDecision).toBe(2);
    const bad = await t.request(ReturnsDocument, { first: 101 }, own.keys.seller);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('offers REQUEST_RETURN while units are left and the window is open, never to the shop', async () => {
    const order = await received();
    const actions = async (secret: string) => (await t.gql(OrderReturnsDocument, { id: order.id }, secret)).order!.availableActions;
    expect(await actions(customer())).toContain('REQUEST_RETURN');
    expect(await actions(market.keys.operator)).toContain('REQUEST_RETURN');
    expect(await actions(seller())).not.toContain('REQUEST_RETURN');

    // The window ends at the end of 19 March 2027 in Warsaw (rule 7 of issue 10; it was receipt + 14 x 24 h).
    clock.freeze(new Date('2027-03-19T22:59:59.999Z'));
    expect(await actions(customer())).toContain('REQUEST_RETURN');
    clock.freeze(new Date('2027-03-19T23:00:00.000Z'));
    expect(await actions(customer())).not.toContain('REQUEST_RETURN');

    clock.freeze(REQUESTED_AT);
    const lines = order.lines.map((line) => ({ lineId: line.id, quantity: line.quantity }));
    asReturn(await calls.request(customer(), { orderId: order.id, lines, reason: 'OTHER' }));
    expect(await actions(customer())).not.toContain('REQUEST_RETURN');
  });
});

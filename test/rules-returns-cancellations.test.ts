import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  CancelOrderDocument,
  CancelOrderInput,
  RecordPaymentDocument,
  RefuseOrderDocument,
  ReturnByIdDocument,
  ReturnFieldsFragment,
  RulesCancellationsDocument,
  RulesDashboardDocument,
  RulesShopQualityDocument,
} from './generated/graphql';
import { asReturn, receivedOrder, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder } from './support/market';

/**
 * Issue 10, rules 8 and 9: the refund after a withdrawal is due within 14 days, and cancellations
 * carry a reason code that the shop's quality counts.
 */
let t: TestApp;
let market: Market;
let returns: ReturnType<typeof returnCalls>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  returns = returnCalls(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const at = (instant: string) => clock.freeze(new Date(instant));
const plusMs = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

describe('rule 8: the refund after a withdrawal is due by the end of the 14th day after the request', () => {
  /** A return requested at `requestedAt` on an order of its own shop (so the dashboard counts only it). */
  async function requested(requestedAt: string) {
    const own = await createMarket(t);
    const order = await receivedOrder(t, own, { receivedAt: new Date(Date.parse(requestedAt) - 3_600_000) });
    at(requestedAt);
    const ret = asReturn(await returns.request(own.keys.customer, { orderId: order.id, lines: [{ lineId: order.lines[1].id, quantity: 1 }], reason: 'WITHDRAWAL_NO_REASON' }));
    return { own, ret };
  }
  const overdueCount = async (secret: string) => (await t.gql(RulesDashboardDocument, {}, secret)).viewer.dashboard.returnsRefundOverdue;
  const readReturn = async (id: string, secret: string) => {
    return (await t.gql(ReturnByIdDocument, { id }, secret)).node as ReturnFieldsFragment;
  };

  it.each([
    // Across the autumn clock change: requested 11:00 CEST on Wednesday 20 October 2027, due at the end of 3 November (CET).
    ['across the autumn clock change', '2027-10-20T09:00:00.000Z', '2027-11-03T22:59:59.999Z'],
    // Not moved for holidays: day 14 is 11 November 2027, a public holiday.
    ['on a public holiday, not moved', '2027-10-28T12:00:00.000Z', '2027-11-11T22:59:59.999Z'],
    // In summer time: requested 1 June 2027, due at the end of 15 June (UTC+02:00).
    ['in summer time', '2027-06-01T08:00:00.000Z', '2027-06-15T21:59:59.999Z'],
  ])('%s: requested %s, refundDueAt %s; overdue (and counted) one millisecond after, not at it', async (_name, requestedAt, dueAt) => {
    const { own, ret } = await requested(requestedAt);
    expect([ret.refundDueAt, ret.refundOverdue]).toEqual([dueAt, false]);

    at(dueAt);
    expect((await readReturn(ret.id, own.keys.seller)).refundOverdue).toBe(false);
    expect(await overdueCount(own.keys.seller)).toBe(0);

    at(plusMs(dueAt, 1));
    expect((await readReturn(ret.id, own.keys.seller)).refundOverdue).toBe(true);
    expect(await overdueCount(own.keys.seller)).toBe(1);
    expect(await overdueCount(own.keys.customer)).toBe(1);
    expect(await overdueCount(market.keys.seller)).toBe(0);

    asReturn(await returns.accept(own.keys.seller, { returnId: ret.id }));
    asReturn(await returns.receive(own.keys.seller, { returnId: ret.id }));
    expect(await overdueCount(own.keys.seller)).toBe(1);
    const refunded = asReturn(await returns.refund(own.keys.seller, { returnId: ret.id }));
    expect([refunded.status, refunded.refundDueAt, refunded.refundOverdue]).toEqual(['REFUNDED', dueAt, false]);
    expect(await overdueCount(own.keys.seller)).toBe(0);
  });

  it.each([
    ['rejected', 'reject'],
    ['canceled', 'cancel'],
  ] as const)('a %s return has no refund deadline (null, never overdue)', async (_name, step) => {
    const { own, ret } = await requested('2027-06-01T08:00:00.000Z');
    const ended = asReturn(step === 'reject' ? await returns.reject(own.keys.seller, { returnId: ret.id, reason: 'OTHER' }) : await returns.cancel(own.keys.customer, { returnId: ret.id }));
    at('2027-07-01T00:00:00.000Z');
    expect([ended.refundDueAt, (await readReturn(ret.id, own.keys.seller)).refundOverdue]).toEqual([null, false]);
    expect(await overdueCount(own.keys.seller)).toBe(0);
  });
});

describe('rule 9: cancellations carry a reason code, and the shop is measured by its own', () => {
  const cancel = async (input: CancelOrderInput, secret = market.keys.seller) => asOrder((await t.gql(CancelOrderDocument, { input }, secret)).cancelOrder);
  const accepted = async (m: Market = market) => {
    const placed = await placeOrder(t, m, {}, m.keys.customer);
    return asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, m.keys.seller)).acceptOrder);
  };
  const cancellations = async (id: string) => (await t.gql(RulesCancellationsDocument, { id })).order!;

  it('records the code on every line it cancels, and in the timeline; lines left alone have none', async () => {
    const order = await accepted();
    const partly = await cancel({ orderId: order.id, lineIds: [order.lines[0].id], reason: 'Brak na magazynie', reasonCode: 'OUT_OF_STOCK' });
    expect(partly.lines.map((line) => [line.state, line.cancellationReason])).toEqual([
      ['CANCELED', 'OUT_OF_STOCK'],
      ['WAITING_DEBIT_PAYMENT', null],
    ]);
    const rest = await cancel({ orderId: order.id, reason: 'Klientka zrezygnowała', reasonCode: 'CUSTOMER_REQUEST' });
    expect(rest.lines.map((line) => line.cancellationReason)).toEqual(['OUT_OF_STOCK', 'CUSTOMER_REQUEST']);
    const timeline = (await cancellations(order.id)).timeline.edges.map(({ node }) => [node.type, node.cancellationReason]);
    expect(timeline.filter(([type]) => type === 'ORDER_CANCELED')).toEqual([
      ['ORDER_CANCELED', 'OUT_OF_STOCK'],
      ['ORDER_CANCELED', 'CUSTOMER_REQUEST'],
    ]);
  });

  it('omitted, the code is OTHER; a failed payment cancels with none', async () => {
    const order = await accepted();
    expect((await cancel({ orderId: order.id, reason: 'Bez kodu' })).lines.map((line) => line.cancellationReason)).toEqual(['OTHER', 'OTHER']);
    const unpaid = await accepted();
    const failed = asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: unpaid.id, outcome: 'FAILED' } })).recordPayment);
    expect(failed.lines.map((line) => [line.state, line.cancellationReason])).toEqual([
      ['CANCELED', null],
      ['CANCELED', null],
    ]);
    expect((await cancellations(unpaid.id)).timeline.edges.map(({ node }) => node.cancellationReason)).toEqual([null, null, null]);
  });

  it('ShopQuality.cancellationRate: orders the shop canceled lines of, not at the customer\'s request / accepted orders = 1 / 4', async () => {
    const own = await createMarket(t);
    const { node: empty } = await t.gql(RulesShopQualityDocument, { id: own.shop.id });
    expect(empty).toEqual({ __typename: 'Shop', id: own.shop.id, quality: { ordersCount: 0, incidentRate: null, cancellationRate: null } });

    const outOfStock = await accepted(own);
    await cancel({ orderId: outOfStock.id, lineIds: [outOfStock.lines[1].id], reason: 'Brak', reasonCode: 'OUT_OF_STOCK' }, own.keys.seller);
    const askedFor = await accepted(own);
    await cancel({ orderId: askedFor.id, reason: 'Na prośbę klientki', reasonCode: 'CUSTOMER_REQUEST' }, own.keys.seller);
    await accepted(own); // accepted, nothing canceled
    const unpaid = await accepted(own);
    asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: unpaid.id, outcome: 'FAILED' } })).recordPayment); // not the shop's cancellation
    const refused = await placeOrder(t, own, {}, own.keys.customer);
    asOrder((await t.gql(RefuseOrderDocument, { input: { orderId: refused.id } }, own.keys.seller)).refuseOrder); // never accepted

    const { node } = await t.gql(RulesShopQualityDocument, { id: own.shop.id });
    expect(node).toEqual({ __typename: 'Shop', id: own.shop.id, quality: { ordersCount: 5, incidentRate: 0, cancellationRate: 0.25 } });
  });
});

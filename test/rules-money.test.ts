import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  CancelOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  OrderFieldsFragment,
  OrdersDocument,
  RecordPaymentDocument,
  RefundOrderDocument,
  RefundOrderInput,
  ReturnEventsDocument,
  SetTrackingDocument,
} from './generated/graphql';
import { asReturn, DAY, receivedOrder, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder, readOrder, snapshotOf, timelineOf } from './support/market';

/**
 * Issue 10, rules 1, 2, 12 and 13: the shipping is refundable, an order whose every sold line is
 * refunded is REFUNDED ("Zwrócono"), and the order's price counts only the lines that were sold.
 * The market's order: 2 x 49.99 + 35.50 = 135.48, shipping 12.99, total 148.47.
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

const seller = () => market.keys.seller;
const refund = async (input: RefundOrderInput) => (await t.gql(RefundOrderDocument, { input }, seller())).refundOrder;
const everyLine = (order: OrderFieldsFragment) => order.lines.map((line) => ({ lineId: line.id }));
const received = () => receivedOrder(t, market);

describe('rule 1: the shipping is refundable', () => {
  it('a full refund of every line and the shipping returns the whole 148.47; then nothing is left and REFUND is no longer offered', async () => {
    const order = await received();
    expect(order.shippingRefundable.amount).toBe('12.99');
    const refunded = asOrder(await refund({ orderId: order.id, lines: everyLine(order), shipping: '12.99', reason: 'NOT_AS_DESCRIBED' }));
    expect(refunded.lines.map((line) => [line.state, line.refundedAmount.amount, line.refundable.amount])).toEqual([
      ['REFUNDED', '99.98', '0.00'],
      ['REFUNDED', '35.50', '0.00'],
    ]);
    expect(refunded.shippingRefunds).toEqual([{ amount: { amount: '12.99' }, reason: 'NOT_AS_DESCRIBED', createdAt: refunded.shippingRefunds[0].createdAt }]);
    expect(refunded.refunds.map((r) => r.amount.amount)).toEqual(['99.98', '35.50']);
    expect(refunded.shippingRefundable.amount).toBe('0.00');
    expect(refunded.availableActions).toEqual(['SEND_MESSAGE']);
    expect(timelineOf(refunded).slice(-1)).toEqual(['ORDER_REFUNDED RECEIVED->REFUNDED by SELLER']);
  });

  it('REFUND stays offered while only the shipping is left, and lines may be empty when shipping is given', async () => {
    const order = await received();
    const linesBack = asOrder(await refund({ orderId: order.id, lines: everyLine(order), reason: 'WITHDRAWAL_NO_REASON' }));
    expect([linesBack.state, linesBack.shippingRefundable.amount, linesBack.availableActions]).toEqual(['REFUNDED', '12.99', ['REFUND', 'SEND_MESSAGE']]);
    const shippingBack = asOrder(await refund({ orderId: order.id, lines: [], shipping: '12.99', reason: 'WITHDRAWAL_NO_REASON' }));
    expect([shippingBack.state, shippingBack.shippingRefundable.amount, shippingBack.availableActions]).toEqual(['REFUNDED', '0.00', ['SEND_MESSAGE']]);
    expect(shippingBack.shippingRefunds.map((r) => [r.amount.amount, r.reason])).toEqual([['12.99', 'WITHDRAWAL_NO_REASON']]);
    expect(timelineOf(shippingBack).slice(-1)).toEqual(['ORDER_REFUNDED -->- by SELLER']);
    expect(await refund({ orderId: order.id, lines: [], shipping: '0.01', reason: 'WITHDRAWAL_NO_REASON' })).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'Nothing on this order can be refunded',
      currentState: 'REFUNDED',
    });
  });

  it('refunds the shipping in parts; more than is left answers AmountExceedsRefundableError with what is left and changes nothing', async () => {
    const order = await received();
    const first = asOrder(await refund({ orderId: order.id, lines: [], shipping: '5.00', reason: 'LATE_SHIPPING' }));
    expect(first.shippingRefundable.amount).toBe('7.99');
    const before = await readOrder(t, order.id);
    expect(await refund({ orderId: order.id, lines: [{ lineId: order.lines[1].id, amount: '1.00' }], shipping: '8.00', reason: 'LATE_SHIPPING' })).toEqual({
      __typename: 'AmountExceedsRefundableError',
      code: 'AMOUNT_EXCEEDS_REFUNDABLE',
      message: 'The shipping has 7.99 left to refund',
      refundable: { amount: '7.99', currency: 'PLN' },
    });
    const after = await readOrder(t, order.id);
    expect(snapshotOf(after)).toEqual(snapshotOf(before));
    expect([after.shippingRefundable.amount, after.shippingRefunds.length]).toEqual(['7.99', 1]);
    const rest = asOrder(await refund({ orderId: order.id, lines: [], shipping: '7.99', reason: 'LATE_SHIPPING' }));
    expect(rest.shippingRefunds.map((r) => r.amount.amount)).toEqual(['5.00', '7.99']);
    expect(rest.shippingRefundable.amount).toBe('0.00');
  });

  it.each([
    ['0.00', 'must be greater than zero'],
    ['-1.00', 'must be greater than zero'],
    ['1.999', 'must be a decimal amount with at most two decimals, e.g. "129.99"'],
  ])('refuses the shipping amount %s with ValidationError on input.shipping and changes nothing', async (shipping, message) => {
    const order = await received();
    expect(await refund({ orderId: order.id, lines: [], shipping, reason: 'LATE_SHIPPING' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message,
      field: ['input', 'shipping'],
    });
    expect(snapshotOf(await readOrder(t, order.id))).toEqual(snapshotOf(order));
  });

  it('refuses a refund with neither lines nor shipping with ValidationError on input.lines', async () => {
    const order = await received();
    expect(await refund({ orderId: order.id, lines: [], reason: 'LATE_SHIPPING' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'must not be empty',
      field: ['input', 'lines'],
    });
  });

  it('nothing of the shipping is refundable before the customer paid: prepaid once the payment is recorded, cash on delivery once received', async () => {
    const prepaid = await placeOrder(t, market);
    const accepted = asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: prepaid.id } }, seller())).acceptOrder);
    expect(accepted.shippingRefundable.amount).toBe('0.00');
    const paid = asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: prepaid.id, outcome: 'PAID' } })).recordPayment);
    expect(paid.shippingRefundable.amount).toBe('12.99');

    const cod = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    const orderId = cod.id;
    const shipping = asOrder((await t.gql(AcceptOrderDocument, { input: { orderId } }, seller())).acceptOrder);
    expect([shipping.state, shipping.shippingRefundable.amount]).toEqual(['SHIPPING', '0.00']);
    expect(await refund({ orderId, lines: [], shipping: '1.00', reason: 'LATE_SHIPPING' })).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'Nothing on this order can be refunded',
      currentState: 'SHIPPING',
    });
    await t.gql(SetTrackingDocument, { input: { orderId, carrierCode: 'DPD', trackingNumber: `DPD-${cod.reference}` } }, seller());
    await t.gql(ConfirmShipmentDocument, { input: { orderId } }, seller());
    const delivered = asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId } }, market.keys.customer)).confirmDelivery);
    expect(delivered.shippingRefundable.amount).toBe('12.99');
  });

  it('refundReturn refunds the shipping with the returned units: a ShippingRefund of the order, not a Refund of the return', async () => {
    const order = await received();
    const ret = asReturn(await returns.request(market.keys.customer, { orderId: order.id, lines: [{ lineId: order.lines[1].id, quantity: 1 }], reason: 'WITHDRAWAL_NO_REASON' }));
    asReturn(await returns.accept(seller(), { returnId: ret.id }));
    asReturn(await returns.receive(seller(), { returnId: ret.id }));
    expect(await returns.refund(seller(), { returnId: ret.id, shipping: '13.00' })).toEqual({
      __typename: 'AmountExceedsRefundableError',
      code: 'AMOUNT_EXCEEDS_REFUNDABLE',
      message: 'The shipping has 12.99 left to refund',
      refundable: { amount: '12.99', currency: 'PLN' },
    });
    expect(await returns.refund(seller(), { returnId: ret.id, shipping: '0' })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'shipping'] });
    const refunded = asReturn(await returns.refund(seller(), { returnId: ret.id, shipping: '12.99' }));
    expect(refunded.refunds.map((r) => [r.amount.amount, r.reason])).toEqual([['35.50', 'WITHDRAWAL_NO_REASON']]);
    const after = await readOrder(t, order.id);
    expect(after.shippingRefunds.map((r) => [r.amount.amount, r.reason])).toEqual([['12.99', 'WITHDRAWAL_NO_REASON']]);
    expect(after.refunds.map((r) => r.amount.amount)).toEqual(['35.50']);
    expect([after.state, after.shippingRefundable.amount]).toEqual(['RECEIVED', '0.00']);
    const events = (await t.gql(ReturnEventsDocument, { types: ['ORDER_REFUNDED'] })).events.edges.filter(({ node }) => node.order?.id === order.id);
    expect(events.length).toBe(1);
  });
});

describe('rule 2: REFUNDED ("Zwrócono") is an order state', () => {
  it('an order whose every sold line is refunded is REFUNDED, labelled "Zwrócono" / "Refunded", found by its state, and never closes', async () => {
    const order = await received();
    const refunded = asOrder(await refund({ orderId: order.id, lines: everyLine(order), reason: 'DAMAGED_PRODUCT' }));
    expect([refunded.state, refunded.stateLabel, refunded.stateLabelEn, refunded.closeAt]).toEqual(['REFUNDED', 'Zwrócono', 'Refunded', null]);
    const found = await t.gql(OrdersDocument, { first: 100, filter: { states: ['REFUNDED'] } }, seller());
    expect(found.orders.edges.map(({ node }) => [node.id, node.state])).toContainEqual([order.id, 'REFUNDED']);
    expect(found.orders.edges.every(({ node }) => node.state === 'REFUNDED')).toBe(true);

    clock.set(new Date(Date.parse(order.receivedAt!) + 31 * DAY));
    await t.app.sweeper.sweep();
    const later = await readOrder(t, order.id);
    expect([later.state, later.closedAt, timelineOf(later).some((line) => line.startsWith('ORDER_CLOSED'))]).toEqual(['REFUNDED', null, false]);
  });

  it('refused and canceled lines do not count: a partly accepted order whose accepted line is refunded is REFUNDED', async () => {
    const placed = await placeOrder(t, market);
    const orderId = placed.id;
    const decisions = [
      { lineId: placed.lines[0].id, accepted: true },
      { lineId: placed.lines[1].id, accepted: false },
    ];
    asOrder((await t.gql(AcceptOrderDocument, { input: { orderId, lines: decisions } }, seller())).acceptOrder);
    asOrder((await t.gql(RecordPaymentDocument, { input: { orderId, outcome: 'PAID' } })).recordPayment);
    const refunded = asOrder(await refund({ orderId, lines: [{ lineId: placed.lines[0].id }], reason: 'CUSTOMER_CANCELLED_BEFORE_SHIPPING' }));
    expect([refunded.state, refunded.lines.map((line) => line.state)]).toEqual(['REFUNDED', ['REFUNDED', 'REFUSED']]);
  });

  it('a partial refund of the last line leaves the order as it was (RECEIVED)', async () => {
    const order = await received();
    const partly = asOrder(await refund({ orderId: order.id, lines: [{ lineId: order.lines[0].id }, { lineId: order.lines[1].id, amount: '35.49' }], reason: 'DAMAGED_PRODUCT' }));
    expect([partly.state, partly.lines.map((line) => line.state)]).toEqual(['RECEIVED', ['REFUNDED', 'RECEIVED']]);
  });
});

describe('rule 13: the order total counts only the lines sold', () => {
  it('placed: price 135.48, shipping 12.99, total 148.47', async () => {
    const placed = await placeOrder(t, market);
    expect([placed.price.amount, placed.shippingPrice.amount, placed.totalPrice.amount]).toEqual(['135.48', '12.99', '148.47']);
  });

  it('a refused line leaves the price: 99.98 + 12.99 = 112.97', async () => {
    const placed = await placeOrder(t, market);
    const decisions = [
      { lineId: placed.lines[0].id, accepted: true },
      { lineId: placed.lines[1].id, accepted: false },
    ];
    const accepted = asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id, lines: decisions } }, seller())).acceptOrder);
    expect([accepted.price.amount, accepted.totalPrice.amount]).toEqual(['99.98', '112.97']);
  });

  it('a canceled line leaves the price; refunded lines stay in it (their refunds show in refundedAmount)', async () => {
    const placed = await placeOrder(t, market);
    const orderId = placed.id;
    asOrder((await t.gql(AcceptOrderDocument, { input: { orderId } }, seller())).acceptOrder);
    asOrder((await t.gql(RecordPaymentDocument, { input: { orderId, outcome: 'PAID' } })).recordPayment);
    const canceled = asOrder((await t.gql(CancelOrderDocument, { input: { orderId, lineIds: [placed.lines[0].id], reason: 'Brak' } }, seller())).cancelOrder);
    expect([canceled.price.amount, canceled.totalPrice.amount]).toEqual(['35.50', '48.49']);
    const refunded = asOrder(await refund({ orderId, lines: [{ lineId: placed.lines[1].id }], reason: 'CUSTOMER_CANCELLED_BEFORE_SHIPPING' }));
    expect([refunded.state, refunded.price.amount, refunded.totalPrice.amount]).toEqual(['REFUNDED', '35.50', '48.49']);
  });

  it('every line canceled: price 0.00, total the shipping placed, 12.99', async () => {
    const placed = await placeOrder(t, market);
    asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, seller())).acceptOrder);
    const canceled = asOrder((await t.gql(CancelOrderDocument, { input: { orderId: placed.id, reason: 'Brak' } }, seller())).cancelOrder);
    expect([canceled.state, canceled.price.amount, canceled.totalPrice.amount]).toEqual(['CANCELED', '0.00', '12.99']);
  });
});

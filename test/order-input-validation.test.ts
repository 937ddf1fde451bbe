import { toGlobalId } from '../src/common/global-id';
import {
  AcceptOrderDocument,
  CancelOrderDocument,
  EventsDocument,
  OrderDocument,
  OrderLineInput,
  OrderResultFieldsFragment,
  OrdersDocument,
  PlaceOrderDocument,
  PlaceOrderInput,
  RecordPaymentDocument,
  SetTrackingDocument,
  SetTrackingInput,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, orderInput, placeOrder } from './support/market';

let t: TestApp;
let market: Market;
/** Accepted and paid: where setTracking and cancelOrder are allowed. */
let shipping: string;
/** Waiting for acceptance: where acceptOrder is allowed. */
let waiting: string;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  shipping = (await placeOrder(t, market)).id;
  await t.gql(AcceptOrderDocument, { input: { orderId: shipping } }, market.keys.seller);
  asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: shipping, outcome: 'PAID' } })).recordPayment);
  waiting = (await placeOrder(t, market)).id;
});
afterAll(() => t.close());

/** Everything a rejected mutation could have written: orders, events, and the two orders' state. */
async function written() {
  const { orders } = await t.gql(OrdersDocument, { first: 1 });
  let events = 0;
  let after: string | null | undefined;
  for (;;) {
    const page = (await t.gql(EventsDocument, { first: 100, after })).events;
    events += page.edges.length;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const states = [];
  for (const id of [shipping, waiting]) {
    const { order } = await t.gql(OrderDocument, { id });
    states.push([order!.state, order!.version, order!.tracking, order!.lines.map((line) => line.state)]);
  }
  return { orders: orders.totalCount, events, states };
}

/** Sends a mutation that must be refused and checks that it wrote nothing. */
async function refused(send: () => Promise<OrderResultFieldsFragment>) {
  const before = await written();
  const result = await send();
  expect(await written()).toEqual(before);
  return result;
}

const invalid = (field: string[], message: string) => ({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', message, field });
const notFound = (message: string) => ({ __typename: 'NotFoundError', code: 'NOT_FOUND', message });
const line = (overrides: Partial<OrderLineInput>): OrderLineInput => ({ offerSku: 'KS-009', productTitle: 'Quo vadis', quantity: 1, unitPrice: '20.00', ...overrides });
const placing = (overrides: Partial<PlaceOrderInput>, key = market.keys.customer) => async () =>
  (await t.gql(PlaceOrderDocument, { input: orderInput(market.shop.id, overrides) }, key)).placeOrder;

describe('placeOrder refuses bad input with the field path and writes nothing', () => {
  it.each([
    ['a zero quantity', { lines: [line({ quantity: 0 })] }, ['input', 'lines', '0', 'quantity'], 'must be a whole number from 1 to 9999'],
    ['a negative quantity', { lines: [line({ quantity: -2 })] }, ['input', 'lines', '0', 'quantity'], 'must be a whole number from 1 to 9999'],
    ['a bad quantity on the second line', { lines: [line({}), line({ quantity: 0 })] }, ['input', 'lines', '1', 'quantity'], 'must be a whole number from 1 to 9999'],
    ['a zero unit price', { lines: [line({ unitPrice: '0.00' })] }, ['input', 'lines', '0', 'unitPrice'], 'must be greater than zero'],
    ['a negative unit price', { lines: [line({ unitPrice: '-5.00' })] }, ['input', 'lines', '0', 'unitPrice'], 'must be greater than zero'],
    [
      'a unit price with three decimals',
      { lines: [line({ unitPrice: '19.999' })] },
      ['input', 'lines', '0', 'unitPrice'],
      'must be a decimal amount with at most two decimals, e.g. "129.99"',
    ],
    ['no lines', { lines: [] }, ['input', 'lines'], 'must not be empty'],
    ['a product title over 500 characters', { lines: [line({ productTitle: 'ż'.repeat(501) })] }, ['input', 'lines', '0', 'productTitle'], 'must be at most 500 characters'],
    ['a blank offer SKU', { lines: [line({ offerSku: '   ' })] }, ['input', 'lines', '0', 'offerSku'], 'must not be empty'],
    ['a negative shipping price', { shippingPrice: '-1.00' }, ['input', 'shippingPrice'], 'must not be negative'],
    ['a negative lead time', { leadTimeToShipDays: -1 }, ['input', 'leadTimeToShipDays'], 'must be a whole number from 0 to 60'],
    [
      'a bad Polish postal code',
      { shippingAddress: { name: 'Anna Kowalska', street: 'ul. Długa 1', postalCode: '00590', city: 'Warszawa', countryCode: 'PL' } },
      ['input', 'shippingAddress', 'postalCode'],
      'must look like 00-950 for a Polish address',
    ],
  ] as [string, Partial<PlaceOrderInput>, string[], string][])('%s', async (_name, overrides, field, message) => {
    expect(await refused(placing(overrides))).toEqual(invalid(field, message));
  });

  it('accepts a product title of exactly 500 characters', async () => {
    const placed = asOrder(await placing({ lines: [line({ productTitle: 'ż'.repeat(500) })] })());
    expect(placed.lines[0].productTitle).toHaveLength(500);
  });
});

describe('placeOrder answers ids it cannot use', () => {
  const placingFor = (shopId: string) => async () =>
    (await t.gql(PlaceOrderDocument, { input: { ...orderInput(market.shop.id), shopId } }, market.keys.customer)).placeOrder;

  it.each([
    ['a malformed shopId', () => 'garbage'],
    ['a customer id as shopId', () => market.customer.id],
  ])('%s: ValidationError on input.shopId, nothing written', async (_name, shopId) => {
    expect(await refused(placingFor(shopId()))).toEqual(invalid(['input', 'shopId'], 'is not a shop id'));
  });

  it('a well-formed shop id that names no shop: NotFoundError, nothing written', async () => {
    const unknown = toGlobalId('Shop', '00000000-0000-4000-8000-000000000000');
    expect(await refused(placingFor(unknown))).toEqual(notFound('Shop not found'));
  });

  it('an operator with a malformed customerId: ValidationError on input.customerId, nothing written', async () => {
    const expected = invalid(['input', 'customerId'], 'is not a customer id');
    expect(await refused(placing({ customerId: 'garbage' }, market.keys.operator))).toEqual(expected);
  });
});

describe('order mutations answer malformed order ids with a ValidationError on input.orderId', () => {
  it.each([
    ['"garbage"', () => 'garbage'],
    ['an empty string', () => ''],
    ['a shop id', () => market.shop.id],
    ['an order line id', () => toGlobalId('OrderLine', '00000000-0000-4000-8000-000000000000')],
  ])('acceptOrder with %s as orderId', async (_name, orderId) => {
    const send = async () => (await t.gql(AcceptOrderDocument, { input: { orderId: orderId() } }, market.keys.seller)).acceptOrder;
    expect(await refused(send)).toEqual(invalid(['input', 'orderId'], 'is not an order id'));
  });

  it('acceptOrder with a well-formed id of no order: NotFoundError', async () => {
    const unknown = toGlobalId('Order', '00000000-0000-4000-8000-000000000000');
    const send = async () => (await t.gql(AcceptOrderDocument, { input: { orderId: unknown } }, market.keys.seller)).acceptOrder;
    expect(await refused(send)).toEqual(notFound('Order not found'));
  });

  it('acceptOrder with a malformed line id: ValidationError on the decision, nothing written', async () => {
    const send = async () =>
      (await t.gql(AcceptOrderDocument, { input: { orderId: waiting, lines: [{ lineId: 'garbage', accepted: true }] } }, market.keys.seller)).acceptOrder;
    expect(await refused(send)).toEqual(invalid(['input', 'lines', '0', 'lineId'], 'is not a line of this order waiting for acceptance'));
  });
});

describe('setTracking refuses bad input with the field path and writes nothing', () => {
  const tracking = (input: Omit<SetTrackingInput, 'orderId'>) => async () =>
    (await t.gql(SetTrackingDocument, { input: { orderId: shipping, ...input } }, market.keys.seller)).setTracking;

  it.each([
    ['a tracking number over 100 characters', { carrierCode: 'DPD', trackingNumber: '1'.repeat(101) }, ['input', 'trackingNumber'], 'must be at most 100 characters'],
    ['a blank tracking number', { carrierCode: 'DPD', trackingNumber: '  ' }, ['input', 'trackingNumber'], 'must not be empty'],
    ['an unknown carrierCode', { carrierCode: 'POCZTEX', trackingNumber: 'PX1' }, ['input', 'carrierCode'], 'is not a code from `carriers`'],
    ['an unknown carrierCode even with a carrierName', { carrierCode: 'POCZTEX', carrierName: 'Pocztex', trackingNumber: 'PX1' }, ['input', 'carrierCode'], 'is not a code from `carriers`'],
    ['neither carrierCode nor carrierName', { trackingNumber: 'PX1' }, ['input', 'carrierName'], 'is required'],
    ['a blank carrierName without a code', { carrierName: ' ', trackingNumber: 'PX1' }, ['input', 'carrierName'], 'must not be empty'],
    ['a carrierName over 100 characters', { carrierName: 'K'.repeat(101), trackingNumber: 'PX1' }, ['input', 'carrierName'], 'must be at most 100 characters'],
    [
      'a trackingUrl for a carrier with a template',
      { carrierCode: 'INPOST', trackingNumber: '6800', trackingUrl: 'https://example.pl/6800' },
      ['input', 'trackingUrl'],
      'is built from the carrier template; leave it out for this carrier',
    ],
    ['a trackingUrl that is not http(s)', { carrierName: 'Kurier Jan', trackingNumber: 'J1', trackingUrl: 'ftp://example.pl/J1' }, ['input', 'trackingUrl'], 'must be an http(s) URL'],
  ] as [string, Omit<SetTrackingInput, 'orderId'>, string[], string][])('%s', async (_name, input, field, message) => {
    expect(await refused(tracking(input))).toEqual(invalid(field, message));
  });
});

describe('cancelOrder refuses bad input and writes nothing', () => {
  it('a blank reason: ValidationError on input.reason', async () => {
    const send = async () => (await t.gql(CancelOrderDocument, { input: { orderId: shipping, reason: '  ' } }, market.keys.seller)).cancelOrder;
    expect(await refused(send)).toEqual(invalid(['input', 'reason'], 'must not be empty'));
  });
});

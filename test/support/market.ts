import {
  AcceptOrderDocument,
  CreateCustomerDocument,
  CreateShopDocument,
  IssueApiKeyDocument,
  OrderDocument,
  OrderFieldsFragment,
  OrderResultFieldsFragment,
  PlaceOrderDocument,
  PlaceOrderInput,
  RecordPaymentDocument,
  RefundOrderDocument,
} from '../generated/graphql';
import { OPERATOR_SECRET, TestApp } from './app';

/** Two shops and two customers with a key each: enough to test every role and tenant isolation. */
export interface Market {
  shop: { id: string; name: string };
  otherShop: { id: string; name: string };
  customer: { id: string; displayName: string };
  otherCustomer: { id: string; displayName: string };
  keys: { operator: string; seller: string; otherSeller: string; customer: string; otherCustomer: string };
}

export async function createMarket(t: Pick<TestApp, 'gql'>, shopSettings: { partialAcceptance?: boolean; autoAccept?: boolean } = {}): Promise<Market> {
  const { createShop: shop } = await t.gql(CreateShopDocument, { input: { name: 'Księgarnia Pod Sową', ...shopSettings } });
  const { createShop: otherShop } = await t.gql(CreateShopDocument, { input: { name: 'Elektro-Max' } });
  const { createCustomer: customer } = await t.gql(CreateCustomerDocument, {
    input: { displayName: 'Anna Kowalska', email: 'anna.kowalska@example.pl' },
  });
  const { createCustomer: otherCustomer } = await t.gql(CreateCustomerDocument, {
    input: { displayName: 'Piotr Nowak', email: 'piotr.nowak@example.pl' },
  });
  const issue = async (input: Parameters<typeof t.gql<unknown, { input: never }>>[1]['input']) =>
    (await t.gql(IssueApiKeyDocument, { input })).issueApiKey.secret;
  return {
    shop,
    otherShop,
    customer,
    otherCustomer,
    keys: {
      operator: OPERATOR_SECRET,
      seller: await issue({ name: 'seller', role: 'SELLER', shopId: shop.id } as never),
      otherSeller: await issue({ name: 'other seller', role: 'SELLER', shopId: otherShop.id } as never),
      customer: await issue({ name: 'customer', role: 'CUSTOMER', customerId: customer.id } as never),
      otherCustomer: await issue({ name: 'other customer', role: 'CUSTOMER', customerId: otherCustomer.id } as never),
    },
  };
}

export function orderInput(shopId: string, overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return {
    shopId,
    paymentWorkflow: 'PAY_ON_ACCEPTANCE',
    lines: [
      { offerSku: 'KS-001', productTitle: 'Pan Tadeusz — wydanie ilustrowane', quantity: 2, unitPrice: '49.99' },
      { offerSku: 'KS-002', productTitle: 'Lalka, Bolesław Prus', quantity: 1, unitPrice: '35.50' },
    ],
    shippingPrice: '12.99',
    shippingAddress: { name: 'Anna Kowalska', street: 'ul. Marszałkowska 10/4', postalCode: '00-590', city: 'Warszawa', countryCode: 'PL', phone: '+48 600 100 200' },
    leadTimeToShipDays: 2,
    ...overrides,
  };
}

/** Narrows a result union to the order, failing the test with the error otherwise. */
export function asOrder(result: OrderResultFieldsFragment): OrderFieldsFragment {
  if (result.__typename !== 'Order') throw new Error(`expected an Order, got ${JSON.stringify(result)}`);
  return result as OrderFieldsFragment;
}

export async function placeOrder(
  t: Pick<TestApp, 'gql'>,
  market: Market,
  overrides: Partial<PlaceOrderInput> = {},
  customerSecret = market.keys.customer,
): Promise<OrderFieldsFragment> {
  const { placeOrder: result } = await t.gql(PlaceOrderDocument, { input: orderInput(market.shop.id, overrides) }, customerSecret);
  return asOrder(result);
}

/** An order accepted and paid online, then its second line and 2.00 of its shipping refunded; as placed. */
export async function refundedOrder(t: Pick<TestApp, 'gql'>, market: Market): Promise<OrderFieldsFragment> {
  const { seller, operator } = market.keys;
  const order = await placeOrder(t, market);
  await t.gql(AcceptOrderDocument, { input: { orderId: order.id } }, seller);
  await t.gql(RecordPaymentDocument, { input: { orderId: order.id, outcome: 'PAID' } }, operator);
  await t.gql(
    RefundOrderDocument,
    { input: { orderId: order.id, reason: 'CUSTOMER_CANCELLED_BEFORE_SHIPPING', lines: [{ lineId: order.lines[1].id }], shipping: '2.00' } },
    seller,
  );
  return order;
}

/** The timeline as "TYPE from->to by ACTOR" lines, for exact assertions. */
export function timelineOf(order: OrderFieldsFragment): string[] {
  return order.timeline.edges.map(({ node }) => `${node.type} ${node.fromState ?? '-'}->${node.toState ?? '-'} by ${node.actor.type}`);
}

/** Re-reads an order as the operator, who sees every order, failing the test if it cannot be read. */
export async function readOrder(t: Pick<TestApp, 'gql'>, id: string): Promise<OrderFieldsFragment> {
  const { order } = await t.gql(OrderDocument, { id });
  if (!order) throw new Error(`order ${id} not found`);
  return order;
}

/** What a mutation that must change nothing is checked against: version, states, money and timeline. */
export function snapshotOf(order: OrderFieldsFragment) {
  return {
    state: order.state,
    version: order.version,
    lines: order.lines.map((line) => ({ state: line.state, refundedAmount: line.refundedAmount.amount, refundable: line.refundable.amount })),
    refunds: order.refunds.length,
    tracking: order.tracking,
    timeline: timelineOf(order),
  };
}

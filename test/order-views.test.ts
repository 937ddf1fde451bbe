import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { AcceptOrderDocument, ConfirmShipmentDocument, SetTrackingDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder, refundedOrder } from './support/market';

/**
 * Orders read for an answer come as row views in one statement (src/common/row-views.ts) when every
 * selected field can be served from a view; a field of another module (`incidents`) makes the same
 * read load managed entities. Both must answer the same bytes, for every field views serve.
 */

/** Every Order field a view serves (src/orders/order-views.ts), with every field below it. */
const VIEWABLE_ORDER = `
  __typename id reference state stateLabel englishLabel: stateLabel(locale: EN) paymentWorkflow version
  createdAt updatedAt acceptanceDeadline paymentDeadline shippingDeadline deliveryFallbackAt closeAt
  acceptedAt shippedAt receivedAt closedAt
  price { amount currency } shippingPrice { amount currency } totalPrice { amount currency } shippingRefundable { amount currency }
  shippingAddress { name street postalCode city countryCode phone }
  tracking { carrierCode carrierName trackingNumber trackingUrl updatedAt }
  hasOpenIncident availableActions
  customer { __typename id displayName }
  shop { __typename id name returnPolicyDays autoAccept partialAcceptance }
  lines {
    __typename id index offerSku productTitle quantity state stateLabel cancellationReason
    unitPrice { amount currency } price { amount currency } refundedAmount { amount currency } refundable { amount currency }
  }
  refunds { id amount { amount } reason line { id } }
  shippingRefunds { id amount { amount } }
  timeline(first: 10) { edges { node { type fromState toState } } }
`;

/** A field no view serves: its presence makes the read load managed entities. */
const ENTITY_ONLY = 'incidents { id }';

type Doc = TypedDocumentNode<any, any>;
const doc = (text: string) => parse(text) as Doc;

const ORDER_BY_ID = (extra: string) => doc(`query ($id: ID!) { order(id: $id) { ${VIEWABLE_ORDER} ${extra} } }`);
const ORDER_BY_REFERENCE = (extra: string) => doc(`query ($reference: String!) { orderByReference(reference: $reference) { ${VIEWABLE_ORDER} ${extra} } }`);
const ORDERS = (extra: string) =>
  doc(`query ($first: Int) { orders(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${VIEWABLE_ORDER} ${extra} } } } }`);
/** The bench's order by id (scripts/bench/operations.ts). */
const BENCH_ORDER_BY_ID = doc(`query ($id: ID!) { order(id: $id) { id reference state stateLabel createdAt totalPrice { amount currency }
  customer { id displayName } lines { id productTitle quantity state unitPrice { amount } } tracking { carrierName trackingNumber trackingUrl } } }`);

let t: TestApp;
let market: Market;
const ids: string[] = [];
const references: string[] = [];

/** The entity-path answer without the field that forced it, so both answers hold the same fields. */
function withoutIncidents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIncidents);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'incidents').map(([key, inner]) => [key, withoutIncidents(inner)]));
}

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  const { seller } = market.keys;
  // Waiting for acceptance (the seller does not see the address yet).
  const waiting = await placeOrder(t, market);
  // Cash on delivery, accepted, tracked and shipped.
  const shipped = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
  await t.gql(AcceptOrderDocument, { input: { orderId: shipped.id } }, seller);
  await t.gql(SetTrackingDocument, { input: { orderId: shipped.id, carrierCode: 'INPOST', trackingNumber: 'TRK-1' } }, seller);
  await t.gql(ConfirmShipmentDocument, { input: { orderId: shipped.id } }, seller);
  // Paid online, then one line refunded: refunds, refundable amounts and a REFUNDED line.
  const refunded = await refundedOrder(t, market);
  for (const order of [waiting, shipped, refunded]) {
    ids.push(order.id);
    references.push(order.reference);
  }
});
afterAll(() => t.close());

describe('orders read as row views', () => {
  it.each(['seller', 'customer', 'operator'] as const)('order(id) as the %s: the same answer as managed entities, field for field', async (who) => {
    const key = market.keys[who];
    for (const id of ids) {
      const viewed = await t.gql(ORDER_BY_ID(''), { id }, key);
      const loaded = await t.gql(ORDER_BY_ID(ENTITY_ONLY), { id }, key);
      expect(viewed.order.id).toBe(id);
      expect(JSON.stringify(viewed)).toBe(JSON.stringify(withoutIncidents(loaded)));
    }
  });

  it('orders page as the seller: the same answer as managed entities, cursors included', async () => {
    const viewed = await t.gql(ORDERS(''), { first: 10 }, market.keys.seller);
    const loaded = await t.gql(ORDERS(ENTITY_ONLY), { first: 10 }, market.keys.seller);
    expect(viewed.orders.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([...ids].reverse());
    expect(JSON.stringify(viewed)).toBe(JSON.stringify(withoutIncidents(loaded)));
  });

  it('the views hold what the rules and resolvers read: refunds, refundable amounts, actions, hidden address', async () => {
    const { order: waiting } = await t.gql(ORDER_BY_ID(''), { id: ids[0] }, market.keys.seller);
    expect([waiting.state, waiting.shippingAddress, waiting.availableActions]).toEqual(['WAITING_ACCEPTANCE', null, ['ACCEPT', 'REFUSE', 'SEND_MESSAGE']]);
    const { order: shipped } = await t.gql(ORDER_BY_ID(''), { id: ids[1] }, market.keys.seller);
    expect([shipped.state, shipped.tracking.trackingNumber, shipped.lines.map((line: { refundable: { amount: string } }) => line.refundable.amount)]).toEqual([
      'SHIPPED',
      'TRK-1',
      ['0.00', '0.00'],
    ]);
    const { order: refunded } = await t.gql(ORDER_BY_ID(''), { id: ids[2] }, market.keys.seller);
    expect({
      lines: refunded.lines.map((line: { state: string; refundable: { amount: string } }) => [line.state, line.refundable.amount]),
      refunds: refunded.refunds.map((refund: { amount: { amount: string } }) => refund.amount.amount),
      shippingRefunds: refunded.shippingRefunds.map((refund: { amount: { amount: string } }) => refund.amount.amount),
      shippingRefundable: refunded.shippingRefundable.amount,
      customer: refunded.customer.displayName,
      shop: refunded.shop.name,
    }).toEqual({
      lines: [['SHIPPING', '99.98'], ['REFUNDED', '0.00']],
      refunds: ['35.50'],
      shippingRefunds: ['2.00'],
      shippingRefundable: '10.99',
      customer: 'Anna Kowalska',
      shop: 'Księgarnia Pod Sową',
    });
  });

  it('orderByReference: the same answer as managed entities', async () => {
    for (const reference of references) {
      const viewed = await t.gql(ORDER_BY_REFERENCE(''), { reference }, market.keys.customer);
      const loaded = await t.gql(ORDER_BY_REFERENCE(ENTITY_ONLY), { reference }, market.keys.customer);
      expect(viewed.orderByReference.reference).toBe(reference);
      expect(JSON.stringify(viewed)).toBe(JSON.stringify(withoutIncidents(loaded)));
    }
  });

  it('keeps tenant scope: another shop, another customer and a reference of theirs read null', async () => {
    expect((await t.gql(ORDER_BY_ID(''), { id: ids[1] }, market.keys.otherSeller)).order).toBeNull();
    expect((await t.gql(ORDER_BY_ID(''), { id: ids[1] }, market.keys.otherCustomer)).order).toBeNull();
    expect((await t.gql(ORDER_BY_REFERENCE(''), { reference: references[1] }, market.keys.otherSeller)).orderByReference).toBeNull();
    expect((await t.gql(ORDERS(''), { first: 10 }, market.keys.otherSeller)).orders.edges).toEqual([]);
  });

  it('reads an order with its lines, customer and tracking in 1 SQL statement', async () => {
    const count = await t.countQueries(async () => {
      const { order } = await t.gql(BENCH_ORDER_BY_ID, { id: ids[1] }, market.keys.seller);
      expect([order.id, order.lines.length, order.customer.displayName, order.tracking.trackingNumber]).toEqual([ids[1], 2, 'Anna Kowalska', 'TRK-1']);
    });
    expect(count).toBe(1);
  });
});

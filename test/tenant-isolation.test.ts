import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../src/common/global-id';
import {
  AcceptOrderDocument,
  CancelOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  EventsDocument,
  IsolationEventOrdersDocument,
  IsolationNodeTimelineDocument,
  IsolationOrderIdsDocument,
  IsolationShippingAddressDocument,
  MarkReadyForPickupDocument,
  NodeDocument,
  NodesDocument,
  OrderByReferenceDocument,
  OrderDocument,
  OrderFieldsFragment,
  OrderResultFieldsFragment,
  OrdersDocument,
  PlaceOrderDocument,
  RecordPaymentDocument,
  RefundOrderDocument,
  RefuseOrderDocument,
  SetTrackingDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, orderInput, placeOrder } from './support/market';

let t: TestApp;
let market: Market;
/** Shop A, customer A: waiting for acceptance. */
let waiting: OrderFieldsFragment;
/** Shop A, customer A: accepted, paid, tracked, shipped, partly refunded. */
let shipped: OrderFieldsFragment;
/** Shop B, customer B: what the outsiders may see. */
let own: OrderFieldsFragment;
/** Shop A, customer A: left waiting, then accepted by a test; and one refused. */
let toAccept: OrderFieldsFragment;
let refused: OrderFieldsFragment;
/** Every id that belongs to `waiting` and `shipped`: orders, lines, refund, events. */
let hiddenIds: string[];

const NOT_FOUND = { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Order not found' };
const OUTSIDERS = [
  ["another shop's seller", 'otherSeller'],
  ['another customer', 'otherCustomer'],
] as const;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  waiting = await placeOrder(t, market);
  shipped = await placeOrder(t, market);
  const input = { orderId: shipped.id };
  await t.gql(AcceptOrderDocument, { input }, market.keys.seller);
  await t.gql(RecordPaymentDocument, { input: { ...input, outcome: 'PAID' } });
  await t.gql(SetTrackingDocument, { input: { ...input, carrierCode: 'INPOST', trackingNumber: '6800 5555' } }, market.keys.seller);
  await t.gql(ConfirmShipmentDocument, { input }, market.keys.seller);
  const lineId = shipped.lines[0].id;
  const refund = { ...input, reason: 'DAMAGED_PRODUCT' as const, lines: [{ lineId, amount: '10.00' }] };
  shipped = asOrder((await t.gql(RefundOrderDocument, { input: refund }, market.keys.seller)).refundOrder);
  own = asOrder((await t.gql(PlaceOrderDocument, { input: orderInput(market.otherShop.id) }, market.keys.otherCustomer)).placeOrder);
  toAccept = await placeOrder(t, market);
  refused = await placeOrder(t, market);
  await t.gql(RefuseOrderDocument, { input: { orderId: refused.id, reason: 'Brak towaru' } }, market.keys.seller);

  hiddenIds = [];
  for (const id of [waiting.id, shipped.id]) {
    const { order } = await t.gql(IsolationOrderIdsDocument, { id });
    hiddenIds.push(order!.id, ...order!.lines.map((l) => l.id), ...order!.refunds.map((r) => r.id));
    hiddenIds.push(...order!.timeline.edges.map((e) => e.node.id));
  }
});
afterAll(() => t.close());

/** What must not move when an outsider acts: both orders as the operator sees them, and the event log. */
async function snapshot() {
  const orders = [];
  for (const id of [waiting.id, shipped.id]) {
    const { order } = await t.gql(OrderDocument, { id });
    orders.push({ state: order!.state, version: order!.version, lines: order!.lines.map((l) => [l.state, l.refundedAmount.amount]), tracking: order!.tracking });
  }
  const { events } = await t.gql(EventsDocument, { first: 100 });
  return { orders, events: events.edges.length };
}

describe('reading an order of someone else', () => {
  it('the hidden ids are real: the seller of the shop and the customer reach every one through nodes', async () => {
    expect(hiddenIds).toHaveLength(2 + 4 + 1 + 7);
    for (const key of [market.keys.seller, market.keys.customer]) {
      const { nodes } = await t.gql(NodesDocument, { ids: hiddenIds }, key);
      expect(nodes.map((node) => node?.id)).toEqual(hiddenIds);
    }
  });

  it.each(OUTSIDERS)('%s gets null from order(id)', async (_name, key) => {
    for (const id of [waiting.id, shipped.id]) {
      expect(await t.gql(OrderDocument, { id }, market.keys[key])).toEqual({ order: null });
    }
  });

  it.each(OUTSIDERS)('%s gets null from orderByReference', async (_name, key) => {
    for (const { reference } of [waiting, shipped]) {
      expect(await t.gql(OrderByReferenceDocument, { reference }, market.keys[key])).toEqual({ orderByReference: null });
    }
  });

  it.each(OUTSIDERS)('%s lists only its own order in orders, and totalCount excludes the others', async (_name, key) => {
    const { orders } = await t.gql(OrdersDocument, { first: 100 }, market.keys[key]);
    expect(orders.edges.map((edge) => edge.node.id)).toEqual([own.id]);
    expect(orders.totalCount).toBe(1);
  });

  it.each(OUTSIDERS)('%s finds nothing when searching orders by the reference', async (_name, key) => {
    const { orders } = await t.gql(OrdersDocument, { filter: { search: waiting.reference } }, market.keys[key]);
    expect([orders.totalCount, orders.edges.length]).toEqual([0, 0]);
  });

  it.each(OUTSIDERS)('%s gets null from node for the order, its lines, its refund and its events', async (_name, key) => {
    for (const id of hiddenIds) {
      expect(await t.gql(NodeDocument, { id }, market.keys[key])).toEqual({ node: null });
    }
  });

  it.each(OUTSIDERS)('%s gets only nulls from nodes', async (_name, key) => {
    const { nodes } = await t.gql(NodesDocument, { ids: [...hiddenIds, own.id] }, market.keys[key]);
    expect(nodes).toEqual([...hiddenIds.map(() => null), { __typename: 'Order', id: own.id }]);
  });

  it.each(OUTSIDERS)('%s sees in events only the events of its own order', async (_name, key) => {
    const { events } = await t.gql(EventsDocument, { first: 100 }, market.keys[key]);
    expect(events.edges.map(({ node }) => [node.type, node.order?.id])).toEqual([['ORDER_PLACED', own.id]]);
  });

  it.each(OUTSIDERS)('%s cannot reach the order timeline through node or an event', async (_name, key) => {
    expect(await t.gql(IsolationNodeTimelineDocument, { id: shipped.id }, market.keys[key])).toEqual({ node: null });
    const { events } = await t.gql(IsolationEventOrdersDocument, {}, market.keys[key]);
    expect(events.edges.map(({ node }) => node.order?.id)).toEqual([own.id]);
    expect(events.edges[0].node.order!.timeline.edges).toHaveLength(1);
  });
});

type Outcome = OrderResultFieldsFragment;
const sellerMutations: [string, (orderId: string, key: string) => Promise<Outcome>][] = [
  ['acceptOrder', async (orderId, key) => (await t.gql(AcceptOrderDocument, { input: { orderId } }, key)).acceptOrder],
  [
    'acceptOrder with line decisions and a stale expectedVersion',
    async (orderId, key) => {
      const order = orderId === shipped.id ? shipped : waiting;
      const lines = order.lines.map((line) => ({ lineId: line.id, accepted: true }));
      return (await t.gql(AcceptOrderDocument, { input: { orderId, lines, expectedVersion: 99 } }, key)).acceptOrder;
    },
  ],
  ['refuseOrder', async (orderId, key) => (await t.gql(RefuseOrderDocument, { input: { orderId, reason: 'x', idempotencyKey: randomUUID() } }, key)).refuseOrder],
  ['setTracking', async (orderId, key) => (await t.gql(SetTrackingDocument, { input: { orderId, carrierCode: 'DPD', trackingNumber: 'X1' } }, key)).setTracking],
  ['confirmShipment', async (orderId, key) => (await t.gql(ConfirmShipmentDocument, { input: { orderId, expectedVersion: 1 } }, key)).confirmShipment],
  ['markReadyForPickup', async (orderId, key) => (await t.gql(MarkReadyForPickupDocument, { input: { orderId } }, key)).markReadyForPickup],
  ['cancelOrder', async (orderId, key) => (await t.gql(CancelOrderDocument, { input: { orderId, reason: 'Brak towaru' } }, key)).cancelOrder],
  [
    'refundOrder',
    async (orderId, key) => {
      const lines = [{ lineId: shipped.lines[1].id }];
      return (await t.gql(RefundOrderDocument, { input: { orderId, lines, reason: 'LATE_SHIPPING' } }, key)).refundOrder;
    },
  ],
];

describe('acting on an order of someone else', () => {
  const cases = sellerMutations.flatMap(([name, run]) => [
    [name, 'waiting for acceptance', run] as const,
    [name, 'shipped', run] as const,
  ]);

  it.each(cases)("%s by another shop's seller on an order %s answers NotFoundError and changes nothing", async (_name, which, run) => {
    const order = which === 'shipped' ? shipped : waiting;
    const before = await snapshot();
    expect(await run(order.id, market.keys.otherSeller)).toEqual(NOT_FOUND);
    expect(await snapshot()).toEqual(before);
  });

  it.each(sellerMutations)('%s on an id that exists nowhere answers the very same NotFoundError', async (_name, run) => {
    expect(await run(toGlobalId('Order', randomUUID()), market.keys.otherSeller)).toEqual(NOT_FOUND);
  });

  it.each([
    ['shipped', () => shipped],
    ['waiting for acceptance', () => waiting],
  ])('confirmDelivery by another customer on an order %s answers NotFoundError and changes nothing', async (_name, order) => {
    const before = await snapshot();
    const { confirmDelivery } = await t.gql(ConfirmDeliveryDocument, { input: { orderId: order().id } }, market.keys.otherCustomer);
    expect(confirmDelivery).toEqual(NOT_FOUND);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the shipping address', () => {
  const address = { name: 'Anna Kowalska', street: 'ul. Marszałkowska 10/4', postalCode: '00-590', city: 'Warszawa', countryCode: 'PL', phone: '+48 600 100 200' };

  it('is hidden from the seller before acceptance, through order, node and events', async () => {
    const seen = await t.gql(IsolationShippingAddressDocument, { id: toAccept.id }, market.keys.seller);
    expect(seen).toEqual({ order: { shippingAddress: null }, node: { shippingAddress: null } });
    const { events } = await t.gql(IsolationEventOrdersDocument, {}, market.keys.seller);
    const ofOrder = events.edges.filter(({ node }) => node.order?.id === toAccept.id);
    expect(ofOrder.map(({ node }) => [node.type, node.order!.shippingAddress])).toEqual([['ORDER_PLACED', null]]);
  });

  it('is shown to the customer and the operator before acceptance', async () => {
    for (const key of [market.keys.customer, market.keys.operator]) {
      const seen = await t.gql(IsolationShippingAddressDocument, { id: toAccept.id }, key);
      expect(seen).toEqual({ order: { shippingAddress: address }, node: { shippingAddress: { city: 'Warszawa' } } });
    }
  });

  it('stays hidden from the seller of a refused order', async () => {
    const seen = await t.gql(IsolationShippingAddressDocument, { id: refused.id }, market.keys.seller);
    expect(seen).toEqual({ order: { shippingAddress: null }, node: { shippingAddress: null } });
  });

  it('is shown to the seller once the order is accepted', async () => {
    await t.gql(AcceptOrderDocument, { input: { orderId: toAccept.id } }, market.keys.seller);
    const seen = await t.gql(IsolationShippingAddressDocument, { id: toAccept.id }, market.keys.seller);
    expect(seen).toEqual({ order: { shippingAddress: address }, node: { shippingAddress: { city: 'Warszawa' } } });
  });
});

describe('customers', () => {
  it('list only their own orders', async () => {
    const mine = await t.gql(OrdersDocument, { first: 100, sort: { field: 'CREATED_AT', direction: 'ASC' } }, market.keys.customer);
    expect(mine.orders.edges.map((edge) => edge.node.id)).toEqual([waiting.id, shipped.id, toAccept.id, refused.id]);
    expect(mine.orders.totalCount).toBe(4);
    const theirs = await t.gql(OrdersDocument, { first: 100 }, market.keys.otherCustomer);
    expect(theirs.orders.edges.map((edge) => edge.node.id)).toEqual([own.id]);
    expect(theirs.orders.totalCount).toBe(1);
  });
});

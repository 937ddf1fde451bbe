import {
  AcceptOrderDocument,
  AcceptOrderInput,
  ConfirmShipmentDocument,
  EventsDocument,
  EventType,
  OrdersDocument,
  PlaceOrderDocument,
  RefundOrderDocument,
  RecordPaymentDocument,
  SetTrackingDocument,
  SetTrackingInput,
} from './generated/graphql';
import { fingerprintOf } from '../src/common/idempotency';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, orderInput, placeOrder, readOrder, snapshotOf, timelineOf } from './support/market';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

const accept = async (input: AcceptOrderInput, secret = market.keys.seller) => (await t.gql(AcceptOrderDocument, { input }, secret)).acceptOrder;
const setTracking = async (input: Omit<SetTrackingInput, 'carrierCode' | 'trackingNumber'>) =>
  (await t.gql(SetTrackingDocument, { input: { carrierCode: 'INPOST', trackingNumber: 'IP-1', ...input } }, market.keys.seller)).setTracking;
const confirmShipment = async (orderId: string, idempotencyKey?: string) =>
  (await t.gql(ConfirmShipmentDocument, { input: { orderId, idempotencyKey } }, market.keys.seller)).confirmShipment;
const paidOrder = async () => {
  const placed = await placeOrder(t, market);
  asOrder(await accept({ orderId: placed.id }));
  return asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } })).recordPayment);
};
/** Types of the events of one order, read through the events query as the operator. */
const eventsOf = async (orderId: string, types: EventType[]) => {
  const { events } = await t.gql(EventsDocument, { first: 100, types });
  return events.edges.filter(({ node }) => node.order?.id === orderId).map(({ node }) => node.type);
};

describe('concurrent decisions', () => {
  it('lets exactly one of 20 concurrent acceptOrder calls win; the others get InvalidStateError', async () => {
    const placed = await placeOrder(t, market);
    const results = await Promise.all(Array.from({ length: 20 }, () => accept({ orderId: placed.id })));

    const winners = results.filter((result) => result.__typename === 'Order');
    expect(winners).toHaveLength(1);
    expect(asOrder(winners[0]).version).toBe(2);
    expect(results.filter((result) => result.__typename !== 'Order')).toEqual(
      Array.from({ length: 19 }, () => ({
        __typename: 'InvalidStateError',
        code: 'INVALID_STATE',
        message: 'This action is not possible while the order is WAITING_DEBIT_PAYMENT',
        currentState: 'WAITING_DEBIT_PAYMENT',
      })),
    );
    expect(await eventsOf(placed.id, ['ORDER_ACCEPTED'])).toEqual(['ORDER_ACCEPTED']);
    const order = await readOrder(t, placed.id);
    expect(order.version).toBe(2);
    expect(timelineOf(order)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_ACCEPTED WAITING_ACCEPTANCE->WAITING_DEBIT_PAYMENT by SELLER',
    ]);
  });
});

describe('idempotency keys', () => {
  it('answers a repeat with the same key from the same viewer with the first outcome, changing nothing twice', async () => {
    const placed = await placeOrder(t, market);
    const first = asOrder(await accept({ orderId: placed.id, idempotencyKey: 'accept-once' }));
    const repeat = await accept({ orderId: placed.id, idempotencyKey: 'accept-once' });
    expect(repeat).toEqual(first);
    expect(first.version).toBe(2);
    expect(await eventsOf(placed.id, ['ORDER_ACCEPTED'])).toEqual(['ORDER_ACCEPTED']);
  });

  it('replays the first outcome for the same key and the same input, recording one event', async () => {
    const placed = await placeOrder(t, market);
    const input = {
      orderId: placed.id,
      expectedVersion: placed.version,
      lines: placed.lines.map((line) => ({ lineId: line.id, accepted: true })),
      idempotencyKey: 'accept-same-input',
    };
    const first = asOrder(await accept(input));
    // expectedVersion is stale by now, yet the repeat is the same request: it gets the first outcome.
    expect(await accept(input)).toEqual(first);
    expect(first.version).toBe(2);
    expect(await eventsOf(placed.id, ['ORDER_ACCEPTED'])).toEqual(['ORDER_ACCEPTED']);
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(snapshotOf(first));
  });

  it('refuses a key reused for the same mutation on another order, leaving that order as it was', async () => {
    const a = await placeOrder(t, market);
    const b = await placeOrder(t, market);
    const acceptedA = asOrder(await accept({ orderId: a.id, idempotencyKey: 'accept-k1' }));
    expect(await accept({ orderId: b.id, idempotencyKey: 'accept-k1' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'was already used with a different input',
      field: ['input', 'idempotencyKey'],
    });
    expect(snapshotOf(await readOrder(t, b.id))).toEqual(snapshotOf(b));
    expect(await eventsOf(b.id, ['ORDER_ACCEPTED'])).toEqual([]);
    expect(snapshotOf(await readOrder(t, a.id))).toEqual(snapshotOf(acceptedA));
    // The first request, repeated, still gets its outcome; B can be accepted with a key of its own.
    expect(await accept({ orderId: a.id, idempotencyKey: 'accept-k1' })).toEqual(acceptedA);
    expect(asOrder(await accept({ orderId: b.id, idempotencyKey: 'accept-k2' })).state).toBe('WAITING_DEBIT_PAYMENT');
  });

  it('refuses a key reused with another value deeper in the input (placeOrder, another address)', async () => {
    const input = orderInput(market.shop.id, { idempotencyKey: 'place-k1' });
    const first = asOrder((await t.gql(PlaceOrderDocument, { input }, market.keys.customer)).placeOrder);
    const moved = { ...input, shippingAddress: { ...input.shippingAddress, city: 'Kraków' } };
    expect((await t.gql(PlaceOrderDocument, { input: moved }, market.keys.customer)).placeOrder).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'was already used with a different input',
      field: ['input', 'idempotencyKey'],
    });
    expect(asOrder((await t.gql(PlaceOrderDocument, { input }, market.keys.customer)).placeOrder).id).toBe(first.id);
  });

  it('counts the same input with its object keys in another order as the same input', async () => {
    const placed = await placeOrder(t, market);
    const [one, two] = placed.lines;
    const written = {
      input: {
        orderId: placed.id,
        idempotencyKey: 'accept-reordered',
        lines: [
          { lineId: one.id, accepted: true },
          { lineId: two.id, accepted: true },
        ],
      },
    };
    const reordered = {
      input: {
        lines: [
          { accepted: true, lineId: one.id },
          { accepted: true, lineId: two.id },
        ],
        idempotencyKey: 'accept-reordered',
        orderId: placed.id,
      },
    };
    // The two requests differ on the wire, not in meaning.
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(written));
    const first = asOrder((await t.gql(AcceptOrderDocument, written, market.keys.seller)).acceptOrder);
    expect((await t.gql(AcceptOrderDocument, reordered, market.keys.seller)).acceptOrder).toEqual(first);
    expect(await eventsOf(placed.id, ['ORDER_ACCEPTED'])).toEqual(['ORDER_ACCEPTED']);
  });

  it('rejects a key reused for a different mutation with a ValidationError on input.idempotencyKey', async () => {
    const placed = await placeOrder(t, market);
    const accepted = asOrder(await accept({ orderId: placed.id, idempotencyKey: 'used-for-accept' }));
    expect(await setTracking({ orderId: placed.id, idempotencyKey: 'used-for-accept' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'This idempotencyKey was already used for ACCEPT',
      field: ['input', 'idempotencyKey'],
    });
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(snapshotOf(accepted));
  });

  it('keeps the keys of different viewers apart', async () => {
    const mine = await placeOrder(t, market);
    const theirs = await placeOrder(t, market, { shopId: market.otherShop.id });
    const first = asOrder(await accept({ orderId: mine.id, idempotencyKey: 'shared-key' }));
    const other = asOrder(await accept({ orderId: theirs.id, idempotencyKey: 'shared-key' }, market.keys.otherSeller));
    expect(other.id).toBe(theirs.id);
    expect(other.shop.id).toBe(market.otherShop.id);
    expect(other.state).toBe('WAITING_DEBIT_PAYMENT');
    expect(first.id).toBe(mine.id);
    expect(await eventsOf(theirs.id, ['ORDER_ACCEPTED'])).toEqual(['ORDER_ACCEPTED']);
  });

  it('replays an error outcome as the same error, even after the order has changed', async () => {
    const order = await paidOrder();
    const refused = await confirmShipment(order.id, 'ship-1');
    expect(refused).toEqual({
      __typename: 'TrackingRequiredError',
      code: 'TRACKING_REQUIRED',
      message: 'Set the carrier and tracking number before confirming the shipment',
    });
    const tracked = asOrder(await setTracking({ orderId: order.id }));
    expect(await confirmShipment(order.id, 'ship-1')).toEqual(refused);
    expect(snapshotOf(await readOrder(t, order.id))).toEqual(snapshotOf(tracked));
    expect(asOrder(await confirmShipment(order.id, 'ship-2')).state).toBe('SHIPPED');
  });

  it('replays an AmountExceedsRefundableError with the refundable amount of the first call', async () => {
    const order = await paidOrder();
    const refund = async (amount: string, idempotencyKey?: string) =>
      (
        await t.gql(
          RefundOrderDocument,
          { input: { orderId: order.id, lines: [{ lineId: order.lines[1].id, amount }], reason: 'LATE_SHIPPING', idempotencyKey } },
          market.keys.seller,
        )
      ).refundOrder;
    const first = await refund('40.00', 'refund-too-much');
    expect(first).toEqual({
      __typename: 'AmountExceedsRefundableError',
      code: 'AMOUNT_EXCEEDS_REFUNDABLE',
      message: 'Line 1 has 35.50 left to refund',
      refundable: { amount: '35.50', currency: 'PLN' },
    });
    const partly = asOrder(await refund('10.00'));
    expect(partly.lines[1].refundable.amount).toBe('25.50');
    expect(await refund('40.00', 'refund-too-much')).toEqual(first);
    expect(snapshotOf(await readOrder(t, order.id))).toEqual(snapshotOf(partly));
  });

  it('rejects an empty key with a ValidationError on input.idempotencyKey', async () => {
    const placed = await placeOrder(t, market);
    expect(await accept({ orderId: placed.id, idempotencyKey: '' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'must not be empty',
      field: ['input', 'idempotencyKey'],
    });
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(snapshotOf(placed));
  });

  it('creates exactly one order from 10 concurrent placeOrder calls with one key', async () => {
    const count = async () => (await t.gql(OrdersDocument, { first: 1 }, market.keys.customer)).orders.totalCount;
    const before = await count();
    const input = orderInput(market.shop.id, { idempotencyKey: 'place-once' });
    const results = await Promise.all(
      Array.from({ length: 10 }, async () => asOrder((await t.gql(PlaceOrderDocument, { input }, market.keys.customer)).placeOrder)),
    );
    expect(new Set(results.map((order) => order.id)).size).toBe(1);
    expect(results.map((order) => order.reference)).toEqual(Array(10).fill(results[0].reference));
    expect(results.map((order) => order.version)).toEqual(Array(10).fill(1));
    expect(await count()).toBe(before + 1);
    expect(await eventsOf(results[0].id, ['ORDER_PLACED'])).toEqual(['ORDER_PLACED']);
  });
});

describe('idempotency fingerprints', () => {
  const input = { orderId: 'T3JkZXI6MQ', lines: [{ lineId: 'a', accepted: true }, { lineId: 'b', accepted: false }], idempotencyKey: 'k1' };

  it('ignore the order of object keys at every depth, and the idempotencyKey itself', () => {
    const reordered = { idempotencyKey: 'k2', lines: [{ accepted: true, lineId: 'a' }, { accepted: false, lineId: 'b' }], orderId: 'T3JkZXI6MQ' };
    expect(fingerprintOf('ACCEPT', reordered)).toBe(fingerprintOf('ACCEPT', input));
    expect(fingerprintOf('ACCEPT', input)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tell apart another operation, another value and another order of array items', () => {
    const fingerprint = fingerprintOf('ACCEPT', input);
    expect(fingerprintOf('REFUSE', input)).not.toBe(fingerprint);
    expect(fingerprintOf('ACCEPT', { ...input, orderId: 'T3JkZXI6Mg' })).not.toBe(fingerprint);
    expect(fingerprintOf('ACCEPT', { ...input, lines: [input.lines[0], { lineId: 'b', accepted: true }] })).not.toBe(fingerprint);
    expect(fingerprintOf('ACCEPT', { ...input, lines: [input.lines[1], input.lines[0]] })).not.toBe(fingerprint);
  });
});

describe('expectedVersion', () => {
  it('answers a stale version with VersionConflictError naming the current version, and changes nothing', async () => {
    const placed = await placeOrder(t, market);
    const accepted = asOrder(await accept({ orderId: placed.id, expectedVersion: 1 }));
    expect(accepted.version).toBe(2);
    const shipping = asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } })).recordPayment);
    expect(shipping.version).toBe(3);

    expect(await setTracking({ orderId: placed.id, expectedVersion: 2 })).toEqual({
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message: 'Expected another version; the current version is 3',
      currentVersion: 3,
    });
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(snapshotOf(shipping));
  });

  it('applies a change whose expectedVersion is current and bumps the version by one', async () => {
    const shipping = await paidOrder();
    const tracked = asOrder(await setTracking({ orderId: shipping.id, expectedVersion: shipping.version }));
    expect(tracked.version).toBe(shipping.version + 1);
    expect(tracked.tracking?.trackingNumber).toBe('IP-1');
    expect(timelineOf(tracked).slice(-1)).toEqual(['ORDER_TRACKING_SET -->- by SELLER']);
  });

  it('checks the version before the state: a stale version on an order in the wrong state is a VersionConflictError', async () => {
    const placed = await placeOrder(t, market);
    expect(await confirmShipment(placed.id)).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'This action is not possible while the order is WAITING_ACCEPTANCE',
      currentState: 'WAITING_ACCEPTANCE',
    });
    const result = (await t.gql(ConfirmShipmentDocument, { input: { orderId: placed.id, expectedVersion: 7 } }, market.keys.seller)).confirmShipment;
    expect(result).toEqual({
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message: 'Expected another version; the current version is 1',
      currentVersion: 1,
    });
  });
});

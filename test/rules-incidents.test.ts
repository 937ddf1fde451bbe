import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  ConfirmShipmentDocument,
  IncidentFieldsFragment,
  IncidentNodeDocument,
  MarkReadyForPickupDocument,
  OrderFieldsFragment,
  OrderReturnsDocument,
  RecordPaymentDocument,
  RulesShopQualityDocument,
  SetTrackingDocument,
} from './generated/graphql';
import { DAY, HOUR } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { asIncident, incidentCalls, orderIn } from './support/incidents';
import { asOrder, createMarket, Market, placeOrder, readOrder, snapshotOf } from './support/market';

/**
 * Issue 10, rules 4 and 6: a customer may complain about an order not shipped on time, and only
 * incidents the shop caused count against it.
 */
let t: TestApp;
let market: Market;
let calls: ReturnType<typeof incidentCalls>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  calls = incidentCalls(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const seller = () => market.keys.seller;
const customer = () => market.keys.customer;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (ms: number) => clock.freeze(new Date(ms));
/** Paid on Tuesday 1 June 2027 at 10:00 Warsaw; two business days to ship: Thursday 3 June, 10:00. */
const PAID_AT = Date.parse('2027-06-01T08:00:00.000Z');
const SHIPPING_DEADLINE = Date.parse('2027-06-03T08:00:00.000Z');

async function paidNotShipped() {
  at(PAID_AT - HOUR);
  const placed = await placeOrder(t, market, { leadTimeToShipDays: 2 });
  asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, seller())).acceptOrder);
  at(PAID_AT);
  const paid = asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } })).recordPayment);
  expect([paid.state, paid.shippingDeadline]).toEqual(['SHIPPING', iso(SHIPPING_DEADLINE)]);
  return paid;
}

const LATE = { reason: 'NOT_SHIPPED_ON_TIME' as const, message: 'Minął termin wysyłki, a paczki nie ma.' };

describe('rule 4: an incident on an order not shipped on time', () => {
  it('is refused one millisecond before the shipping deadline (InvalidStateError, not offered) and opened at the deadline itself', async () => {
    const order = await paidNotShipped();
    at(SHIPPING_DEADLINE - 1);
    expect((await readOrder(t, order.id)).availableActions).not.toContain('OPEN_INCIDENT');
    expect(await calls.open(customer(), { orderId: order.id, ...LATE })).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'An incident about a late shipment can be opened once the shipping deadline has passed',
      currentState: 'SHIPPING',
    });
    expect(snapshotOf(await readOrder(t, order.id))).toEqual(snapshotOf(order));

    at(SHIPPING_DEADLINE);
    const customerView = await t.gql(OrderReturnsDocument, { id: order.id }, customer());
    expect(customerView.order!.availableActions).toContain('OPEN_INCIDENT');
    const opened = asIncident(await calls.open(customer(), { orderId: order.id, ...LATE }));
    expect([opened.status, opened.reason, opened.lines.map((line) => line.state)]).toEqual(['NEW', 'NOT_SHIPPED_ON_TIME', ['INCIDENT_OPEN', 'INCIDENT_OPEN']]);
    expect(opened.order).toMatchObject({ state: 'SHIPPING', hasOpenIncident: true });
  });

  it('needs that reason: another reason on SHIPPING lines after the deadline is still refused', async () => {
    const order = await paidNotShipped();
    at(SHIPPING_DEADLINE + DAY);
    expect(await calls.open(customer(), { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute?' })).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'An incident cannot be opened while the order is SHIPPING',
      currentState: 'SHIPPING',
    });
    expect(await calls.open(customer(), { orderId: order.id, lineIds: [order.lines[0].id], reason: 'DEFECTIVE', message: 'Zepsute?' })).toMatchObject({
      __typename: 'InvalidStateError',
      message: 'An incident cannot be opened on line 0 while it is SHIPPING',
    });
  });

  it('the seller can still ship: the lines stay INCIDENT_OPEN remembering SHIPPED, the shipment is the first answer, and the fallback waits for the incident', async () => {
    const order = await paidNotShipped();
    at(SHIPPING_DEADLINE + HOUR);
    const opened = asIncident(await calls.open(customer(), { orderId: order.id, ...LATE }));
    expect((await readOrder(t, order.id)).availableActions).toEqual(['SET_TRACKING', 'MARK_READY_FOR_PICKUP', 'REFUND', 'SEND_MESSAGE']);

    at(SHIPPING_DEADLINE + 2 * HOUR);
    asOrder((await t.gql(SetTrackingDocument, { input: { orderId: order.id, carrierCode: 'ORLEN_PACZKA', trackingNumber: 'OP-LATE' } }, seller())).setTracking);
    const shipped = asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId: order.id } }, seller())).confirmShipment);
    expect([shipped.state, shipped.hasOpenIncident, shipped.lines.map((line) => line.state), shipped.shippedAt]).toEqual([
      'SHIPPED',
      true,
      ['INCIDENT_OPEN', 'INCIDENT_OPEN'],
      iso(SHIPPING_DEADLINE + 2 * HOUR),
    ]);
    // Every shipped line is held by the incident: the fallback (payment + 14 days) waits, keeping the time it had.
    expect(shipped.deliveryFallbackAt).toBeNull();
    const answered = (await t.gql(IncidentNodeDocument, { id: opened.id })).node as IncidentFieldsFragment;
    expect([answered.status, answered.firstResponseAt]).toEqual(['IN_PROGRESS', iso(SHIPPING_DEADLINE + 2 * HOUR)]);

    at(SHIPPING_DEADLINE + DAY);
    const closed = asIncident(await calls.close(customer(), { incidentId: opened.id, message: 'Paczka w drodze.' }));
    expect(closed.lines.map((line) => line.state)).toEqual(['SHIPPED', 'SHIPPED']);
    const after = await readOrder(t, order.id);
    const left = PAID_AT + 14 * DAY - (SHIPPING_DEADLINE + 2 * HOUR);
    expect([after.state, after.deliveryFallbackAt]).toEqual(['SHIPPED', iso(SHIPPING_DEADLINE + DAY + left)]);
  });

  it('marking the lines ready for pickup moves the remembered state to TO_COLLECT', async () => {
    const order = await paidNotShipped();
    at(SHIPPING_DEADLINE);
    const opened = asIncident(await calls.open(customer(), { orderId: order.id, ...LATE }));
    const ready = asOrder((await t.gql(MarkReadyForPickupDocument, { input: { orderId: order.id } }, seller())).markReadyForPickup);
    expect([ready.state, ready.lines.map((line) => line.state)]).toEqual(['TO_COLLECT', ['INCIDENT_OPEN', 'INCIDENT_OPEN']]);
    const closed = asIncident(await calls.close(customer(), { incidentId: opened.id }));
    expect(closed.lines.map((line) => line.state)).toEqual(['TO_COLLECT', 'TO_COLLECT']);
  });

  it('closed before shipping, the lines are SHIPPING again and the seller may cancel them', async () => {
    const order = await paidNotShipped();
    at(SHIPPING_DEADLINE);
    const opened = asIncident(await calls.open(customer(), { orderId: order.id, lineIds: [order.lines[1].id], ...LATE }));
    expect(opened.lines.map((line) => line.state)).toEqual(['INCIDENT_OPEN']);
    asIncident(await calls.close(customer(), { incidentId: opened.id }));
    const after = await readOrder(t, order.id);
    expect([after.state, after.lines.map((line) => line.state), after.availableActions]).toEqual([
      'SHIPPING',
      ['SHIPPING', 'SHIPPING'],
      // As the operator sees it: the deadline has passed, so a new late-shipment incident may be opened again.
      ['SET_TRACKING', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'REFUND', 'OPEN_INCIDENT', 'SEND_MESSAGE'],
    ]);
  });

  it('NOT_SHIPPED_ON_TIME may be given for shipped lines too', async () => {
    const order = await orderIn(t, market, 'SHIPPED');
    expect(asIncident(await calls.open(customer(), { orderId: order.id, ...LATE })).reason).toBe('NOT_SHIPPED_ON_TIME');
  });
});

describe('rule 6: only incidents the shop caused count against it', () => {
  it('markIncidentResolved takes a resolution; CARRIER_FAULT and CUSTOMER_ERROR do not count for quality', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(customer(), { orderId: order.id, reason: 'NOT_RECEIVED', message: 'Gdzie paczka?' }));
    expect([opened.resolution, opened.countsForQuality]).toEqual([null, true]);
    const resolved = asIncident(await calls.resolve(seller(), { incidentId: opened.id, resolution: 'CARRIER_FAULT' }));
    expect([resolved.status, resolved.resolution, resolved.countsForQuality]).toEqual(['RESOLVED', 'CARRIER_FAULT', false]);
  });

  it('an operator closing may give the resolution; omitted, the one given before stays', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(customer(), { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
    asIncident(await calls.resolve(seller(), { incidentId: opened.id, resolution: 'REPAIRED' }));
    asIncident(await calls.dispute(customer(), { incidentId: opened.id }));
    const kept = asIncident(await calls.close(market.keys.operator, { incidentId: opened.id }));
    expect([kept.status, kept.resolution, kept.countsForQuality]).toEqual(['CLOSED', 'REPAIRED', true]);

    const other = await orderIn(t, market, 'RECEIVED');
    const second = asIncident(await calls.open(customer(), { orderId: other.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
    const decided = asIncident(await calls.close(market.keys.operator, { incidentId: second.id, resolution: 'CUSTOMER_ERROR' }));
    expect([decided.resolution, decided.countsForQuality]).toEqual(['CUSTOMER_ERROR', false]);
  });

  it.each([
    ['a customer closing', 'close'],
    ['a customer disputing', 'dispute'],
  ] as const)('%s may not give one: ValidationError on input.resolution, nothing changes', async (_name, step) => {
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(customer(), { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
    const resolved = asIncident(await calls.resolve(seller(), { incidentId: opened.id }));
    expect(await calls[step](customer(), { incidentId: opened.id, resolution: 'CUSTOMER_ERROR' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'is given by markIncidentResolved or by an operator closing the incident',
      field: ['input', 'resolution'],
    });
    const after = (await t.gql(IncidentNodeDocument, { id: opened.id })).node as IncidentFieldsFragment;
    expect([after.status, after.version, after.resolution]).toEqual([resolved.status, resolved.version, null]);
  });

  it('ShopQuality.incidentRate counts only orders with an incident that counts: 2 of 4 orders', async () => {
    const own = await createMarket(t);
    const orders: OrderFieldsFragment[] = [];
    for (let i = 0; i < 4; i += 1) orders.push(await orderIn(t, own, 'RECEIVED'));
    const open = async (i: number) => asIncident(await calls.open(own.keys.customer, { orderId: orders[i].id, reason: 'DEFECTIVE', message: `Zgłoszenie ${i}` }));
    const carrier = await open(0);
    asIncident(await calls.resolve(own.keys.seller, { incidentId: carrier.id, resolution: 'CARRIER_FAULT' }));
    const mistaken = await open(1);
    asIncident(await calls.close(market.keys.operator, { incidentId: mistaken.id, resolution: 'CUSTOMER_ERROR' }));
    await open(2); // unresolved: counts
    const replaced = await open(3);
    asIncident(await calls.resolve(own.keys.seller, { incidentId: replaced.id, resolution: 'REPLACED' }));
    const { node } = await t.gql(RulesShopQualityDocument, { id: own.shop.id });
    expect(node).toEqual({ __typename: 'Shop', id: own.shop.id, quality: { ordersCount: 4, incidentRate: 0.5, cancellationRate: 0 } });
  });
});

import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  PlaceOrderInput,
  RecordCarrierDeliveryDocument,
  RecordPaymentDocument,
  SetTrackingDocument,
  SetTrackingInput,
} from './generated/graphql';
import { asReturn, DAY, HOUR, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { asIncident, incidentCalls } from './support/incidents';
import { asOrder, createMarket, Market, placeOrder, readOrder, snapshotOf, timelineOf } from './support/market';

/**
 * Issue 10, rules 3, 10 and 11, and issue 9 item 9: every clock of an order is exposed and set from
 * the order as it is after each step; closing waits for open incidents and returns; the delivery
 * fallback runs from the payment (prepaid) or the shipment (cash on delivery), for integrated
 * carriers too; carrier reports are checked. The clock is frozen at each step, so every time is exact.
 */
let t: TestApp;
let market: Market;
let returns: ReturnType<typeof returnCalls>;
let incidents: ReturnType<typeof incidentCalls>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  returns = returnCalls(t);
  incidents = incidentCalls(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const seller = () => market.keys.seller;
const customer = () => market.keys.customer;
const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2027-06-01T08:00:00.000Z');
const at = (ms: number) => clock.freeze(new Date(ms));

/** Places at T0, accepts at T0 + 1 h, pays (prepaid) at T0 + 2 h, tracks and ships at `shipAt`. */
async function shippedOrder(options: { shipAt: number; tracking?: Omit<SetTrackingInput, 'orderId'>; overrides?: Partial<PlaceOrderInput> }) {
  at(T0);
  const placed = await placeOrder(t, market, options.overrides);
  const orderId = placed.id;
  at(T0 + HOUR);
  const accepted = asOrder((await t.gql(AcceptOrderDocument, { input: { orderId } }, seller())).acceptOrder);
  if (placed.paymentWorkflow === 'PAY_ON_ACCEPTANCE') {
    at(T0 + 2 * HOUR);
    asOrder((await t.gql(RecordPaymentDocument, { input: { orderId, outcome: 'PAID' } })).recordPayment);
  }
  at(options.shipAt);
  const tracking = options.tracking ?? { carrierCode: 'ORLEN_PACZKA', trackingNumber: `OP-${placed.reference}` };
  asOrder((await t.gql(SetTrackingDocument, { input: { orderId, ...tracking } }, seller())).setTracking);
  const shipped = asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId } }, seller())).confirmShipment);
  return { placed, accepted, shipped };
}

async function receivedAt(receivedMs: number) {
  const { shipped } = await shippedOrder({ shipAt: T0 + 3 * HOUR });
  at(receivedMs);
  return asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: shipped.id } }, customer())).confirmDelivery);
}

describe('rule 3: every clock of an order is exposed', () => {
  it('paymentDeadline = placement + 10 days while unpaid, null once paid', async () => {
    at(T0);
    const placed = await placeOrder(t, market);
    expect(placed.paymentDeadline).toBeNull();
    at(T0 + HOUR);
    const accepted = asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, seller())).acceptOrder);
    expect(accepted.paymentDeadline).toBe(iso(T0 + 10 * DAY));
    at(T0 + 2 * HOUR);
    const paid = asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } })).recordPayment);
    expect(paid.paymentDeadline).toBeNull();
  });

  it('closeAt = receipt + 30 days; the sweep closes the order then, and closedAt tells when', async () => {
    const order = await receivedAt(T0 + DAY);
    expect([order.closeAt, order.closedAt, order.deliveryFallbackAt]).toEqual([iso(T0 + 31 * DAY), null, null]);
    at(T0 + 31 * DAY - 1);
    await t.app.sweeper.sweep();
    expect((await readOrder(t, order.id)).state).toBe('RECEIVED');
    at(T0 + 31 * DAY);
    await t.app.sweeper.sweep();
    const closed = await readOrder(t, order.id);
    expect([closed.state, closed.closedAt, closed.closeAt]).toEqual(['CLOSED', iso(T0 + 31 * DAY), null]);
    expect(timelineOf(closed).slice(-1)).toEqual(['ORDER_CLOSED RECEIVED->CLOSED by SYSTEM']);
  });
});

describe('rule 3: closing waits for every open incident and return', () => {
  it('a REQUESTED return holds the order open past receipt + 30 days; once canceled, it closes at the cancellation', async () => {
    const order = await receivedAt(T0 + DAY);
    at(T0 + 2 * DAY);
    const ret = asReturn(await returns.request(customer(), { orderId: order.id, lines: [{ lineId: order.lines[1].id, quantity: 1 }], reason: 'OTHER' }));
    expect((await readOrder(t, order.id)).closeAt).toBeNull();

    at(T0 + 40 * DAY);
    await t.app.sweeper.sweep();
    expect((await readOrder(t, order.id)).state).toBe('RECEIVED');

    at(T0 + 41 * DAY);
    asReturn(await returns.cancel(customer(), { returnId: ret.id }));
    expect((await readOrder(t, order.id)).closeAt).toBe(iso(T0 + 41 * DAY));
    await t.app.sweeper.sweep();
    const closed = await readOrder(t, order.id);
    expect([closed.state, closed.closedAt]).toEqual(['CLOSED', iso(T0 + 41 * DAY)]);
    expect(timelineOf(closed).filter((line) => line.startsWith('ORDER_CLOSED'))).toEqual(['ORDER_CLOSED RECEIVED->CLOSED by SYSTEM']);
  });

  it('a return that ends before receipt + 30 days leaves closeAt at receipt + 30 days; each of ACCEPTED and RECEIVED holds it too', async () => {
    const order = await receivedAt(T0 + DAY);
    at(T0 + 2 * DAY);
    const ret = asReturn(await returns.request(customer(), { orderId: order.id, lines: [{ lineId: order.lines[1].id, quantity: 1 }], reason: 'OTHER' }));
    asReturn(await returns.accept(seller(), { returnId: ret.id }));
    expect((await readOrder(t, order.id)).closeAt).toBeNull();
    asReturn(await returns.receive(seller(), { returnId: ret.id }));
    expect((await readOrder(t, order.id)).closeAt).toBeNull();
    at(T0 + 5 * DAY);
    asReturn(await returns.refund(seller(), { returnId: ret.id }));
    expect((await readOrder(t, order.id)).closeAt).toBe(iso(T0 + 31 * DAY));
  });

  it('an open incident holds it (closeAt null); closed after receipt + 30 days, the order closes at the incident closing', async () => {
    const order = await receivedAt(T0 + DAY);
    at(T0 + 3 * DAY);
    const opened = asIncident(await incidents.open(customer(), { orderId: order.id, reason: 'DEFECTIVE', message: 'Pęknięte.' }));
    expect((await readOrder(t, order.id)).closeAt).toBeNull();
    at(T0 + 35 * DAY);
    await t.app.sweeper.sweep();
    expect((await readOrder(t, order.id)).state).toBe('RECEIVED');
    at(T0 + 36 * DAY);
    asIncident(await incidents.close(customer(), { incidentId: opened.id }));
    expect((await readOrder(t, order.id)).closeAt).toBe(iso(T0 + 36 * DAY));
  });
});

describe('rule 10: "Otrzymano" without a carrier report', () => {
  it('prepaid: the fallback counts from the payment (T0 + 2 h), 14 days for a carrier that does not report deliveries', async () => {
    const { shipped } = await shippedOrder({ shipAt: T0 + 3 * DAY });
    expect(shipped.deliveryFallbackAt).toBe(iso(T0 + 2 * HOUR + 14 * DAY));
  });

  it('cash on delivery: the fallback counts from the shipment', async () => {
    const { shipped } = await shippedOrder({ shipAt: T0 + 3 * DAY, overrides: { paymentWorkflow: 'PAY_ON_DELIVERY' } });
    expect(shipped.deliveryFallbackAt).toBe(iso(T0 + 3 * DAY + 14 * DAY));
  });

  it('an integrated carrier (INPOST) gets DELIVERY_FALLBACK_INTEGRATED, 30 days from the payment', async () => {
    const { shipped } = await shippedOrder({ shipAt: T0 + 3 * DAY, tracking: { carrierCode: 'INPOST', trackingNumber: 'IP-30' } });
    expect(shipped.deliveryFallbackAt).toBe(iso(T0 + 2 * HOUR + 30 * DAY));
  });

  it('a fallback already due at the shipment fires at the next sweep: RECEIVED by SYSTEM, receivedAt = the sweep', async () => {
    const { shipped } = await shippedOrder({ shipAt: T0 + 20 * DAY });
    expect(shipped.deliveryFallbackAt).toBe(iso(T0 + 2 * HOUR + 14 * DAY));
    at(T0 + 20 * DAY + 5_000);
    expect(await t.app.sweeper.sweep()).toBeGreaterThanOrEqual(1);
    const received = await readOrder(t, shipped.id);
    expect([received.state, received.receivedAt, received.deliveryFallbackAt]).toEqual(['RECEIVED', iso(T0 + 20 * DAY + 5_000), null]);
    expect(timelineOf(received).slice(-1)).toEqual(['ORDER_DELIVERED SHIPPED->RECEIVED by SYSTEM']);
  });

  it('an incident on every shipped line pauses the fallback; closing it resumes with the time that was left', async () => {
    const { shipped } = await shippedOrder({ shipAt: T0 + DAY });
    const fallback = T0 + 2 * HOUR + 14 * DAY;
    at(T0 + 4 * DAY);
    const opened = asIncident(await incidents.open(customer(), { orderId: shipped.id, reason: 'NOT_RECEIVED', message: 'Nie ma paczki.' }));
    expect((await readOrder(t, shipped.id)).deliveryFallbackAt).toBeNull();
    at(T0 + 9 * DAY);
    asIncident(await incidents.close(customer(), { incidentId: opened.id }));
    expect((await readOrder(t, shipped.id)).deliveryFallbackAt).toBe(iso(T0 + 9 * DAY + (fallback - (T0 + 4 * DAY))));
  });
});

describe('issue 9 item 9: no order stays SHIPPED for ever', () => {
  it('an incident on one line, the other delivered by the customer, then the incident closes: the line back in SHIPPED has its fallback with the time left', async () => {
    const { shipped } = await shippedOrder({ shipAt: T0 + DAY });
    const fallback = T0 + 2 * HOUR + 14 * DAY;
    at(T0 + 2 * DAY);
    const opened = asIncident(await incidents.open(customer(), { orderId: shipped.id, lineIds: [shipped.lines[1].id], reason: 'NOT_RECEIVED', message: 'Brak drugiej paczki.' }));
    at(T0 + 3 * DAY);
    const partly = asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: shipped.id } }, customer())).confirmDelivery);
    expect([partly.state, partly.lines.map((line) => line.state), partly.deliveryFallbackAt]).toEqual(['SHIPPED', ['RECEIVED', 'INCIDENT_OPEN'], null]);
    at(T0 + 5 * DAY);
    asIncident(await incidents.close(customer(), { incidentId: opened.id }));
    const back = await readOrder(t, shipped.id);
    expect([back.state, back.lines.map((line) => line.state)]).toEqual(['SHIPPED', ['RECEIVED', 'SHIPPED']]);
    expect(back.deliveryFallbackAt).toBe(iso(T0 + 5 * DAY + (fallback - (T0 + 3 * DAY))));

    at(Date.parse(back.deliveryFallbackAt!));
    await t.app.sweeper.sweep();
    const received = await readOrder(t, shipped.id);
    expect([received.state, received.lines.map((line) => line.state), received.closeAt]).toEqual([
      'RECEIVED',
      ['RECEIVED', 'RECEIVED'],
      iso(Date.parse(back.deliveryFallbackAt!) + 30 * DAY),
    ]);
  });

  it('the other line delivered by the fallback while the incident is open: closing it gives the line a fallback due at once', async () => {
    const { shipped } = await shippedOrder({ shipAt: T0 + DAY });
    const fallback = T0 + 2 * HOUR + 14 * DAY;
    at(T0 + 2 * DAY);
    const opened = asIncident(await incidents.open(customer(), { orderId: shipped.id, lineIds: [shipped.lines[1].id], reason: 'NOT_RECEIVED', message: 'Brak drugiej paczki.' }));
    at(fallback);
    await t.app.sweeper.sweep();
    expect((await readOrder(t, shipped.id)).lines.map((line) => line.state)).toEqual(['RECEIVED', 'INCIDENT_OPEN']);
    at(fallback + DAY);
    asIncident(await incidents.close(customer(), { incidentId: opened.id }));
    expect((await readOrder(t, shipped.id)).deliveryFallbackAt).toBe(iso(fallback + DAY));
    await t.app.sweeper.sweep();
    expect((await readOrder(t, shipped.id)).state).toBe('RECEIVED');
  });
});

describe('rule 11: carrier reports are checked', () => {
  const report = async (trackingNumber: string, deliveredAt?: string) =>
    (await t.gql(RecordCarrierDeliveryDocument, { input: { carrierCode: 'DPD', trackingNumber, deliveredAt } })).recordCarrierDelivery;

  it.each([
    ['before the shipment (a 2020 date)', '2020-01-01T00:00:00.000Z', 'must not be before the shipment'],
    ['one millisecond before the shipment', iso(T0 + DAY - 1), 'must not be before the shipment'],
    ['one millisecond in the future', iso(T0 + 2 * DAY + 1), 'must not be in the future'],
  ])('a delivery %s is a ValidationError on input.deliveredAt and changes nothing', async (_name, deliveredAt, message) => {
    const { shipped } = await shippedOrder({ shipAt: T0 + DAY, tracking: { carrierCode: 'DPD', trackingNumber: `DPD-${deliveredAt}` } });
    at(T0 + 2 * DAY);
    expect(await report(`DPD-${deliveredAt}`, deliveredAt)).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', message, field: ['input', 'deliveredAt'] });
    expect(snapshotOf(await readOrder(t, shipped.id))).toEqual(snapshotOf(shipped));
  });

  it.each([
    ['the shipment itself', T0 + DAY],
    ['now', T0 + 2 * DAY],
  ])('a delivery at %s is taken: receivedAt = deliveredAt', async (name, deliveredMs) => {
    const { shipped } = await shippedOrder({ shipAt: T0 + DAY, tracking: { carrierCode: 'DPD', trackingNumber: `DPD-edge-${name}` } });
    at(T0 + 2 * DAY);
    const received = asOrder(await report(`DPD-edge-${name}`, iso(deliveredMs)));
    expect([received.state, received.receivedAt, received.closeAt]).toEqual(['RECEIVED', iso(deliveredMs), iso(deliveredMs + 30 * DAY)]);
  });
});

import { DateTime } from 'luxon';
import { addBusinessDays, isBusinessDay } from '../src/common/business-days';
import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  DeadlineEventsDocument,
  EventType,
  OrderDocument,
  RecordPaymentDocument,
  SetTrackingDocument,
  SetTrackingInput,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder, timelineOf } from './support/market';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** "Just before": far enough that the real time a sweep takes cannot reach the deadline. */
const JUST_BEFORE = 5_000;

describe('business days in Poland (src/common/business-days.ts)', () => {
  it.each([
    ['zero days is the start itself', '2026-11-27T14:30:00.000Z', 0, '2026-11-27T14:30:00.000Z'],
    ['Friday + 1 skips the weekend', '2026-11-27T14:30:00.000Z', 1, '2026-11-30T14:30:00.000Z'],
    ['Saturday + 1 is Monday', '2026-11-28T09:00:00.000Z', 1, '2026-11-30T09:00:00.000Z'],
    ['Thursday 24 Dec + 1 skips 25, 26 Dec and Sunday', '2026-12-24T09:00:00.000Z', 1, '2026-12-28T09:00:00.000Z'],
    ['Thursday 24 Dec + 2 is Tuesday 29 Dec', '2026-12-24T09:00:00.000Z', 2, '2026-12-29T09:00:00.000Z'],
    ['Wednesday 23 Dec + 1 skips Christmas Eve (a public holiday)', '2026-12-23T09:00:00.000Z', 1, '2026-12-28T09:00:00.000Z'],
    ['23 Dec + 5 crosses New Year', '2026-12-23T09:00:00.000Z', 5, '2027-01-04T09:00:00.000Z'],
    ['Thursday before Easter + 2 skips Easter Monday 2026-04-06', '2026-04-02T10:00:00.000Z', 2, '2026-04-07T10:00:00.000Z'],
    ['Thursday 30 Apr 2026 + 1 skips 1 May (Friday)', '2026-04-30T08:00:00.000Z', 1, '2026-05-04T08:00:00.000Z'],
    ['Friday 30 Apr 2027 + 1 skips the weekend and 3 May (Monday)', '2027-04-30T08:00:00.000Z', 1, '2027-05-04T08:00:00.000Z'],
    ['Tuesday 10 Nov + 1 skips 11 November', '2026-11-10T09:00:00.000Z', 1, '2026-11-12T09:00:00.000Z'],
    ['Wednesday + 1 skips Corpus Christi 2026-06-04', '2026-06-03T08:00:00.000Z', 1, '2026-06-05T08:00:00.000Z'],
    ['spring DST keeps 10:00 local (CET -> CEST)', '2026-03-27T09:00:00.000Z', 1, '2026-03-30T08:00:00.000Z'],
    ['autumn DST keeps 10:00 local (CEST -> CET)', '2026-10-23T08:00:00.000Z', 1, '2026-10-26T09:00:00.000Z'],
    ['02:30 local stays 02:30 across the spring DST gap', '2026-03-27T01:30:00.000Z', 2, '2026-03-31T00:30:00.000Z'],
  ])('%s', (_name, start, days, expected) => {
    expect(addBusinessDays(new Date(start), days).toISOString()).toBe(expected);
  });

  it.each([
    ['11 November in Warsaw, still 10 November in UTC', '2026-11-10T23:30:00.000Z', false],
    ['the last minute of 10 November in Warsaw', '2026-11-10T22:59:00.000Z', true],
    ['Christmas Eve 2026', '2026-12-24T09:00:00.000Z', false],
    ['Easter Monday 2026', '2026-04-06T09:00:00.000Z', false],
    ['Good Friday 2026 (not a public holiday)', '2026-04-03T09:00:00.000Z', true],
    ['a Sunday', '2026-11-29T09:00:00.000Z', false],
  ])('isBusinessDay: %s (%s) is %s', (_name, instant, expected) => {
    expect(isBusinessDay(new Date(instant))).toBe(expected);
  });
});

describe('deadlines swept by two instances at once', () => {
  let t: TestApp;
  let t2: TestApp;
  let market: Market;

  beforeEach(async () => {
    t = await startTestApp();
    t2 = await startTestApp({ databaseUrl: t.databaseUrl });
    market = await createMarket(t);
  });
  afterEach(async () => {
    clock.reset();
    await t2.close();
    await t.close();
  });

  async function sweepBoth(): Promise<number> {
    const [first, second] = await Promise.all([t.app.sweeper.sweep(), t2.app.sweeper.sweep()]);
    return first + second;
  }

  async function read(id: string) {
    const { order } = await t.gql(OrderDocument, { id });
    return order!;
  }

  async function eventsOf(type: EventType) {
    const { events } = await t.gql(DeadlineEventsDocument, { types: [type] });
    return events.edges.map(({ node }) => ({ order: node.order?.id, from: node.fromState, to: node.toState, actor: node.actor }));
  }

  async function shipped(tracking: Omit<SetTrackingInput, 'orderId'>) {
    const placed = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, market.keys.seller);
    await t.gql(SetTrackingDocument, { input: { orderId: placed.id, ...tracking } }, market.keys.seller);
    return asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId: placed.id } }, market.keys.seller)).confirmShipment);
  }

  it('acceptance timeout: nothing before the deadline, then REFUSED once by SYSTEM', async () => {
    const placed = await placeOrder(t, market);
    const deadline = Date.parse(placed.acceptanceDeadline!);
    expect(deadline - Date.parse(placed.createdAt)).toBe(72 * HOUR);

    clock.set(new Date(deadline - JUST_BEFORE));
    expect(await sweepBoth()).toBe(0);
    expect((await read(placed.id)).state).toBe('WAITING_ACCEPTANCE');

    clock.set(new Date(deadline + 1));
    expect(await sweepBoth()).toBe(1);
    expect(await sweepBoth()).toBe(0);
    const refused = await read(placed.id);
    expect(refused.state).toBe('REFUSED');
    expect(refused.lines.map((line) => line.state)).toEqual(['REFUSED', 'REFUSED']);
    expect(refused.acceptanceDeadline).toBeNull();
    expect(timelineOf(refused)).toEqual(['ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER', 'ORDER_REFUSED WAITING_ACCEPTANCE->REFUSED by SYSTEM']);
    expect(await eventsOf('ORDER_REFUSED')).toEqual([
      { order: placed.id, from: 'WAITING_ACCEPTANCE', to: 'REFUSED', actor: { type: 'SYSTEM', displayName: 'System' } },
    ]);
  });

  it('refuses each of ten due orders exactly once between the two sweepers', async () => {
    const placed = [];
    for (let i = 0; i < 10; i += 1) placed.push(await placeOrder(t, market));
    clock.set(new Date(Date.parse(placed[9].acceptanceDeadline!) + 1));
    expect(await sweepBoth()).toBe(10);
    expect(await sweepBoth()).toBe(0);
    const refusals = await eventsOf('ORDER_REFUSED');
    expect(refusals.map((event) => event.order).sort()).toEqual(placed.map((order) => order.id).sort());
    expect(new Set(refusals.map((event) => event.actor.type))).toEqual(new Set(['SYSTEM']));
  });

  it('acceptOrder after the acceptance deadline but before a sweep answers DeadlinePassedError and changes nothing', async () => {
    const placed = await placeOrder(t, market);
    clock.set(new Date(Date.parse(placed.acceptanceDeadline!) + 1));
    const { acceptOrder } = await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, market.keys.seller);
    expect(acceptOrder).toEqual({
      __typename: 'DeadlinePassedError',
      code: 'DEADLINE_PASSED',
      message: 'The acceptance deadline has passed; the order is being refused',
      deadline: placed.acceptanceDeadline,
    });
    const unchanged = await read(placed.id);
    expect([unchanged.state, unchanged.version, timelineOf(unchanged).length]).toEqual(['WAITING_ACCEPTANCE', 1, 1]);
    expect(await sweepBoth()).toBe(1);
    expect((await read(placed.id)).state).toBe('REFUSED');
  });

  it('payment timeout: an unpaid accepted order is CANCELED once by SYSTEM at placement + 10 days', async () => {
    const placed = await placeOrder(t, market);
    await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, market.keys.seller);
    const deadline = Date.parse(placed.createdAt) + 10 * DAY;

    clock.set(new Date(deadline - JUST_BEFORE));
    expect(await sweepBoth()).toBe(0);
    expect((await read(placed.id)).state).toBe('WAITING_DEBIT_PAYMENT');

    clock.set(new Date(deadline + 1));
    expect(await sweepBoth()).toBe(1);
    expect(await sweepBoth()).toBe(0);
    const canceled = await read(placed.id);
    expect(canceled.state).toBe('CANCELED');
    expect(canceled.lines.map((line) => line.state)).toEqual(['CANCELED', 'CANCELED']);
    expect(await eventsOf('ORDER_CANCELED')).toEqual([
      { order: placed.id, from: 'WAITING_DEBIT_PAYMENT', to: 'CANCELED', actor: { type: 'SYSTEM', displayName: 'System' } },
    ]);
  });

  it('payment timeout never cancels a paid order', async () => {
    const placed = await placeOrder(t, market);
    await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, market.keys.seller);
    await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } });
    clock.set(new Date(Date.parse(placed.createdAt) + 10 * DAY + HOUR));
    expect(await sweepBoth()).toBe(0);
    expect((await read(placed.id)).state).toBe('SHIPPING');
    expect(await eventsOf('ORDER_CANCELED')).toEqual([]);
  });

  it.each([
    ['ORLEN_PACZKA (not integrated)', { carrierCode: 'ORLEN_PACZKA', trackingNumber: 'OP-100200' }],
    ['a free-text carrier', { carrierName: 'Kurier Jan Nowak', trackingNumber: 'JN-7' }],
  ])('delivery fallback for %s: nothing before shipment + 14 days, then RECEIVED once by SYSTEM', async (_name, tracking) => {
    const order = await shipped(tracking);
    const deadline = Date.parse(order.shippedAt!) + 14 * DAY;

    clock.set(new Date(deadline - JUST_BEFORE));
    expect(await sweepBoth()).toBe(0);
    expect((await read(order.id)).state).toBe('SHIPPED');

    clock.set(new Date(deadline + 1));
    expect(await sweepBoth()).toBe(1);
    expect(await sweepBoth()).toBe(0);
    const received = await read(order.id);
    expect(received.state).toBe('RECEIVED');
    expect(received.receivedAt).not.toBeNull();
    expect(await eventsOf('ORDER_DELIVERED')).toEqual([
      { order: order.id, from: 'SHIPPED', to: 'RECEIVED', actor: { type: 'SYSTEM', displayName: 'System' } },
    ]);
  });

  // Rule 10 of issue 10 changed this: integrated carriers used to have no fallback at all (SHIPPED for ever without a report).
  it('delivery fallback for an integrated carrier (INPOST): nothing before shipment + 30 days (DELIVERY_FALLBACK_INTEGRATED), then RECEIVED', async () => {
    const order = await shipped({ carrierCode: 'INPOST', trackingNumber: '6800 1234' });
    const deadline = Date.parse(order.shippedAt!) + 30 * DAY;
    expect(Date.parse((await read(order.id)).deliveryFallbackAt!)).toBe(deadline);

    clock.set(new Date(deadline - JUST_BEFORE));
    expect(await sweepBoth()).toBe(0);
    expect((await read(order.id)).state).toBe('SHIPPED');

    clock.set(new Date(deadline + 1));
    expect(await sweepBoth()).toBe(1);
    expect((await read(order.id)).state).toBe('RECEIVED');
    expect(await eventsOf('ORDER_DELIVERED')).toEqual([
      { order: order.id, from: 'SHIPPED', to: 'RECEIVED', actor: { type: 'SYSTEM', displayName: 'System' } },
    ]);
  });

  it('close: nothing before receipt + 30 days, then CLOSED once by SYSTEM', async () => {
    const order = await shipped({ carrierCode: 'INPOST', trackingNumber: '6800 9999' });
    const received = asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: order.id } }, market.keys.customer)).confirmDelivery);
    const deadline = Date.parse(received.receivedAt!) + 30 * DAY;

    clock.set(new Date(deadline - JUST_BEFORE));
    expect(await sweepBoth()).toBe(0);
    expect((await read(order.id)).state).toBe('RECEIVED');

    clock.set(new Date(deadline + 1));
    expect(await sweepBoth()).toBe(1);
    expect(await sweepBoth()).toBe(0);
    const closed = await read(order.id);
    expect(closed.state).toBe('CLOSED');
    expect(closed.lines.map((line) => line.state)).toEqual(['CLOSED', 'CLOSED']);
    expect(await eventsOf('ORDER_CLOSED')).toEqual([
      { order: order.id, from: 'RECEIVED', to: 'CLOSED', actor: { type: 'SYSTEM', displayName: 'System' } },
    ]);
  });

  it('shippingDeadline of a prepaid order = payment + 2 business days, across the Christmas weekend', async () => {
    const paidAtWarsaw = DateTime.fromISO('2026-12-24T10:00:00', { zone: 'Europe/Warsaw' }).toJSDate();
    clock.set(paidAtWarsaw);
    const placed = await placeOrder(t, market, { leadTimeToShipDays: 2 });
    await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, market.keys.seller);
    clock.set(paidAtWarsaw);
    const paid = asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } })).recordPayment);

    const [payment] = (await t.gql(DeadlineEventsDocument, { types: ['ORDER_PAYMENT_RECEIVED'] })).events.edges;
    const paidAt = DateTime.fromISO(payment.node.occurredAt, { zone: 'Europe/Warsaw' });
    const deadline = DateTime.fromISO(paid.shippingDeadline!, { zone: 'Europe/Warsaw' });
    expect(paidAt.toISODate()).toBe('2026-12-24');
    // 25 and 26 Dec are holidays, 27 Dec a Sunday: Monday 28 is the first business day, Tuesday 29 the second.
    expect(deadline.toISODate()).toBe('2026-12-29');
    expect(deadline.toMillis() - paidAt.toMillis()).toBe(5 * DAY);
  });

  it('shippingDeadline of a cash-on-delivery order = acceptance + 1 business day, across 1-3 May 2027', async () => {
    clock.set(DateTime.fromISO('2027-04-30T10:00:00', { zone: 'Europe/Warsaw' }).toJSDate());
    const placed = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY', leadTimeToShipDays: 1 });
    const accepted = asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, market.keys.seller)).acceptOrder);
    const acceptedAt = DateTime.fromISO(accepted.acceptedAt!, { zone: 'Europe/Warsaw' });
    const deadline = DateTime.fromISO(accepted.shippingDeadline!, { zone: 'Europe/Warsaw' });
    expect(acceptedAt.toISODate()).toBe('2027-04-30');
    expect(deadline.toISODate()).toBe('2027-05-04');
    expect(deadline.toMillis() - acceptedAt.toMillis()).toBe(4 * DAY);
  });
});

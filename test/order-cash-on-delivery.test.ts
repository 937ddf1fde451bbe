import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  MarkReadyForPickupDocument,
  OrderDocument,
  RecordCarrierDeliveryDocument,
  SetTrackingDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder, readOrder, snapshotOf, timelineOf } from './support/market';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

const placeCod = () => placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
const accept = async (id: string) => asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: id } }, market.keys.seller)).acceptOrder);
const track = async (id: string, carrierCode: string, trackingNumber: string) =>
  asOrder((await t.gql(SetTrackingDocument, { input: { orderId: id, carrierCode, trackingNumber } }, market.keys.seller)).setTracking);
const ship = async (id: string) => asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId: id } }, market.keys.seller)).confirmShipment);
const actionsOf = async (id: string, secret: string) => (await t.gql(OrderDocument, { id }, secret)).order!.availableActions;

describe('a cash-on-delivery order', () => {
  // Thursday 30 April 2026, 10:00 in Warsaw: 1 May (Friday) and the weekend are not business days.
  beforeAll(() => clock.set(new Date('2026-04-30T08:00:00.000Z')));
  afterAll(() => clock.reset());

  it('walks placement, acceptance straight to SHIPPING, tracking, shipment and receipt with exact states and actions', async () => {
    const placed = await placeCod();
    expect(placed.paymentWorkflow).toBe('PAY_ON_DELIVERY');
    expect(placed.state).toBe('WAITING_ACCEPTANCE');
    expect(placed.stateLabel).toBe('Przyjęcie w toku');
    expect(placed.version).toBe(1);
    expect(Date.parse(placed.acceptanceDeadline!) - Date.parse(placed.createdAt)).toBe(72 * HOUR);
    expect(placed.shippingDeadline).toBeNull();
    expect(await actionsOf(placed.id, market.keys.seller)).toEqual(['ACCEPT', 'REFUSE', 'SEND_MESSAGE']);

    const accepted = await accept(placed.id);
    expect(accepted.state).toBe('SHIPPING');
    expect(accepted.stateLabel).toBe('Oczekuje na wysyłkę');
    expect(accepted.stateLabelEn).toBe('Shipping in Progress');
    expect(accepted.lines.map((line) => [line.state, line.stateLabel])).toEqual([
      ['SHIPPING', 'Oczekuje na wysyłkę'],
      ['SHIPPING', 'Oczekuje na wysyłkę'],
    ]);
    expect(accepted.acceptanceDeadline).toBeNull();
    // Nothing is paid yet, so nothing can be refunded and REFUND is not offered.
    expect(accepted.availableActions).toEqual(['SET_TRACKING', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'SEND_MESSAGE']);
    expect(accepted.lines.map((line) => line.refundable.amount)).toEqual(['0.00', '0.00']);

    const tracked = await track(placed.id, 'DPD', '0000 1111 2222');
    expect(tracked.state).toBe('SHIPPING');
    expect(tracked.tracking).toEqual({
      carrierCode: 'DPD',
      carrierName: 'DPD',
      trackingNumber: '0000 1111 2222',
      trackingUrl: 'https://tracktrace.dpd.com.pl/parcelDetails?p1=0000%201111%202222',
    });
    expect(tracked.availableActions).toEqual(['SET_TRACKING', 'CONFIRM_SHIPMENT', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'SEND_MESSAGE']);

    const shipped = await ship(placed.id);
    expect(shipped.state).toBe('SHIPPED');
    expect(shipped.stateLabel).toBe('Wysłano');
    expect(shipped.availableActions).toEqual(['SEND_MESSAGE']);
    expect(await actionsOf(placed.id, market.keys.customer)).toEqual(['CONFIRM_DELIVERY', 'OPEN_INCIDENT', 'SEND_MESSAGE']);

    const received = asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: placed.id } }, market.keys.customer)).confirmDelivery);
    expect(received.state).toBe('RECEIVED');
    expect(received.stateLabel).toBe('Otrzymano');
    expect(received.version).toBe(5);
    expect(received.availableActions).toEqual(['OPEN_INCIDENT', 'REQUEST_RETURN', 'RATE', 'SEND_MESSAGE']);
    // The customer paid the courier on receipt: from now on the lines can be refunded.
    expect(received.lines.map((line) => line.refundable.amount)).toEqual(['99.98', '35.50']);
    expect(await actionsOf(placed.id, market.keys.seller)).toEqual(['REFUND', 'SEND_MESSAGE']);
    expect(timelineOf(received)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_ACCEPTED WAITING_ACCEPTANCE->SHIPPING by SELLER',
      'ORDER_TRACKING_SET -->- by SELLER',
      'ORDER_SHIPPED SHIPPING->SHIPPED by SELLER',
      'ORDER_DELIVERED SHIPPED->RECEIVED by CUSTOMER',
    ]);
  });

  it('sets the shipping deadline at acceptance, lead time counted in Polish business days', async () => {
    const placed = await placeCod(); // leadTimeToShipDays: 2
    const accepted = await accept(placed.id);
    // Thursday 30 April -> (1 May holiday, 2-3 May weekend) Monday 4 May, Tuesday 5 May; same time of day.
    expect(accepted.acceptedAt!.slice(0, 10)).toBe('2026-04-30');
    expect(Date.parse(accepted.shippingDeadline!) - Date.parse(accepted.acceptedAt!)).toBe(5 * DAY);
    expect(accepted.shippingDeadline!.slice(0, 13)).toBe('2026-05-05T08');
  });
});

describe('a pickup order', () => {
  it('is marked ready for pickup, shows TO_COLLECT, and becomes RECEIVED when the customer collects it', async () => {
    const placed = await placeCod();
    await accept(placed.id);

    const before = Date.now();
    const ready = asOrder((await t.gql(MarkReadyForPickupDocument, { input: { orderId: placed.id } }, market.keys.seller)).markReadyForPickup);
    expect(ready.state).toBe('TO_COLLECT');
    expect(ready.stateLabel).toBe('Do odbioru');
    expect(ready.stateLabelEn).toBe('Ready for pickup');
    expect(ready.lines.map((line) => line.state)).toEqual(['TO_COLLECT', 'TO_COLLECT']);
    expect(ready.tracking).toBeNull();
    expect(Date.parse(ready.shippedAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(ready.shippedAt!)).toBeLessThanOrEqual(Date.now());
    expect(ready.availableActions).toEqual(['SEND_MESSAGE']);
    expect(await actionsOf(placed.id, market.keys.customer)).toEqual(['CONFIRM_DELIVERY', 'OPEN_INCIDENT', 'SEND_MESSAGE']);
    expect(await actionsOf(placed.id, market.keys.operator)).toEqual(['CONFIRM_DELIVERY', 'OPEN_INCIDENT', 'SEND_MESSAGE']);

    const collectedFrom = Date.now();
    const collected = asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: placed.id } }, market.keys.customer)).confirmDelivery);
    expect(collected.state).toBe('RECEIVED');
    expect(collected.lines.map((line) => line.state)).toEqual(['RECEIVED', 'RECEIVED']);
    expect(Date.parse(collected.receivedAt!)).toBeGreaterThanOrEqual(collectedFrom);
    expect(Date.parse(collected.receivedAt!)).toBeLessThanOrEqual(Date.now());
    expect(collected.shippedAt).toBe(ready.shippedAt);
    expect(collected.version).toBe(4);
    expect(timelineOf(collected)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_ACCEPTED WAITING_ACCEPTANCE->SHIPPING by SELLER',
      'ORDER_READY_FOR_PICKUP SHIPPING->TO_COLLECT by SELLER',
      'ORDER_DELIVERED TO_COLLECT->RECEIVED by CUSTOMER',
    ]);
  });
});

describe('recordCarrierDelivery', () => {
  afterEach(() => clock.reset());

  it('makes a SHIPPED order of an integrated carrier RECEIVED, found by carrier code and tracking number', async () => {
    const placed = await placeCod();
    await accept(placed.id);
    await track(placed.id, 'GLS', 'GLS-7781');
    const shipped = await ship(placed.id);
    // A delivery lies between the shipment and now (rule 11 of issue 10): reported two hours on, delivered one hour after shipping.
    clock.freeze(new Date(Date.parse(shipped.shippedAt!) + 2 * HOUR));
    const deliveredAt = new Date(Date.parse(shipped.shippedAt!) + HOUR).toISOString();

    const { recordCarrierDelivery } = await t.gql(RecordCarrierDeliveryDocument, {
      input: { carrierCode: 'GLS', trackingNumber: 'GLS-7781', deliveredAt },
    });
    const received = asOrder(recordCarrierDelivery);
    expect(received.id).toBe(placed.id);
    expect(received.state).toBe('RECEIVED');
    expect(received.lines.map((line) => line.state)).toEqual(['RECEIVED', 'RECEIVED']);
    expect(received.receivedAt).toBe(deliveredAt);
    expect(received.version).toBe(5);
    expect(timelineOf(received).slice(-1)).toEqual(['ORDER_DELIVERED SHIPPED->RECEIVED by OPERATOR']);
  });

  it('refuses a carrier that does not report deliveries (ORLEN_PACZKA) with a ValidationError and changes nothing', async () => {
    const placed = await placeCod();
    await accept(placed.id);
    await track(placed.id, 'ORLEN_PACZKA', 'OP-100200');
    const before = snapshotOf(await ship(placed.id));

    const { recordCarrierDelivery } = await t.gql(RecordCarrierDeliveryDocument, {
      input: { carrierCode: 'ORLEN_PACZKA', trackingNumber: 'OP-100200' },
    });
    expect(recordCarrierDelivery).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'Orlen Paczka does not report deliveries',
      field: ['input', 'carrierCode'],
    });
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(before);
    expect(before.state).toBe('SHIPPED');
  });

  it('answers NotFoundError for a tracking number no shipment has', async () => {
    const { recordCarrierDelivery } = await t.gql(RecordCarrierDeliveryDocument, {
      input: { carrierCode: 'INPOST', trackingNumber: 'NO-SUCH-PARCEL-1' },
    });
    expect(recordCarrierDelivery).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message: 'No shipment with this carrier and tracking number',
    });
  });

  it('does not match a tracking number registered under another carrier', async () => {
    const placed = await placeCod();
    await accept(placed.id);
    await track(placed.id, 'DHL', 'SHARED-42');
    const before = snapshotOf(await ship(placed.id));

    const { recordCarrierDelivery } = await t.gql(RecordCarrierDeliveryDocument, { input: { carrierCode: 'UPS', trackingNumber: 'SHARED-42' } });
    expect(recordCarrierDelivery.__typename).toBe('NotFoundError');
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(before);
  });
});

import {
  AcceptOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  OrderDocument,
  RecordPaymentDocument,
  SetTrackingDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder, timelineOf } from './support/market';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

describe('a prepaid order from placement to receipt', () => {
  it('walks every step with exact states, labels, timeline and available actions', async () => {
    const placed = await placeOrder(t, market);
    expect(placed.reference).toMatch(/^\d{8}\d{4,}-A$/);
    expect(placed.state).toBe('WAITING_ACCEPTANCE');
    expect(placed.stateLabel).toBe('Przyjęcie w toku');
    expect(placed.stateLabelEn).toBe('Pending acceptance');
    expect(placed.price).toEqual({ amount: '135.48', currency: 'PLN' });
    expect(placed.totalPrice.amount).toBe('148.47');
    expect(placed.version).toBe(1);
    expect(placed.availableActions).toEqual(['SEND_MESSAGE']);
    expect(timelineOf(placed)).toEqual(['ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER']);

    const seen = await t.gql(OrderDocument, { id: placed.id }, market.keys.seller);
    expect(seen.order!.availableActions).toEqual(['ACCEPT', 'REFUSE', 'SEND_MESSAGE']);
    expect(seen.order!.shippingAddress).toBeNull();

    const accepted = asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, market.keys.seller)).acceptOrder);
    expect(accepted.state).toBe('WAITING_DEBIT_PAYMENT');
    expect(accepted.stateLabel).toBe('Obciążenie w trakcie realizacji');
    expect(accepted.lines.map((line) => line.state)).toEqual(['WAITING_DEBIT_PAYMENT', 'WAITING_DEBIT_PAYMENT']);
    expect(accepted.availableActions).toEqual(['CANCEL', 'SEND_MESSAGE']);
    expect(accepted.shippingAddress?.city).toBe('Warszawa');
    expect(accepted.acceptanceDeadline).toBeNull();

    const paid = asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } })).recordPayment);
    expect(paid.state).toBe('SHIPPING');
    expect(paid.shippingDeadline).not.toBeNull();

    const asSeller = await t.gql(OrderDocument, { id: placed.id }, market.keys.seller);
    expect(asSeller.order!.availableActions).toEqual(['SET_TRACKING', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'REFUND', 'SEND_MESSAGE']);

    const tracked = asOrder(
      (await t.gql(SetTrackingDocument, { input: { orderId: placed.id, carrierCode: 'INPOST', trackingNumber: '6800 1234' } }, market.keys.seller))
        .setTracking,
    );
    expect(tracked.state).toBe('SHIPPING');
    expect(tracked.tracking).toEqual({
      carrierCode: 'INPOST',
      carrierName: 'InPost',
      trackingNumber: '6800 1234',
      trackingUrl: 'https://inpost.pl/sledzenie-przesylek?number=6800%201234',
    });
    expect(tracked.availableActions).toEqual(['SET_TRACKING', 'CONFIRM_SHIPMENT', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'REFUND', 'SEND_MESSAGE']);

    const shipped = asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId: placed.id } }, market.keys.seller)).confirmShipment);
    expect(shipped.state).toBe('SHIPPED');
    expect(shipped.stateLabel).toBe('Wysłano');
    expect(shipped.shippedAt).not.toBeNull();

    const forCustomer = await t.gql(OrderDocument, { id: placed.id }, market.keys.customer);
    expect(forCustomer.order!.availableActions).toEqual(['CONFIRM_DELIVERY', 'OPEN_INCIDENT', 'SEND_MESSAGE']);

    const received = asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: placed.id } }, market.keys.customer)).confirmDelivery);
    expect(received.state).toBe('RECEIVED');
    expect(received.stateLabel).toBe('Otrzymano');
    expect(received.version).toBe(6);
    expect(timelineOf(received)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_ACCEPTED WAITING_ACCEPTANCE->WAITING_DEBIT_PAYMENT by SELLER',
      'ORDER_PAYMENT_RECEIVED WAITING_DEBIT_PAYMENT->SHIPPING by OPERATOR',
      'ORDER_TRACKING_SET -->- by SELLER',
      'ORDER_SHIPPED SHIPPING->SHIPPED by SELLER',
      'ORDER_DELIVERED SHIPPED->RECEIVED by CUSTOMER',
    ]);
  });
});

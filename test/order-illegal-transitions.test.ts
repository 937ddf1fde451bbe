import { Locale } from '../src/common/locale';
import { deriveOrderState, OrderLineState, OrderState, stateLabel } from '../src/orders/order.status';
import {
  AcceptOrderDocument,
  CancelOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  MarkReadyForPickupDocument,
  OrderFieldsFragment,
  OrderResultFieldsFragment,
  RecordCarrierDeliveryDocument,
  RecordPaymentDocument,
  RefundOrderDocument,
  RefuseOrderDocument,
  SetTrackingDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder, readOrder, snapshotOf } from './support/market';

let t: TestApp;
let market: Market;

type Result = Promise<OrderResultFieldsFragment>;
type Mutation =
  | 'acceptOrder'
  | 'refuseOrder'
  | 'setTracking'
  | 'confirmShipment'
  | 'markReadyForPickup'
  | 'cancelOrder'
  | 'confirmDelivery'
  | 'refundOrder'
  | 'recordPayment'
  | 'recordCarrierDelivery';

/** Each mutation as the role that may call it, so only the order's state can forbid it. */
const call: Record<Mutation, (order: OrderFieldsFragment) => Result> = {
  acceptOrder: async (o) => (await t.gql(AcceptOrderDocument, { input: { orderId: o.id } }, market.keys.seller)).acceptOrder,
  refuseOrder: async (o) => (await t.gql(RefuseOrderDocument, { input: { orderId: o.id } }, market.keys.seller)).refuseOrder,
  setTracking: async (o) =>
    (await t.gql(SetTrackingDocument, { input: { orderId: o.id, carrierCode: 'DHL', trackingNumber: 'DHL-999' } }, market.keys.seller)).setTracking,
  confirmShipment: async (o) => (await t.gql(ConfirmShipmentDocument, { input: { orderId: o.id } }, market.keys.seller)).confirmShipment,
  markReadyForPickup: async (o) => (await t.gql(MarkReadyForPickupDocument, { input: { orderId: o.id } }, market.keys.seller)).markReadyForPickup,
  cancelOrder: async (o) => (await t.gql(CancelOrderDocument, { input: { orderId: o.id, reason: 'Test' } }, market.keys.seller)).cancelOrder,
  confirmDelivery: async (o) => (await t.gql(ConfirmDeliveryDocument, { input: { orderId: o.id } }, market.keys.customer)).confirmDelivery,
  refundOrder: async (o) =>
    (await t.gql(RefundOrderDocument, { input: { orderId: o.id, lines: [{ lineId: o.lines[0].id }], reason: 'LATE_SHIPPING' } }, market.keys.seller))
      .refundOrder,
  recordPayment: async (o) => (await t.gql(RecordPaymentDocument, { input: { orderId: o.id, outcome: 'PAID' } })).recordPayment,
  recordCarrierDelivery: async (o) =>
    (await t.gql(RecordCarrierDeliveryDocument, { input: { carrierCode: o.tracking!.carrierCode!, trackingNumber: o.tracking!.trackingNumber } }))
      .recordCarrierDelivery,
};

type Setup = 'WAITING_ACCEPTANCE' | 'WAITING_DEBIT_PAYMENT' | 'SHIPPING' | 'SHIPPING with tracking' | 'SHIPPED' | 'TO_COLLECT' | 'RECEIVED' | 'REFUSED' | 'CANCELED';

/** Builds an order in each state through the API, each from the one before where it can. */
async function build(): Promise<Record<Setup, OrderFieldsFragment>> {
  const step = (mutation: Mutation) => async (order: OrderFieldsFragment) => asOrder(await call[mutation](order));
  const tracked = (number: string) => async (order: OrderFieldsFragment) =>
    asOrder((await t.gql(SetTrackingDocument, { input: { orderId: order.id, carrierCode: 'INPOST', trackingNumber: number } }, market.keys.seller)).setTracking);
  const shipping = async () => step('recordPayment')(await step('acceptOrder')(await placeOrder(t, market)));
  const shipped = async (number: string) => step('confirmShipment')(await tracked(number)(await shipping()));
  const failed = async () => {
    const accepted = await step('acceptOrder')(await placeOrder(t, market));
    return asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: accepted.id, outcome: 'FAILED' } })).recordPayment);
  };
  const built: Record<Setup, OrderFieldsFragment> = {
    WAITING_ACCEPTANCE: await placeOrder(t, market),
    WAITING_DEBIT_PAYMENT: await step('acceptOrder')(await placeOrder(t, market)),
    SHIPPING: await shipping(),
    'SHIPPING with tracking': await tracked('IP-TRACKED')(await shipping()),
    SHIPPED: await shipped('IP-SHIPPED'),
    TO_COLLECT: await step('markReadyForPickup')(await shipping()),
    RECEIVED: await step('confirmDelivery')(await shipped('IP-RECEIVED')),
    REFUSED: await step('refuseOrder')(await placeOrder(t, market)),
    CANCELED: await failed(),
  };
  // Re-read, so every case compares against the order exactly as stored.
  for (const setup of Object.keys(built) as Setup[]) built[setup] = await readOrder(t, built[setup].id);
  return built;
}

/** What each state allows, per the contract's state graph; everything else must be refused. */
const ALLOWED: Record<Setup, Mutation[]> = {
  WAITING_ACCEPTANCE: ['acceptOrder', 'refuseOrder'],
  WAITING_DEBIT_PAYMENT: ['cancelOrder', 'recordPayment'],
  SHIPPING: ['setTracking', 'markReadyForPickup', 'cancelOrder', 'refundOrder'],
  'SHIPPING with tracking': ['setTracking', 'confirmShipment', 'markReadyForPickup', 'cancelOrder', 'refundOrder'],
  SHIPPED: ['confirmDelivery', 'refundOrder', 'recordCarrierDelivery'],
  TO_COLLECT: ['confirmDelivery', 'refundOrder', 'recordCarrierDelivery'],
  RECEIVED: ['refundOrder'],
  REFUSED: [],
  CANCELED: [],
};
/** recordCarrierDelivery finds the order by its tracking number, so it applies only to orders with one. */
const WITH_TRACKING = new Set<Setup>(['SHIPPING with tracking', 'SHIPPED', 'RECEIVED']);
const STATE_OF = (setup: Setup) => setup.split(' ')[0];

const cases = (Object.keys(ALLOWED) as Setup[]).flatMap((setup) =>
  (Object.keys(call) as Mutation[])
    .filter((mutation) => !ALLOWED[setup].includes(mutation))
    .filter((mutation) => mutation !== 'recordCarrierDelivery' || WITH_TRACKING.has(setup))
    .map((mutation) => ({ setup, mutation })),
);

function expectedRefusal(setup: Setup, mutation: Mutation) {
  if (setup === 'SHIPPING' && mutation === 'confirmShipment') {
    return { __typename: 'TrackingRequiredError', code: 'TRACKING_REQUIRED', message: 'Set the carrier and tracking number before confirming the shipment' };
  }
  const state = STATE_OF(setup);
  // A canceled order that was never paid is in a state that allows refunds, but has nothing to refund.
  const message = setup === 'CANCELED' && mutation === 'refundOrder' ? 'Nothing on this order can be refunded' : `This action is not possible while the order is ${state}`;
  return { __typename: 'InvalidStateError', code: 'INVALID_STATE', message, currentState: state };
}

describe('illegal transitions over real HTTP', () => {
  let orders: Record<Setup, OrderFieldsFragment>;

  beforeAll(async () => {
    t = await startTestApp();
    market = await createMarket(t);
    orders = await build();
  });
  afterAll(() => t.close());

  it('builds every order in the state it is named after', () => {
    expect(Object.fromEntries(Object.entries(orders).map(([setup, order]) => [setup, order.state]))).toEqual({
      WAITING_ACCEPTANCE: 'WAITING_ACCEPTANCE',
      WAITING_DEBIT_PAYMENT: 'WAITING_DEBIT_PAYMENT',
      SHIPPING: 'SHIPPING',
      'SHIPPING with tracking': 'SHIPPING',
      SHIPPED: 'SHIPPED',
      TO_COLLECT: 'TO_COLLECT',
      RECEIVED: 'RECEIVED',
      REFUSED: 'REFUSED',
      CANCELED: 'CANCELED',
    });
    expect(orders.SHIPPING.tracking).toBeNull();
    expect(orders['SHIPPING with tracking'].tracking?.trackingNumber).toBe('IP-TRACKED');
  });

  it.each<[Setup, string[]]>([
    ['WAITING_ACCEPTANCE', ['ACCEPT', 'REFUSE', 'SEND_MESSAGE']],
    ['WAITING_DEBIT_PAYMENT', ['CANCEL', 'SEND_MESSAGE']],
    ['SHIPPING', ['SET_TRACKING', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'REFUND', 'SEND_MESSAGE']],
    ['SHIPPING with tracking', ['SET_TRACKING', 'CONFIRM_SHIPMENT', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'REFUND', 'SEND_MESSAGE']],
    ['SHIPPED', ['CONFIRM_DELIVERY', 'REFUND', 'OPEN_INCIDENT', 'SEND_MESSAGE']],
    ['TO_COLLECT', ['CONFIRM_DELIVERY', 'REFUND', 'OPEN_INCIDENT', 'SEND_MESSAGE']],
    ['RECEIVED', ['REFUND', 'OPEN_INCIDENT', 'REQUEST_RETURN', 'RATE', 'SEND_MESSAGE']],
    ['REFUSED', ['SEND_MESSAGE']],
    ['CANCELED', ['SEND_MESSAGE']],
  ])('offers the operator on a %s order only what that state allows: %j', (setup, actions) => {
    expect(orders[setup].availableActions).toEqual(actions);
  });

  it.each(cases)('refuses $mutation on a $setup order and leaves it unchanged', async ({ setup, mutation }) => {
    const order = orders[setup];
    expect(await call[mutation](order)).toEqual(expectedRefusal(setup, mutation));
    expect(snapshotOf(await readOrder(t, order.id))).toEqual(snapshotOf(order));
  });
});

describe('the order state and labels (src/orders/order.status.ts)', () => {
  const S = OrderLineState;

  it.each<[string, { state: OrderLineState; stateBeforeIncident?: OrderLineState }[], OrderState]>([
    ['every line refused', [{ state: S.REFUSED }, { state: S.REFUSED }], OrderState.REFUSED],
    ['refused and canceled lines only', [{ state: S.REFUSED }, { state: S.CANCELED }], OrderState.CANCELED],
    ['every line canceled', [{ state: S.CANCELED }, { state: S.CANCELED }], OrderState.CANCELED],
    ['one refused line next to an active one', [{ state: S.REFUSED }, { state: S.SHIPPING }], OrderState.SHIPPING],
    ['one canceled line next to an active one', [{ state: S.CANCELED }, { state: S.WAITING_DEBIT_PAYMENT }], OrderState.WAITING_DEBIT_PAYMENT],
    ['the least advanced active line', [{ state: S.RECEIVED }, { state: S.SHIPPED }, { state: S.SHIPPING }], OrderState.SHIPPING],
    ['an open incident counted as the state before it', [{ state: S.RECEIVED }, { state: S.INCIDENT_OPEN, stateBeforeIncident: S.SHIPPED }], OrderState.SHIPPED],
    ['an open incident on a received order', [{ state: S.INCIDENT_OPEN, stateBeforeIncident: S.RECEIVED }], OrderState.RECEIVED],
    ['every line refunded', [{ state: S.REFUNDED }, { state: S.REFUNDED }], OrderState.REFUNDED],
    ['refunded lines next to refused and canceled ones', [{ state: S.REFUSED }, { state: S.REFUNDED }, { state: S.CANCELED }], OrderState.REFUNDED],
    ['a refunded line next to a received one', [{ state: S.REFUNDED }, { state: S.RECEIVED }], OrderState.RECEIVED],
    ['a refunded line next to a closed one', [{ state: S.REFUNDED }, { state: S.CLOSED }], OrderState.CLOSED],
    ['a refunded line next to one under an incident', [{ state: S.REFUNDED }, { state: S.INCIDENT_OPEN, stateBeforeIncident: S.SHIPPED }], OrderState.SHIPPED],
  ])('derives the order state from %s', (_, lines, expected) => {
    expect(deriveOrderState(lines)).toBe(expected);
  });

  it.each<[OrderLineState, string, string]>([
    [S.WAITING_ACCEPTANCE, 'Przyjęcie w toku', 'Pending acceptance'],
    [S.WAITING_DEBIT_PAYMENT, 'Obciążenie w trakcie realizacji', 'Debit in Progress'],
    [S.SHIPPING, 'Oczekuje na wysyłkę', 'Shipping in Progress'],
    [S.SHIPPED, 'Wysłano', 'Shipped'],
    [S.TO_COLLECT, 'Do odbioru', 'Ready for pickup'],
    [S.RECEIVED, 'Otrzymano', 'Received'],
    [S.CLOSED, 'Zamknięto', 'Closed'],
    [S.REFUSED, 'Odrzucono', 'Rejected'],
    [S.CANCELED, 'Anulowano', 'Canceled'],
    [S.INCIDENT_OPEN, 'Incydent otwarty', 'Incident open'],
    [S.REFUNDED, 'Zwrócono', 'Refunded'],
  ])('labels %s as "%s" (PL) and "%s" (EN)', (state, pl, en) => {
    expect(stateLabel(state, Locale.PL)).toBe(pl);
    expect(stateLabel(state, Locale.EN)).toBe(en);
  });

  it('labels the REFUNDED order "Zwrócono" (PL) and "Refunded" (EN)', () => {
    expect([stateLabel(OrderState.REFUNDED, Locale.PL), stateLabel(OrderState.REFUNDED, Locale.EN)]).toEqual(['Zwrócono', 'Refunded']);
  });
});

import { addBusinessDays } from '../src/common/business-days';
import {
  AcceptOrderDocument,
  AcceptOrderInput,
  CreateShopDocument,
  EventsDocument,
  OrderFieldsFragment,
  RefuseOrderDocument,
  UpdateShopSettingsDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder, readOrder, snapshotOf, timelineOf } from './support/market';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

type Decisions = NonNullable<AcceptOrderInput['lines']>;
const decide = (order: OrderFieldsFragment, ...accepted: boolean[]): Decisions =>
  accepted.map((decision, i) => ({ lineId: order.lines[i].id, accepted: decision }));
const accept = (orderId: string, lines?: Decisions, secret = market.keys.seller) =>
  t.gql(AcceptOrderDocument, { input: { orderId, lines } }, secret).then((data) => data.acceptOrder);

describe('per-line decisions', () => {
  it('accepts one line and refuses the other: the order follows the accepted line, the refused line is REFUSED', async () => {
    const placed = await placeOrder(t, market);
    const order = asOrder(await accept(placed.id, decide(placed, true, false)));
    expect(order.state).toBe('WAITING_DEBIT_PAYMENT');
    expect(order.stateLabel).toBe('Obciążenie w trakcie realizacji');
    expect(order.lines.map((line) => [line.state, line.stateLabel])).toEqual([
      ['WAITING_DEBIT_PAYMENT', 'Obciążenie w trakcie realizacji'],
      ['REFUSED', 'Odrzucono'],
    ]);
    expect(order.version).toBe(2);
    expect(order.availableActions).toEqual(['CANCEL', 'SEND_MESSAGE']);
    expect(timelineOf(order)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_ACCEPTED WAITING_ACCEPTANCE->WAITING_DEBIT_PAYMENT by SELLER',
    ]);
  });

  it('sends the accepted line of a cash-on-delivery order straight to SHIPPING next to the refused one', async () => {
    const placed = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    const order = asOrder(await accept(placed.id, decide(placed, false, true)));
    expect(order.state).toBe('SHIPPING');
    expect(order.lines.map((line) => line.state)).toEqual(['REFUSED', 'SHIPPING']);
    expect(order.shippingDeadline).toBe(addBusinessDays(new Date(order.acceptedAt!), 2).toISOString());
    expect(order.availableActions).toEqual(['SET_TRACKING', 'MARK_READY_FOR_PICKUP', 'CANCEL', 'SEND_MESSAGE']);
  });

  it('refuses the order with an ORDER_REFUSED event when every line is refused', async () => {
    const placed = await placeOrder(t, market);
    const order = asOrder(await accept(placed.id, decide(placed, false, false)));
    expect(order.state).toBe('REFUSED');
    expect(order.stateLabel).toBe('Odrzucono');
    expect(order.stateLabelEn).toBe('Rejected');
    expect(order.lines.map((line) => line.state)).toEqual(['REFUSED', 'REFUSED']);
    expect(order.acceptanceDeadline).toBeNull();
    expect(order.acceptedAt).toBeNull();
    expect(order.shippingAddress).toBeNull(); // never accepted, so the seller never sees the address
    expect(order.availableActions).toEqual(['SEND_MESSAGE']);
    expect(timelineOf(order)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_REFUSED WAITING_ACCEPTANCE->REFUSED by SELLER',
    ]);
    const { events } = await t.gql(EventsDocument, { first: 100, types: ['ORDER_ACCEPTED', 'ORDER_REFUSED'] });
    expect(events.edges.filter(({ node }) => node.order?.id === placed.id).map(({ node }) => node.type)).toEqual(['ORDER_REFUSED']);
  });
});

describe('a shop without partial acceptance', () => {
  beforeAll(async () => {
    const { updateShopSettings } = await t.gql(UpdateShopSettingsDocument, { input: { shopId: market.otherShop.id, partialAcceptance: false } });
    expect(updateShopSettings).toEqual({
      __typename: 'Shop',
      id: market.otherShop.id,
      returnPolicyDays: 14,
      autoAccept: false,
      partialAcceptance: false,
    });
  });

  it('answers mixed decisions with a ValidationError on input.lines and changes nothing', async () => {
    const placed = await placeOrder(t, market, { shopId: market.otherShop.id });
    const result = await accept(placed.id, decide(placed, true, false), market.keys.otherSeller);
    expect(result).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'This shop accepts or refuses orders as a whole',
      field: ['input', 'lines'],
    });
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(snapshotOf(placed));
  });

  it('still accepts an order whose lines are all accepted', async () => {
    const placed = await placeOrder(t, market, { shopId: market.otherShop.id });
    const order = asOrder(await accept(placed.id, decide(placed, true, true), market.keys.otherSeller));
    expect(order.lines.map((line) => line.state)).toEqual(['WAITING_DEBIT_PAYMENT', 'WAITING_DEBIT_PAYMENT']);
  });
});

describe('invalid decisions', () => {
  let placed: OrderFieldsFragment;
  let foreignLineId: string;

  beforeAll(async () => {
    placed = await placeOrder(t, market);
    foreignLineId = (await placeOrder(t, market)).lines[0].id;
  });
  afterEach(async () => {
    // None of them may touch the order.
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(snapshotOf(placed));
  });

  it('rejects decisions that leave a waiting line undecided, on input.lines', async () => {
    expect(await accept(placed.id, decide(placed, true))).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'must decide every line waiting for acceptance',
      field: ['input', 'lines'],
    });
  });

  it('rejects an empty decision list, on input.lines', async () => {
    expect(await accept(placed.id, [])).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'must decide every line waiting for acceptance',
      field: ['input', 'lines'],
    });
  });

  it('rejects a line of another order, on input.lines.<index>.lineId', async () => {
    const lines = [...decide(placed, true, true), { lineId: foreignLineId, accepted: true }];
    expect(await accept(placed.id, lines)).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'is not a line of this order waiting for acceptance',
      field: ['input', 'lines', '2', 'lineId'],
    });
  });

  it('rejects a malformed line id, on input.lines.<index>.lineId', async () => {
    const lines = [{ lineId: 'not-an-id', accepted: true }, ...decide(placed, true, true)];
    expect(await accept(placed.id, lines)).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'is not a line of this order waiting for acceptance',
      field: ['input', 'lines', '0', 'lineId'],
    });
  });

  it('rejects a line decided twice, on the second decision', async () => {
    const lines = [...decide(placed, true, false), { lineId: placed.lines[0].id, accepted: false }];
    expect(await accept(placed.id, lines)).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'is decided twice',
      field: ['input', 'lines', '2', 'lineId'],
    });
  });
});

describe('refuseOrder', () => {
  it('refuses every line with the ORDER_REFUSED event and offers nothing afterwards', async () => {
    const placed = await placeOrder(t, market);
    const input = { orderId: placed.id, reason: 'Brak towaru w magazynie' };
    const order = asOrder((await t.gql(RefuseOrderDocument, { input }, market.keys.seller)).refuseOrder);
    expect(order.state).toBe('REFUSED');
    expect(order.stateLabel).toBe('Odrzucono');
    expect(order.lines.map((line) => line.state)).toEqual(['REFUSED', 'REFUSED']);
    expect(order.version).toBe(2);
    expect(order.acceptanceDeadline).toBeNull();
    expect(order.availableActions).toEqual(['SEND_MESSAGE']);
    expect(timelineOf(order)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_REFUSED WAITING_ACCEPTANCE->REFUSED by SELLER',
    ]);
    expect((await readOrder(t, placed.id)).availableActions).toEqual(['SEND_MESSAGE']);
  });

  it('rejects a reason longer than 1000 characters on input.reason and changes nothing', async () => {
    const placed = await placeOrder(t, market);
    const input = { orderId: placed.id, reason: 'x'.repeat(1001) };
    expect((await t.gql(RefuseOrderDocument, { input }, market.keys.seller)).refuseOrder).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'must be at most 1000 characters',
      field: ['input', 'reason'],
    });
    expect(snapshotOf(await readOrder(t, placed.id))).toEqual(snapshotOf(placed));
  });
});

describe('a shop that accepts automatically', () => {
  let autoShopId: string;

  beforeAll(async () => {
    const { createShop } = await t.gql(CreateShopDocument, { input: { name: 'Antykwariat Automat', autoAccept: true } });
    expect(createShop.autoAccept).toBe(true);
    autoShopId = createShop.id;
  });

  it('accepts a prepaid order at placement, with the SYSTEM as the actor of the acceptance', async () => {
    const order = await placeOrder(t, market, { shopId: autoShopId });
    expect(order.state).toBe('WAITING_DEBIT_PAYMENT');
    expect(order.lines.map((line) => line.state)).toEqual(['WAITING_DEBIT_PAYMENT', 'WAITING_DEBIT_PAYMENT']);
    expect(order.version).toBe(2);
    expect(order.acceptedAt).toBe(order.createdAt);
    expect(order.acceptanceDeadline).toBeNull();
    expect(timelineOf(order)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_ACCEPTED WAITING_ACCEPTANCE->WAITING_DEBIT_PAYMENT by SYSTEM',
    ]);
    expect(order.timeline.edges.map(({ node }) => node.actor.displayName)).toEqual(['Anna Kowalska', 'System']);
  });

  it('sends a cash-on-delivery order straight to SHIPPING with its shipping deadline', async () => {
    const order = await placeOrder(t, market, { shopId: autoShopId, paymentWorkflow: 'PAY_ON_DELIVERY' });
    expect(order.state).toBe('SHIPPING');
    expect(order.acceptedAt).toBe(order.createdAt);
    expect(order.shippingDeadline).toBe(addBusinessDays(new Date(order.createdAt), 2).toISOString());
    expect(timelineOf(order)).toEqual([
      'ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER',
      'ORDER_ACCEPTED WAITING_ACCEPTANCE->SHIPPING by SYSTEM',
    ]);
  });
});

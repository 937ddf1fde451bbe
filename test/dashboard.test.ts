import { clock } from '../src/common/clock';
import { AcceptOrderDocument, MarkNoReplyNeededDocument, PlaceOrderDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, orderInput, placeOrder } from './support/market';
import { dashboardOf, markRead, sendOk } from './support/messages';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const DAY = 24 * 3_600_000;
const MONDAY = new Date('2026-11-23T09:00:00.000Z'); // Monday 10:00 in Warsaw
const COD = { paymentWorkflow: 'PAY_ON_DELIVERY' as const };
const ZERO = {
  ordersAwaitingAcceptance: 0,
  ordersToShip: 0,
  ordersPastShippingDeadline: 0,
  openIncidents: 0,
  returnsAwaitingDecision: 0,
  unreadThreads: 0,
  threadsAwaitingReply: 0,
  ratingsWithoutReply: 0,
};

async function accept(app: TestApp, orderId: string, secret: string) {
  return asOrder((await app.gql(AcceptOrderDocument, { input: { orderId } }, secret)).acceptOrder);
}

/**
 * A fresh shop on Monday 10:00 (Warsaw). Its customer's orders:
 * - `asked`: WAITING_ACCEPTANCE; the customer wrote, the shop has not read it (unread, awaiting reply);
 * - `waiting`: WAITING_ACCEPTANCE, no thread;
 * - `dueWednesday`: accepted cash on delivery (SHIPPING, 2 business days: Wednesday 10:00); the customer wrote,
 *   the shop read it (awaiting reply, read);
 * - `dueNextMonday`: accepted cash on delivery (SHIPPING, 5 business days); the shop wrote (unread by the customer);
 * - `unpaid`: accepted prepaid (WAITING_DEBIT_PAYMENT: counted nowhere).
 * The other shop and the other customer have nothing.
 */
async function knownSetUp(app: TestApp = t) {
  const m = await createMarket(app);
  clock.set(MONDAY);
  const asked = await placeOrder(app, m, COD);
  const waiting = await placeOrder(app, m, COD);
  const dueWednesday = await placeOrder(app, m, COD);
  const dueNextMonday = await placeOrder(app, m, { ...COD, leadTimeToShipDays: 5 });
  const unpaid = await placeOrder(app, m);
  for (const order of [dueWednesday, dueNextMonday, unpaid]) await accept(app, order.id, m.keys.seller);
  const askedThread = (await sendOk(app, m.keys.customer, { orderId: asked.id, body: 'Czy mogę zmienić adres?' })).thread.id;
  const shippingThread = (await sendOk(app, m.keys.customer, { orderId: dueWednesday.id, body: 'Kiedy wysyłka?' })).thread.id;
  await markRead(app, shippingThread, m.keys.seller);
  await sendOk(app, m.keys.seller, { orderId: dueNextMonday.id, body: 'Wyślemy w przyszłym tygodniu.' });
  return { m, asked, waiting, dueWednesday, askedThread, shippingThread };
}

const SELLER_AFTER_SET_UP = {
  ...ZERO,
  ordersAwaitingAcceptance: 2,
  ordersToShip: 2,
  unreadThreads: 1,
  threadsAwaitingReply: 2,
};

describe("a seller's dashboard", () => {
  it('counts every item exactly after a known set-up (incidents, returns and ratings are 0)', async () => {
    const { m } = await knownSetUp();
    expect(await dashboardOf(t, m.keys.seller)).toEqual(SELLER_AFTER_SET_UP);
  });

  it('counts an order past its shipping deadline once the clock passes the deadline, not before', async () => {
    const { m } = await knownSetUp();
    clock.advance(2 * DAY - 60_000); // Wednesday 09:59: one minute before the deadline
    expect((await dashboardOf(t, m.keys.seller)).ordersPastShippingDeadline).toBe(0);
    clock.advance(120_000); // Wednesday 10:01
    expect(await dashboardOf(t, m.keys.seller)).toEqual({ ...SELLER_AFTER_SET_UP, ordersPastShippingDeadline: 1 });
    clock.advance(5 * DAY); // the next Monday 10:01: the 5-business-day order is late too
    expect((await dashboardOf(t, m.keys.seller)).ordersPastShippingDeadline).toBe(2);
  });

  it('moves an order from awaiting acceptance to ship when the seller accepts it', async () => {
    const { m, asked } = await knownSetUp();
    await accept(t, asked.id, m.keys.seller);
    expect(await dashboardOf(t, m.keys.seller)).toEqual({ ...SELLER_AFTER_SET_UP, ordersAwaitingAcceptance: 1, ordersToShip: 3 });
  });

  it('drops a thread from unreadThreads when the seller marks it read, and keeps it awaiting reply', async () => {
    const { m, askedThread } = await knownSetUp();
    await markRead(t, askedThread, m.keys.seller);
    expect(await dashboardOf(t, m.keys.seller)).toEqual({ ...SELLER_AFTER_SET_UP, unreadThreads: 0 });
  });

  it("drops a thread from unreadThreads and threadsAwaitingReply when the shop replies in it", async () => {
    const { m, askedThread } = await knownSetUp();
    await sendOk(t, m.keys.seller, { threadId: askedThread, body: 'Tak, proszę podać nowy adres.' });
    expect(await dashboardOf(t, m.keys.seller)).toEqual({ ...SELLER_AFTER_SET_UP, unreadThreads: 0, threadsAwaitingReply: 1 });
  });

  it('drops a thread from threadsAwaitingReply when the seller marks that no reply is needed', async () => {
    const { m, shippingThread } = await knownSetUp();
    await t.gql(MarkNoReplyNeededDocument, { threadId: shippingThread }, m.keys.seller);
    expect(await dashboardOf(t, m.keys.seller)).toEqual({ ...SELLER_AFTER_SET_UP, threadsAwaitingReply: 1 });
  });

  it('counts a new customer message in a read thread as unread and awaiting reply again', async () => {
    const { m, dueWednesday, shippingThread } = await knownSetUp();
    await sendOk(t, m.keys.seller, { threadId: shippingThread, body: 'Jutro.' });
    await sendOk(t, m.keys.customer, { orderId: dueWednesday.id, body: 'A o której?' });
    expect(await dashboardOf(t, m.keys.seller)).toEqual({ ...SELLER_AFTER_SET_UP, unreadThreads: 2 });
  });

  it("shows zeros to another shop's seller", async () => {
    const { m } = await knownSetUp();
    expect(await dashboardOf(t, m.keys.otherSeller)).toEqual(ZERO);
  });
});

describe("a customer's dashboard", () => {
  it('counts their own orders and threads (awaiting reply: where the shop owes them an answer)', async () => {
    const { m } = await knownSetUp();
    expect(await dashboardOf(t, m.keys.customer)).toEqual({
      ...ZERO,
      ordersAwaitingAcceptance: 2,
      ordersToShip: 2,
      unreadThreads: 1,
      threadsAwaitingReply: 2,
    });
  });

  it('drops the thread from unreadThreads when the customer marks it read', async () => {
    const { m, asked } = await knownSetUp();
    const { thread } = await sendOk(t, m.keys.seller, { orderId: asked.id, body: 'Tak.' });
    expect((await dashboardOf(t, m.keys.customer)).unreadThreads).toBe(2);
    await markRead(t, thread.id, m.keys.customer);
    expect((await dashboardOf(t, m.keys.customer)).unreadThreads).toBe(1);
  });

  it('shows zeros to a customer with no orders', async () => {
    const { m } = await knownSetUp();
    expect(await dashboardOf(t, m.keys.otherCustomer)).toEqual(ZERO);
  });
});

describe("an operator's dashboard", () => {
  it('counts the totals over all shops, unread meaning not read by the operators', async () => {
    const fresh = await startTestApp(); // a database of its own: the operator sees every shop in it
    try {
      const { m, askedThread } = await knownSetUp(fresh);
      const { placeOrder: placed } = await fresh.gql(PlaceOrderDocument, { input: orderInput(m.otherShop.id, COD) }, m.keys.otherCustomer);
      const other = asOrder(placed);
      await accept(fresh, other.id, m.keys.otherSeller);
      await sendOk(fresh, m.keys.otherCustomer, { orderId: other.id, body: 'Proszę o fakturę.' });
      const expected = { ...ZERO, ordersAwaitingAcceptance: 2, ordersToShip: 3, unreadThreads: 4, threadsAwaitingReply: 3 };
      expect(await dashboardOf(fresh, m.keys.operator)).toEqual(expected);

      await markRead(fresh, askedThread, m.keys.operator);
      expect(await dashboardOf(fresh, m.keys.operator)).toEqual({ ...expected, unreadThreads: 3 });
      expect(await dashboardOf(fresh, m.keys.seller)).toEqual(SELLER_AFTER_SET_UP);
      expect(await dashboardOf(fresh, m.keys.otherSeller)).toEqual({ ...ZERO, ordersToShip: 1, unreadThreads: 1, threadsAwaitingReply: 1 });
    } finally {
      await fresh.close();
    }
  });
});

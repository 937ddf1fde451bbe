import {
  AcceptOrderDocument,
  EventsDocument,
  LiveDashboardChangedDocument,
  LiveDashboardWithInitialDocument,
  LiveEventsDocument,
  LiveMarkThreadReadDocument,
  LiveMessageAddedDocument,
  LiveOrderAfterSalesDocument,
  LiveOrderChangedDocument,
  LiveSendMessageDocument,
  RefuseOrderDocument,
} from './generated/graphql';
import { asReturn, ratingCalls, receivedOrder, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { connected, liveClient, subscribe, subscriptionsActive } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';

let t: TestApp;
let market: Market;
const clients: { dispose(): void | Promise<void> }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(() => t.close());

async function client(secret: string) {
  const c = liveClient(t, secret);
  clients.push(c);
  await connected(c);
  return c;
}

async function sendMessage(orderId: string, body: string, secret: string) {
  const { sendMessage: result } = await t.gql(LiveSendMessageDocument, { input: { orderId, body } }, secret);
  if (result.__typename !== 'Message') throw new Error(JSON.stringify(result));
  return result;
}

describe('subscriptions deliver what the viewer may see', () => {
  it('pushes the seller each new event of its shop with exact ids, and another seller only its own', async () => {
    const active = t.app.bus.subscriberCount;
    const seller = subscribe(await client(market.keys.seller), LiveEventsDocument, {});
    const otherSeller = subscribe(await client(market.keys.otherSeller), LiveEventsDocument, {});
    await subscriptionsActive(t, active + 2);

    const order = await placeOrder(t, market);
    await t.gql(AcceptOrderDocument, { input: { orderId: order.id } }, market.keys.seller);
    // The other shop's own order: delivered to its seller after anything earlier would have been.
    const sentinel = await placeOrder(t, market, { shopId: market.otherShop.id });

    const received = await seller.until(2);
    expect(received.map(({ events }) => [events.type, events.order?.id, events.fromState, events.toState])).toEqual([
      ['ORDER_PLACED', order.id, null, 'WAITING_ACCEPTANCE'],
      ['ORDER_ACCEPTED', order.id, 'WAITING_ACCEPTANCE', 'WAITING_DEBIT_PAYMENT'],
    ]);
    await otherSeller.until(1);
    expect(otherSeller.items.map(({ events }) => [events.type, events.order?.id])).toEqual([['ORDER_PLACED', sentinel.id]]);
  });

  it('pushes orderChanged for the watched order only, with its new state and version', async () => {
    const watched = await placeOrder(t, market);
    const other = await placeOrder(t, market);
    const active = t.app.bus.subscriberCount;
    const changes = subscribe(await client(market.keys.customer), LiveOrderChangedDocument, { orderId: watched.id });
    await subscriptionsActive(t, active + 1);

    await t.gql(RefuseOrderDocument, { input: { orderId: other.id } }, market.keys.seller);
    await t.gql(RefuseOrderDocument, { input: { orderId: watched.id, reason: 'Brak towaru' } }, market.keys.seller);
    expect(await changes.until(1)).toEqual([{ orderChanged: { id: watched.id, state: 'REFUSED', version: 2 } }]);
  });

  it("pushes orderChanged when a return or a rating changes the order: its returns, its rating, closeAt held open, its actions", async () => {
    const order = await receivedOrder(t, market);
    expect(order.closeAt).not.toBeNull();
    const active = t.app.bus.subscriberCount;
    const changes = subscribe(await client(market.keys.customer), LiveOrderAfterSalesDocument, { orderId: order.id });
    await subscriptionsActive(t, active + 1);

    // A push carries the order as it is when the push is made, not as it was at its event: each
    // change waits for the previous push, so each push shows the state its change left.
    const requested = asReturn(await returnCalls(t).request(market.keys.customer, { orderId: order.id, lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'OTHER' }));
    await changes.until(1);
    await ratingCalls(t).rate(market.keys.customer, { orderId: order.id, grade: 4 });
    await changes.until(2);
    await returnCalls(t).cancel(market.keys.customer, { returnId: requested.id });
    const [onRequest, onRating, onCancel] = (await changes.until(3)).map(({ orderChanged }) => orderChanged);
    expect(onRequest).toMatchObject({ id: order.id, closeAt: null, returns: [{ status: 'REQUESTED' }], rating: null });
    expect(onRating).toMatchObject({ closeAt: null, returns: [{ status: 'REQUESTED' }], rating: { grade: 4 } });
    expect(onRequest.availableActions).toContain('RATE');
    expect(onRating.availableActions).not.toContain('RATE');
    expect(onCancel).toMatchObject({ closeAt: order.closeAt, returns: [{ status: 'CANCELED' }], rating: { grade: 4 } });
  });

  it("pushes a customer's message to the shop's seller and not to another customer", async () => {
    const order = await placeOrder(t, market);
    const active = t.app.bus.subscriberCount;
    const seller = subscribe(await client(market.keys.seller), LiveMessageAddedDocument, { orderId: order.id });
    const otherCustomer = subscribe(await client(market.keys.otherCustomer), LiveMessageAddedDocument, {});
    await subscriptionsActive(t, active + 2);

    const message = await sendMessage(order.id, 'Czy mogę zmienić adres dostawy?', market.keys.customer);
    const theirOrder = await placeOrder(t, market, {}, market.keys.otherCustomer);
    const sentinel = await sendMessage(theirOrder.id, 'Dziękuję', market.keys.otherCustomer);

    expect(await seller.until(1)).toEqual([
      {
        messageAdded: {
          id: message.id,
          body: 'Czy mogę zmienić adres dostawy?',
          author: { type: 'CUSTOMER', displayName: 'Anna Kowalska' },
          thread: { id: message.thread.id },
        },
      },
    ]);
    await otherCustomer.until(1);
    expect(otherCustomer.items.map(({ messageAdded }) => messageAdded.id)).toEqual([sentinel.id]);
  });

  it("pushes the seller's dashboard when an order arrives, a message waits and the thread is read", async () => {
    const fresh = await createMarket(t);
    const active = t.app.bus.subscriberCount;
    const dashboards = subscribe(await client(fresh.keys.seller), LiveDashboardChangedDocument, {});
    await subscriptionsActive(t, active + 1);

    const order = await placeOrder(t, fresh);
    await dashboards.until(1);
    const message = await sendMessage(order.id, 'Kiedy wysyłka?', fresh.keys.customer);
    await dashboards.until(2);
    await t.gql(LiveMarkThreadReadDocument, { threadId: message.thread.id }, fresh.keys.seller);
    await dashboards.until(3);
    expect(dashboards.items.map(({ dashboardChanged }) => dashboardChanged)).toEqual([
      { ordersAwaitingAcceptance: 1, ordersToShip: 0, unreadThreads: 0, threadsAwaitingReply: 0 },
      { ordersAwaitingAcceptance: 1, ordersToShip: 0, unreadThreads: 1, threadsAwaitingReply: 1 },
      { ordersAwaitingAcceptance: 1, ordersToShip: 0, unreadThreads: 0, threadsAwaitingReply: 1 },
    ]);
  });
});

describe('dashboardChanged(initial: true)', () => {
  it('pushes the current counts first, then each change', async () => {
    const fresh = await createMarket(t);
    await placeOrder(t, fresh);
    const dashboards = subscribe(await client(fresh.keys.seller), LiveDashboardWithInitialDocument, {});
    await dashboards.until(1);
    await placeOrder(t, fresh);
    await dashboards.until(2);
    expect(dashboards.items.map(({ dashboardChanged }) => dashboardChanged)).toEqual([
      { ordersAwaitingAcceptance: 1, ordersToShip: 0, unreadThreads: 0, threadsAwaitingReply: 0 },
      { ordersAwaitingAcceptance: 2, ordersToShip: 0, unreadThreads: 0, threadsAwaitingReply: 0 },
    ]);
  });
});

describe('leaving', () => {
  it('forgets the subscriptions of a client that leaves, even on feeds with nothing to push', async () => {
    const own = await startTestApp({ databaseUrl: t.databaseUrl });
    try {
      const leaving = liveClient(own, market.keys.seller);
      await connected(leaving);
      subscribe(leaving, LiveEventsDocument, {});
      subscribe(leaving, LiveDashboardChangedDocument, {});
      await subscriptionsActive(own, 2);
      await leaving.dispose();
      for (let attempt = 0; attempt < 200 && own.app.bus.subscriberCount > 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(own.app.bus.subscriberCount).toBe(0);
    } finally {
      await own.close();
    }
  });
});

describe('resuming with a cursor', () => {
  it('replays exactly the 50 changes made while disconnected, in order, then goes on live', async () => {
    const fresh = await createMarket(t);
    const active = t.app.bus.subscriberCount;
    const first = subscribe(await client(fresh.keys.seller), LiveEventsDocument, {});
    await subscriptionsActive(t, active + 1);
    await placeOrder(t, fresh);
    const [{ events: lastSeen }] = await first.until(1);
    first.stop();

    const made: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      const order = await placeOrder(t, fresh);
      await t.gql(RefuseOrderDocument, { input: { orderId: order.id } }, fresh.keys.seller);
      made.push(`ORDER_PLACED ${order.id}`, `ORDER_REFUSED ${order.id}`);
    }
    const resumed = subscribe(await client(fresh.keys.seller), LiveEventsDocument, { after: lastSeen.cursor });
    const replayed = await resumed.until(50);
    expect(replayed.map(({ events }) => `${events.type} ${events.order?.id}`)).toEqual(made);

    const live = await placeOrder(t, fresh);
    const [next] = (await resumed.until(51)).slice(50);
    expect(`${next.events.type} ${next.events.order?.id}`).toBe(`ORDER_PLACED ${live.id}`);
    expect(resumed.items).toHaveLength(51);
  });

  it('has no gap and no duplicate at the seam while writers commit during the replay', async () => {
    const fresh = await createMarket(t);
    await placeOrder(t, fresh);
    const { events: page } = await t.gql(EventsDocument, { first: 100 }, fresh.keys.seller);
    const start = page.pageInfo.endCursor!;
    for (let i = 0; i < 30; i += 1) await placeOrder(t, fresh);

    const writers = Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 10; i += 1) await placeOrder(t, fresh);
      }),
    );
    const resumed = subscribe(await client(fresh.keys.seller), LiveEventsDocument, { after: start });
    await writers;
    const received = await resumed.until(70);

    const all: string[] = [];
    let after = start;
    for (;;) {
      const { events } = await t.gql(EventsDocument, { after, first: 100 }, fresh.keys.seller);
      all.push(...events.edges.map(({ node }) => node.id));
      if (!events.pageInfo.hasNextPage) break;
      after = events.pageInfo.endCursor ?? after;
    }
    expect(all).toHaveLength(70);
    expect(received.map(({ events }) => events.id)).toEqual(all);
  });
});

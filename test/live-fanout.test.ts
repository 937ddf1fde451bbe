import { print } from 'graphql';
import { Client } from 'graphql-ws';
import {
  EventsDocument,
  IssueApiKeyDocument,
  LiveDashboardWithInitialDocument,
  LiveEventsDocument,
  LiveMessageAddedDocument,
  LiveOrderFieldsDocument,
  LiveSendMessageDocument,
  OrderDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { Collector, connected, liveClient, serverMetric, subscribe, subscriptionsActive } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';

/**
 * The live fan-out shares its work by visibility group (a shop's sellers, one customer, the
 * operators): one execution and one dashboard count per group per event, the same payload for
 * every subscriber of the group. These tests hold it to exact deliveries and exact counts.
 */
let t: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(() => t.close());

async function sockets(count: number, secret: string): Promise<Client[]> {
  const opened = await Promise.all(
    Array.from({ length: count }, async () => {
      const client = liveClient(t, secret);
      clients.push(client);
      await connected(client);
      return client;
    }),
  );
  return opened;
}

async function sellerKey(shopId: string): Promise<string> {
  return (await t.gql(IssueApiKeyDocument, { input: { name: 'another seller tab', role: 'SELLER', shopId } })).issueApiKey.secret;
}

async function sendMessage(orderId: string, body: string, secret: string) {
  const { sendMessage: result } = await t.gql(LiveSendMessageDocument, { input: { orderId, body } }, secret);
  if (result.__typename !== 'Message') throw new Error(JSON.stringify(result));
  return result;
}

/** A shop's sellers on two keys, twelve sockets each: one visibility group. */
async function shopSockets(market: Market, shop: 'shop' | 'otherShop'): Promise<Client[]> {
  const firstKey = shop === 'shop' ? market.keys.seller : market.keys.otherSeller;
  return [...(await sockets(12, firstKey)), ...(await sockets(12, await sellerKey(market[shop].id)))];
}

const messageIds = (collector: Collector<{ messageAdded: { id: string } }>) => collector.items.map(({ messageAdded }) => messageAdded.id);

describe('one event fanned out to many subscribers', () => {
  it('reaches each of 55 sockets of two shops, their customers and the operators exactly once, and nothing of another shop', async () => {
    const market = await createMarket(t);
    const orderA = await placeOrder(t, market);
    const orderB = await placeOrder(t, market, { shopId: market.otherShop.id }, market.keys.otherCustomer);
    const active = t.app.bus.subscriberCount;
    const follow = (group: Client[]) => group.map((client) => subscribe(client, LiveMessageAddedDocument, {}));
    const shopA = follow(await shopSockets(market, 'shop'));
    const shopB = follow(await shopSockets(market, 'otherShop'));
    const customer = follow(await sockets(3, market.keys.customer));
    const otherCustomer = follow(await sockets(2, market.keys.otherCustomer));
    const operators = follow(await sockets(2, market.keys.operator));
    await subscriptionsActive(t, active + 55);

    // Alternating shops: a message leaking to the other shop's sockets would come before its own second one.
    const a1 = await sendMessage(orderA.id, 'Czy mogę zmienić adres?', market.keys.customer);
    const b1 = await sendMessage(orderB.id, 'Kiedy wysyłka?', market.keys.otherCustomer);
    const a2 = await sendMessage(orderA.id, 'Dziękuję!', market.keys.customer);
    const b2 = await sendMessage(orderB.id, 'Proszę o fakturę.', market.keys.otherCustomer);
    await Promise.all([...shopA, ...shopB, ...customer, ...otherCustomer].map((collector) => collector.until(2)));
    await Promise.all(operators.map((collector) => collector.until(4)));

    for (const collector of [...shopA, ...customer]) expect(messageIds(collector)).toEqual([a1.id, a2.id]);
    for (const collector of [...shopB, ...otherCustomer]) expect(messageIds(collector)).toEqual([b1.id, b2.id]);
    for (const collector of operators) expect(messageIds(collector)).toEqual([a1.id, b1.id, a2.id, b2.id]);
    expect(shopA[0].items[0]).toEqual({
      messageAdded: { id: a1.id, body: 'Czy mogę zmienić adres?', author: { type: 'CUSTOMER', displayName: 'Anna Kowalska' }, thread: { id: a1.thread.id } },
    });
    for (const collector of [...shopA, ...shopB, ...customer, ...otherCustomer, ...operators]) expect(collector.errors).toEqual([]);
  });

  it('gives each visibility group the order as that viewer reads it (role-dependent fields included)', async () => {
    const market = await createMarket(t);
    const active = t.app.bus.subscriberCount;
    const follow = (group: Client[]) => group.map((client) => subscribe(client, LiveOrderFieldsDocument, {}));
    const sellers = follow(await shopSockets(market, 'shop'));
    const customers = follow(await sockets(3, market.keys.customer));
    const operators = follow(await sockets(2, market.keys.operator));
    await subscriptionsActive(t, active + 29);

    const order = await placeOrder(t, market);
    await Promise.all([...sellers, ...customers, ...operators].map((collector) => collector.until(1)));

    const asSeenBy = async (secret: string) => (await t.gql(OrderDocument, { id: order.id }, secret)).order;
    const seller = await asSeenBy(market.keys.seller);
    const customer = await asSeenBy(market.keys.customer);
    // The groups do see different orders: the seller is offered ACCEPT, the customer is not.
    expect(seller!.availableActions).not.toEqual(customer!.availableActions);
    for (const collector of sellers) expect(collector.items).toEqual([{ orderChanged: seller }]);
    for (const collector of customers) expect(collector.items).toEqual([{ orderChanged: customer }]);
    for (const collector of operators) expect(collector.items).toEqual([{ orderChanged: await asSeenBy(market.keys.operator) }]);
  });
});

describe('shared work', () => {
  it('executes a subscription once per visibility group per event, whatever the number of its subscribers', async () => {
    const market = await createMarket(t);
    const order = await placeOrder(t, market);
    const active = t.app.bus.subscriberCount;
    const shopA = (await shopSockets(market, 'shop')).map((client) => subscribe(client, LiveMessageAddedDocument, {}));
    // The same document with other variables is another execution, shared among its own subscribers.
    const ofTheOrder = (await sockets(3, market.keys.seller)).map((client) => subscribe(client, LiveMessageAddedDocument, { orderId: order.id }));
    const customer = (await sockets(4, market.keys.customer)).map((client) => subscribe(client, LiveMessageAddedDocument, {}));
    const otherShop = (await sockets(3, market.keys.otherSeller)).map((client) => subscribe(client, LiveMessageAddedDocument, {}));
    await subscriptionsActive(t, active + 34);
    const executionsBefore = await serverMetric(t, 'live_executions_total');

    const message = await sendMessage(order.id, 'Czy paczka już wyszła?', market.keys.customer);
    await Promise.all([...shopA, ...ofTheOrder, ...customer].map((collector) => collector.until(1)));

    // 24 + 3 seller sockets and 4 customer sockets: three groups of (viewer group, variables).
    expect((await serverMetric(t, 'live_executions_total')) - executionsBefore).toBe(3);
    for (const collector of [...shopA, ...ofTheOrder, ...customer]) expect(messageIds(collector)).toEqual([message.id]);
    for (const collector of otherShop) expect(collector.items).toEqual([]);
  });

  it("counts a dashboard once per visibility group per change, and pushes every subscriber the change", async () => {
    const market = await createMarket(t);
    const initial = (group: Client[]) => group.map((client) => subscribe(client, LiveDashboardWithInitialDocument, {}));
    const shopA = initial(await shopSockets(market, 'shop'));
    const customer = initial(await sockets(3, market.keys.customer));
    const shopB = initial(await sockets(3, market.keys.otherSeller));
    await Promise.all([...shopA, ...customer, ...shopB].map((collector) => collector.until(1)));
    const recountsBefore = await serverMetric(t, 'dashboard_recounts_total');

    await placeOrder(t, market);
    await Promise.all([...shopA, ...customer].map((collector) => collector.until(2)));
    // One event (ORDER_PLACED) seen by two groups: the shop's 24 sockets and the customer's 3.
    expect((await serverMetric(t, 'dashboard_recounts_total')) - recountsBefore).toBe(2);

    await placeOrder(t, market, { shopId: market.otherShop.id }, market.keys.otherCustomer);
    await Promise.all(shopB.map((collector) => collector.until(2)));
    expect((await serverMetric(t, 'dashboard_recounts_total')) - recountsBefore).toBe(3);

    const zeros = { ordersAwaitingAcceptance: 0, ordersToShip: 0, unreadThreads: 0, threadsAwaitingReply: 0 };
    const oneOrder = { ...zeros, ordersAwaitingAcceptance: 1 };
    for (const collector of [...shopA, ...customer, ...shopB]) {
      expect(collector.items.map(({ dashboardChanged }) => dashboardChanged)).toEqual([zeros, oneOrder]);
    }
  });
});

describe('order across subscriptions', () => {
  it("gives a shop's sellers each new message before the dashboard count that includes it, on every socket, past the bus's hand-out slice", async () => {
    const market = await createMarket(t);
    const orders = [await placeOrder(t, market), await placeOrder(t, market), await placeOrder(t, market)];
    const tabs = await shopSockets(market, 'shop');
    // 24 tabs × 11 = 264 messageAdded streams: more than the bus hands out before yielding (250).
    const copies = 11;
    const active = t.app.bus.subscriberCount;
    // Every frame a tab receives, in arrival order: `message:<body>` or `unread:<count>`.
    const arrivals = tabs.map(() => [] as string[]);
    const waiters: (() => void)[] = [];
    const ignore = { error: () => undefined, complete: () => undefined };
    tabs.forEach((tab, n) => {
      const record = (frame: string) => {
        arrivals[n].push(frame);
        waiters.splice(0).forEach((wake) => wake());
      };
      tab.subscribe<{ dashboardChanged: { unreadThreads: number } }>(
        { query: print(LiveDashboardWithInitialDocument) },
        { next: ({ data }) => record(`unread:${data!.dashboardChanged.unreadThreads}`), ...ignore },
      );
      for (let copy = 0; copy < copies; copy += 1) {
        tab.subscribe<{ messageAdded: { body: string } }>({ query: print(LiveMessageAddedDocument) }, { next: ({ data }) => record(`message:${data!.messageAdded.body}`), ...ignore });
      }
    });
    const allHave = async (count: number) => {
      const deadline = Date.now() + 20_000;
      while (arrivals.some((frames) => frames.length < count)) {
        if (Date.now() > deadline) throw new Error(`frames so far: ${JSON.stringify(arrivals)}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    await allHave(1); // the initial counts
    await subscriptionsActive(t, active + tabs.length * copies + 1); // a stream per messageAdded, one for the shop's dashboards
    // Each message opens its order's thread: the shop's unread threads go 1, 2, 3.
    const expected = ['unread:0'];
    for (const [n, order] of orders.entries()) {
      await sendMessage(order.id, `Pytanie ${n + 1}`, market.keys.customer);
      expected.push(...Array.from({ length: copies }, () => `message:Pytanie ${n + 1}`), `unread:${n + 1}`);
      await allHave(expected.length);
    }
    expect(arrivals).toEqual(tabs.map(() => expected));
  });
});

describe('resuming together', () => {
  it('gives each of three subscribers resuming from one cursor, while writers commit, every event once and in order', async () => {
    const market = await createMarket(t);
    await placeOrder(t, market);
    const { events: page } = await t.gql(EventsDocument, { first: 100 }, market.keys.seller);
    const start = page.pageInfo.endCursor!;
    for (let i = 0; i < 20; i += 1) await placeOrder(t, market);

    // The three share one line (same group, document and variables): their replays are their own,
    // the live events after them are shared, whichever reaches the seam first.
    const writers = Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 10; i += 1) await placeOrder(t, market);
      }),
    );
    const resumed = (await sockets(3, market.keys.seller)).map((client) => subscribe(client, LiveEventsDocument, { after: start }));
    await writers;
    const received = await Promise.all(resumed.map((collector) => collector.until(60)));

    const all: string[] = [];
    let after = start;
    for (;;) {
      const { events } = await t.gql(EventsDocument, { after, first: 100 }, market.keys.seller);
      all.push(...events.edges.map(({ node }) => node.id));
      if (!events.pageInfo.hasNextPage) break;
      after = events.pageInfo.endCursor ?? after;
    }
    expect(all).toHaveLength(60);
    for (const events of received) expect(events.map(({ events: event }) => event.id)).toEqual(all);
    // A duplicate after the 60th would come before this one.
    const sentinel = await placeOrder(t, market);
    for (const collector of resumed) {
      const items = await collector.until(61);
      expect(items.slice(60).map(({ events: event }) => `${event.type} ${event.order?.id}`)).toEqual([`ORDER_PLACED ${sentinel.id}`]);
      expect(collector.errors).toEqual([]);
    }
  });
});

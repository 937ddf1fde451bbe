import { Client } from 'pg';
import { LiveEventsDocument } from './generated/graphql';
import { EVENT_BUS_APPLICATION_NAME } from '../src/live/event-bus';
import { createTestDatabase, startTestApp, TestApp } from './support/app';
import { connected, liveClient, subscribe, subscriptionsActive } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';

/**
 * The bus's LISTEN connection can die loudly (the backend is terminated) or hang silently (a
 * stalled network path: no data, no error). Either way live delivery must resume by itself, with
 * nothing lost, and /readyz must say the instance is degraded while the bus is stale.
 */

let t: TestApp;
let market: Market;
let proxy: TcpProxy;
let databaseUrl: string;
const clients: { dispose(): void | Promise<void> }[] = [];

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  const direct = new URL(databaseUrl);
  proxy = await startTcpProxy(Number(direct.port));
  const viaProxy = new URL(databaseUrl);
  viaProxy.port = String(proxy.port);
  // Every connection of the instance (pool and bus) goes through the proxy, so a test can hang one.
  t = await startTestApp({ databaseUrl: viaProxy.toString() });
  market = await createMarket(t);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  // The server forgets a closed socket's subscriptions asynchronously; each test starts from none.
  for (let attempt = 0; attempt < 400 && t.app.bus.subscriberCount > 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
});
afterAll(async () => {
  await t.close();
  await proxy.close();
});

async function client(secret: string) {
  const c = liveClient(t, secret);
  clients.push(c);
  await connected(c);
  return c;
}

async function readiness(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(t.url.replace('/graphql', '/readyz'));
  return { status: response.status, body: await response.json() };
}

/** Polls /readyz until it answers `status` (bounded: only a broken watchdog reaches the limit). */
async function readinessBecomes(status: number): Promise<{ status: number; body: unknown }> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const answer = await readiness();
    if (answer.status === status) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/readyz never answered ${status}`);
}

describe('the event bus connection', () => {
  it('hung without a sound: /readyz says 503 degraded, the bus reconnects and delivers what committed meanwhile', async () => {
    const active = t.app.bus.subscriberCount;
    const feed = subscribe(await client(market.keys.seller), LiveEventsDocument, {});
    await subscriptionsActive(t, active + 1);
    const before = await placeOrder(t, market);
    await feed.until(1);
    expect((await readiness()).status).toBe(200);

    expect(proxy.freeze(EVENT_BUS_APPLICATION_NAME)).toBe(1);
    const during = await placeOrder(t, market); // the pool's connections still work

    const degraded = await readinessBecomes(503);
    expect(degraded.body).toEqual({ status: 'degraded', reason: 'event bus connection not answering' });
    const received = await feed.until(2);
    expect(received.map(({ events }) => `${events.type} ${events.order?.id}`)).toEqual([`ORDER_PLACED ${before.id}`, `ORDER_PLACED ${during.id}`]);
    expect((await readinessBecomes(200)).body).toEqual({ status: 'ready' });

    const after = await placeOrder(t, market);
    const all = await feed.until(3);
    expect(all.map(({ events }) => events.order?.id)).toEqual([before.id, during.id, after.id]);
    expect(feed.errors).toEqual([]);
  });

  it('terminated by the server: the bus reconnects, runs its reconnect listeners once and delivers what committed meanwhile', async () => {
    let reconnects = 0;
    t.app.bus.reconnectListeners.add(() => {
      reconnects += 1;
    });
    const active = t.app.bus.subscriberCount;
    const feed = subscribe(await client(market.keys.seller), LiveEventsDocument, {});
    await subscriptionsActive(t, active + 1);

    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        'select pg_terminate_backend(pid) as terminated from pg_stat_activity where application_name = $1 and datname = current_database()',
        [EVENT_BUS_APPLICATION_NAME],
      );
      expect(rows).toEqual([{ terminated: true }]);
    } finally {
      await admin.end();
    }
    const during = await placeOrder(t, market);
    const [received] = await feed.until(1);
    expect(`${received.events.type} ${received.events.order?.id}`).toBe(`ORDER_PLACED ${during.id}`);
    for (let attempt = 0; attempt < 200 && reconnects === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reconnects).toBe(1);

    const after = await placeOrder(t, market);
    expect((await feed.until(2)).map(({ events }) => events.order?.id)).toEqual([during.id, after.id]);
    expect(feed.items).toHaveLength(2);
  });
});

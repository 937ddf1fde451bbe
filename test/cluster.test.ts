import { ClientRequestArgs, IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { IssueApiKeyDocument, LiveOrderChangedDocument, RefuseOrderDocument, RevokeApiKeyDocument, ViewerDocument } from './generated/graphql';
import { createTestDatabase, OPERATOR_SECRET } from './support/app';
import { HttpLane, lanesToEveryWorker, serverProcessOf } from './support/cluster';
import { subscribe } from './support/live';
import { createMarket, Market, placeOrder, readOrder, timelineOf } from './support/market';
import { buildServer, freePort, ServerProcess, spawnServer } from './support/server-process';

/**
 * WORKERS=2: `npm start` as two server processes sharing one port (src/cluster.ts), each a whole
 * instance on one database. Which worker a connection lands on is read from /proc (support/cluster.ts).
 */
interface Cluster {
  server: ServerProcess;
  port: number;
  /** The workers' process ids, from the primary's 'ready' line. */
  workers: number[];
  lanes: Map<number, HttpLane>;
}

async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const port = await freePort();
  const server = spawnServer({
    WORKERS: '2',
    DATABASE_URL: await createTestDatabase(),
    PORT: String(port),
    BOOTSTRAP_OPERATOR_KEY: OPERATOR_SECRET,
    LOG_LEVEL: 'info',
    ...env,
  });
  const workers = ((await server.waitForLog('ready')).workerPids as number[] | undefined) ?? [];
  return { server, port, workers, lanes: await lanesToEveryWorker(port, workers) };
}

async function stopCluster(cluster: Cluster | undefined): Promise<void> {
  if (!cluster) return;
  for (const lane of cluster.lanes.values()) lane.close();
  cluster.server.child.kill('SIGTERM');
  await cluster.server.exited;
}

/** A seller frontend's socket, and the worker that holds it. */
async function liveClientOn(cluster: Cluster, secret: string): Promise<{ client: Client; worker: number }> {
  let upgraded: IncomingMessage | undefined;
  class TrackedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[], options?: ClientRequestArgs) {
      super(address, protocols, options);
      this.once('upgrade', (response) => (upgraded = response));
    }
  }
  const client = createClient({
    url: `ws://127.0.0.1:${cluster.port}/graphql`,
    webSocketImpl: TrackedWebSocket,
    connectionParams: { authorization: `Bearer ${secret}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
  });
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', () => reject(new Error('closed before connection_ack')));
  });
  const worker = serverProcessOf(upgraded!.socket.localPort!, cluster.port, cluster.workers);
  if (worker === undefined) throw new Error('cannot tell which worker holds the socket');
  return { client, worker };
}

/** Both workers' live subscriptions, summed from their own /metrics. */
async function liveSubscriptions(cluster: Cluster): Promise<number> {
  const counts = await Promise.all([...cluster.lanes.values()].map((lane) => lane.metric('live_subscriptions')));
  return counts.reduce((total, count) => total + count, 0);
}

beforeAll(() => buildServer(), 120_000);

describe('WORKERS=2: live delivery and key revocation across the workers', () => {
  let cluster: Cluster;
  let market: Market;
  const clients: Client[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    market = await createMarket(cluster.lanes.get(cluster.workers[0])!);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await stopCluster(cluster);
  });

  it('starts two worker processes on one port, each answering on its own connections', () => {
    expect(cluster.workers).toHaveLength(2);
    expect(new Set(cluster.workers).size).toBe(2);
    expect(new Set(cluster.lanes.keys())).toEqual(new Set(cluster.workers));
  });

  it('delivers an event from a mutation answered by one worker to subscribers held by either worker', async () => {
    const order = await placeOrder(cluster.lanes.get(cluster.workers[0])!, market);
    // Connections are handed to the workers in turn: four sockets land on both.
    const sockets = [];
    for (let i = 0; i < 4; i += 1) sockets.push(await liveClientOn(cluster, market.keys.seller));
    clients.push(...sockets.map(({ client }) => client));
    expect(new Set(sockets.map(({ worker }) => worker))).toEqual(new Set(cluster.workers));
    const before = await liveSubscriptions(cluster);
    const changes = sockets.map(({ client }) => subscribe(client, LiveOrderChangedDocument, { orderId: order.id }));
    for (let attempt = 0; attempt < 200 && (await liveSubscriptions(cluster)) < before + 4; attempt += 1) await sleep(25);

    const answering = cluster.workers[1];
    await cluster.lanes.get(answering)!.gql(RefuseOrderDocument, { input: { orderId: order.id } }, market.keys.seller);
    const expected = [{ orderChanged: { id: order.id, state: 'REFUSED', version: 2 } }];
    for (const received of changes) expect(await received.until(1)).toEqual(expected);
    expect(sockets.some(({ worker }) => worker !== answering)).toBe(true);
    await sleep(200); // a duplicate would have arrived by now
    expect(changes.map((received) => received.items)).toEqual([expected, expected, expected, expected]);
  });

  it('refuses a key revoked through one worker on the other, whose cache held it', async () => {
    const [revoking, other] = cluster.workers.map((worker) => cluster.lanes.get(worker)!);
    const { issueApiKey } = await revoking.gql(IssueApiKeyDocument, { input: { name: 'do odwołania', role: 'SELLER', shopId: market.shop.id } });
    // Both workers check the key once, and so cache it.
    expect((await revoking.gql(ViewerDocument, {}, issueApiKey.secret)).viewer.role).toBe('SELLER');
    expect((await other.gql(ViewerDocument, {}, issueApiKey.secret)).viewer.role).toBe('SELLER');

    await revoking.gql(RevokeApiKeyDocument, { id: issueApiKey.apiKey.id });
    expect((await revoking.request(ViewerDocument, {}, issueApiKey.secret)).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    // The other worker hears of it through PostgreSQL's NOTIFY, a moment after the revocation commits.
    let codes: (string | undefined)[] | undefined;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      codes = (await other.request(ViewerDocument, {}, issueApiKey.secret)).errors?.map((error) => error.extensions?.code);
      if (codes) break;
      await sleep(50);
    }
    expect(codes).toEqual(['UNAUTHENTICATED']);
  });

  it('logs a worker that dies and starts another in its place', async () => {
    const [victim, survivor] = cluster.workers;
    process.kill(victim, 'SIGKILL');
    const died = await cluster.server.waitForLog('a server worker died; starting another');
    expect(died).toMatchObject({ level: 50, pid: victim, code: null, signal: 'SIGKILL' });
    for (let attempt = 0; attempt < 200 && cluster.server.stdout.filter((line) => line.includes('"msg":"worker ready"')).length < 3; attempt += 1) await sleep(50);
    const replacement = cluster.server.stdout.map((line) => JSON.parse(line) as { msg: string; pid?: number }).filter((entry) => entry.msg === 'worker ready').map((entry) => entry.pid!).find((pid) => !cluster.workers.includes(pid));
    expect(replacement).toBeDefined();
    cluster.lanes.get(victim)!.close();
    cluster.lanes.delete(victim);
    const lanes = await lanesToEveryWorker(cluster.port, [survivor, replacement!]);
    expect(new Set(lanes.keys())).toEqual(new Set([survivor, replacement]));
    expect((await lanes.get(replacement!)!.gql(ViewerDocument, {}, market.keys.seller)).viewer.role).toBe('SELLER');
    for (const lane of lanes.values()) lane.close();
  });
});

describe('WORKERS=2: timed steps', () => {
  let cluster: Cluster | undefined;
  afterAll(() => stopCluster(cluster));

  it('fires each due step exactly once, though both workers sweep every second', async () => {
    cluster = await startCluster({ ACCEPTANCE_TIMEOUT: 'PT2S', TIMER_INTERVAL: 'PT1S' });
    const lanes = cluster.workers.map((worker) => cluster!.lanes.get(worker)!);
    const market = await createMarket(lanes[0]);
    const orders = [];
    for (let i = 0; i < 12; i += 1) orders.push(await placeOrder(lanes[i % 2], market));
    const fired = async () => (await Promise.all(lanes.map((lane) => lane.metric('deadline_sweeps_fired_total{kind="Order.ACCEPTANCE_TIMEOUT"}')))).reduce((a, b) => a + b, 0);
    for (let attempt = 0; attempt < 300 && (await fired()) < orders.length; attempt += 1) await sleep(100);
    await sleep(2_500); // two more sweeps on each worker: a second firing would show now
    expect(await fired()).toBe(orders.length);
    for (const order of orders) {
      expect(timelineOf(await readOrder(lanes[0], order.id))).toEqual(['ORDER_PLACED -->WAITING_ACCEPTANCE by CUSTOMER', 'ORDER_REFUSED WAITING_ACCEPTANCE->REFUSED by SYSTEM']);
    }
  }, 90_000);

  it('drains every worker on SIGTERM, then exits with 0', async () => {
    const running = cluster!;
    cluster = undefined;
    for (const lane of running.lanes.values()) lane.close();
    running.server.child.kill('SIGTERM');
    expect((await running.server.exited).code).toBe(0);
    const drained = running.server.stdout.map((line) => JSON.parse(line) as { msg: string; worker?: number }).filter((entry) => entry.msg === 'worker drained');
    expect(drained).toHaveLength(2);
    expect(running.server.stdout.map((line) => (JSON.parse(line) as { msg: string }).msg).slice(-2)).toEqual(['drained; stopping the embedded database', 'stopped cleanly']);
  });
});

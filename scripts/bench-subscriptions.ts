import 'reflect-metadata';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import {
  BenchMessageAddedDocument,
  CreateCustomerDocument,
  CreateShopDocument,
  IssueApiKeyDocument,
  LiveDashboardWithInitialDocument,
  LiveOrderChangedDocument,
  LiveSendMessageDocument,
  PlaceOrderDocument,
  ViewerDashboardDocument,
} from '../test/generated/graphql';
import { InspectorProfiler } from './bench/inspector-profile';
import { CpuProfile, summarizeProfile } from './bench/profile-summary';

/**
 * Subscription benchmark: N subscribers of one shop on one server instance (a separate process),
 * against the floor measured in the same run (a bare `ws` server pushing one pre-serialized frame
 * to as many clients: scripts/bench/ws-floor-server.ts). Scenarios (BENCH_SCENARIOS):
 * - messages: every socket follows the shop's messages (messageAdded); one message, then a burst.
 * - frontend: every socket is a seller frontend (orderChanged, messageAdded, dashboardChanged):
 *   one message, then a burst; dashboards count as arrived once every socket shows the final counts.
 * - reconnect: N such frontends connect at once (as after a deploy); every one must get its
 *   initial dashboard.
 * Server CPU is read from its /metrics (process_cpu_seconds_total) around each measured window.
 * With BENCH_PROFILE_DIR the server runs under its inspector and every measured window is also
 * CPU-profiled (a .cpuprofile per window, summarised on the console); the profiler slows the
 * server, so take the figures from a run without it. Talks only to 127.0.0.1; every wait is bounded.
 *   npm run bench:subscriptions            (N = 1000 and 10000)
 *   BENCH_SIZES=500 BENCH_MESSAGES=10 BENCH_SCENARIOS=messages npm run bench:subscriptions
 */
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20);
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? 'messages,frontend,reconnect').split(','));
const PORT = Number(process.env.BENCH_PORT ?? 4170);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54370);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const OPERATOR = 'sk_bench_operator_0123456789abcdef';
const CONNECT_BATCH = 250;
const DELIVERY_TIMEOUT_MS = 180_000;
const url = `http://127.0.0.1:${PORT}/graphql`;

interface Setup {
  shopId: string;
  seller: string;
  buyer: string;
  orderIds: string[];
}

interface Row {
  scenario: string;
  size: number;
  what: string;
  lastMs: number;
  cpuMicrosPerUnit: number;
  unit: string;
}
const rows: Row[] = [];

async function gql<T, V>(document: TypedDocumentNode<T, V>, variables: V, secret = OPERATOR): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function serverMetric(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

const serverCpuMicros = async () => (await serverMetric('process_cpu_seconds_total')) * 1e6;

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Profiles `work` when BENCH_PROFILE_DIR is set: one .cpuprofile per window, summarised here. */
async function profiled<T>(profiler: InspectorProfiler | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!profiler) return work();
  await profiler.start();
  try {
    return await work();
  } finally {
    const profile = (await profiler.stop()) as CpuProfile;
    const file = join(PROFILE_DIR!, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`  profile ${file}\n${summarizeProfile(profile, 15).replace(/^/gm, '    ')}`);
  }
}

/** A message from the customer; resolves with the time the mutation was sent. */
async function sendMessage(setup: Setup, orderId: string, body: string): Promise<number> {
  const sentAt = Date.now();
  await gql(LiveSendMessageDocument, { input: { orderId, body } }, setup.buyer);
  return sentAt;
}

/** New orders of the customer at the shop, placed one after the other. */
async function placeOrders(buyer: string, shopId: string, count: number): Promise<string[]> {
  const orderIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { placeOrder: order } = await gql(
      PlaceOrderDocument,
      {
        input: {
          shopId,
          paymentWorkflow: 'PAY_ON_DELIVERY',
          lines: [{ offerSku: `B-${i}`, productTitle: 'Kubek z logo', quantity: 1, unitPrice: '19.99' }],
          shippingPrice: '9.99',
          shippingAddress: { name: 'Jan Testowy', street: 'ul. Długa 1', postalCode: '80-001', city: 'Gdańsk', countryCode: 'PL' },
          leadTimeToShipDays: 1,
        },
      },
      buyer,
    );
    if (order.__typename !== 'Order') throw new Error('could not place an order');
    orderIds.push(order.id);
  }
  return orderIds;
}

function wsClient(secret: string): Client {
  return createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${secret}` }, retryAttempts: 0 });
}

/** What every benchmark client counts: deliveries, with the time of the latest. */
class Tally {
  count = 0;
  last = 0;
  latencies: number[] = [];
  hit(createdAt?: string): void {
    this.count += 1;
    this.last = Date.now();
    if (createdAt) this.latencies.push(this.last - Date.parse(createdAt));
  }
}

/**
 * One event, then a burst of MESSAGES (one per order `ordersFor` gives, before the measured
 * window), to clients that count into `messages`; server CPU per delivery of each. `settled`, when
 * given, waits for what else the messages change (dashboards) and answers when the last of it arrived.
 */
async function measureMessages(
  scenario: string,
  size: number,
  setup: Setup,
  messages: Tally,
  profiler: InspectorProfiler | undefined,
  ordersFor: (count: number) => Promise<string[]>,
  settled?: () => Promise<number>,
) {
  let round = 0;
  const deliver = async (count: number) => {
    round += 1;
    const orderIds = await ordersFor(count);
    const before = messages.count;
    const executionsBefore = await serverMetric('live_executions_total');
    const cpuBefore = await serverCpuMicros();
    const start = await profiled(profiler, `${scenario}-${size}-${count === 1 ? 'one' : 'burst'}`, async () => {
      const sentAt = await Promise.all(orderIds.map((orderId, i) => sendMessage(setup, orderId, `Wiadomość ${round}.${i + 1}`)));
      await waitFor(`${size * count} deliveries`, () => messages.count - before >= size * count, DELIVERY_TIMEOUT_MS);
      const settledAt = await settled?.();
      return { sentAt: Math.min(...sentAt), settledAt };
    });
    const cpu = (await serverCpuMicros()) - cpuBefore;
    // Absent (NaN) on a server without shared execution.
    const executions = (await serverMetric('live_executions_total')) - executionsBefore;
    if (!Number.isNaN(executions)) console.log(`    ${executions} subscription executions (every subscription of the sockets) for ${size * count} message deliveries`);
    const settledMs = start.settledAt === undefined ? undefined : Math.max(start.settledAt - start.sentAt, 0);
    return { ms: Math.max(messages.last - start.sentAt, 0), settledMs, cpuPerDelivery: cpu / (size * count) };
  };
  const reportSettled = (what: string, settledMs: number | undefined) => {
    if (settledMs === undefined) return;
    rows.push({ scenario, size, what: `${what}: dashboards final`, lastMs: settledMs, cpuMicrosPerUnit: NaN, unit: '' });
    console.log(`    every dashboard showed the final counts after ${settledMs} ms`);
  };
  await deliver(1); // warm-up: the first event after connecting also pays for compilation
  messages.latencies = [];
  const one = await deliver(1);
  rows.push({ scenario, size, what: 'one message', lastMs: one.ms, cpuMicrosPerUnit: one.cpuPerDelivery, unit: 'delivery' });
  console.log(`  one message: last delivery after ${one.ms} ms, server CPU ${one.cpuPerDelivery.toFixed(1)} µs per delivery`);
  reportSettled('one message', one.settledMs);
  messages.latencies = [];
  const burst = await deliver(MESSAGES);
  const sorted = [...messages.latencies].sort((a, b) => a - b);
  rows.push({ scenario, size, what: `burst of ${MESSAGES}`, lastMs: burst.ms, cpuMicrosPerUnit: burst.cpuPerDelivery, unit: 'delivery' });
  console.log(
    `  burst of ${MESSAGES}: ${size * MESSAGES} deliveries in ${burst.ms} ms = ${Math.round((size * MESSAGES) / (burst.ms / 1000))}/s; ` +
      `latency (commit to client) p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms; server CPU ${burst.cpuPerDelivery.toFixed(1)} µs per delivery`,
  );
  reportSettled(`burst of ${MESSAGES}`, burst.settledMs);
}

/** The floor: the same number of clients on a bare `ws` server, one pre-serialized frame to all. */
async function floor(size: number, floorServer: ChildProcess, floorPort: number): Promise<void> {
  const ask = <R>(command: object, answer: string) =>
    new Promise<R>((resolve) => {
      const listener = (message: { type: string }) => {
        if (message.type !== answer) return;
        floorServer.off('message', listener);
        resolve(message as R);
      };
      floorServer.on('message', listener);
      floorServer.send(command);
    });
  const tally = new Tally();
  const sockets: WebSocket[] = [];
  for (let start = 0; start < size; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, size - start) }, () => {
      const socket = new WebSocket(`ws://127.0.0.1:${floorPort}`);
      // As a graphql-ws client does with every frame: parse it and read the payload.
      socket.on('message', (data) => tally.hit((JSON.parse(String(data)) as { payload: { data: { messageAdded: { createdAt: string } } } }).payload.data.messageAdded.createdAt));
      return socket;
    });
    await Promise.all(batch.map((socket) => new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))));
    sockets.push(...batch);
  }
  const frame = JSON.stringify({
    id: '0b2a3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    type: 'next',
    payload: { data: { messageAdded: { id: 'TWVzc2FnZTowMTk3YTJmMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA=', createdAt: new Date().toISOString() } } },
  });
  const push = async () => {
    const before = tally.count;
    const cpuBefore = (await ask<{ micros: number }>({ type: 'cpu' }, 'cpu')).micros;
    const start = Date.now();
    await ask({ type: 'push', frame }, 'pushed');
    await waitFor(`${size} floor deliveries`, () => tally.count - before >= size, DELIVERY_TIMEOUT_MS);
    const cpu = (await ask<{ micros: number }>({ type: 'cpu' }, 'cpu')).micros - cpuBefore;
    return { ms: tally.last - start, cpuPerDelivery: cpu / size };
  };
  await push(); // warm-up
  const measured = await push();
  rows.push({ scenario: 'floor (bare ws)', size, what: 'one frame', lastMs: measured.ms, cpuMicrosPerUnit: measured.cpuPerDelivery, unit: 'delivery' });
  console.log(`  floor (bare ws, one pre-serialized frame): last delivery after ${measured.ms} ms, ${measured.cpuPerDelivery.toFixed(1)} µs CPU per delivery`);
  for (const socket of sockets) socket.terminate();
  await waitFor('floor clients to leave', async () => (await ask<{ clients: number }>({ type: 'count' }, 'count')).clients === 0);
}

/** Seller frontends following the shop's messages (messageAdded without a filter). */
async function messagesScenario(size: number, setup: Setup, profiler: InspectorProfiler | undefined): Promise<void> {
  const messages = new Tally();
  const clients: Client[] = [];
  for (let start = 0; start < size; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, size - start) }, () => {
      const client = wsClient(setup.seller);
      client.subscribe(
        { query: print(BenchMessageAddedDocument), variables: {} },
        { next: (result) => messages.hit((result.data as { messageAdded: { createdAt: string } }).messageAdded.createdAt), error: () => undefined, complete: () => undefined },
      );
      return client;
    });
    clients.push(...batch);
    await waitFor(`${clients.length} subscriptions`, async () => (await serverMetric('live_subscriptions')) >= clients.length);
  }
  await measureMessages('messages', size, setup, messages, profiler, async (count) => setup.orderIds.slice(0, count));
  await Promise.all(clients.map((client) => client.dispose()));
  await waitFor('subscribers to leave', async () => (await serverMetric('live_subscriptions')) === 0, DELIVERY_TIMEOUT_MS);
}

type DashboardCounts = Record<string, number>;

/** A seller frontend: orderChanged, messageAdded and dashboardChanged(initial: true) on one socket. */
function frontend(setup: Setup, messages: Tally) {
  const state = { dashboard: undefined as string | undefined, dashboardAt: 0, failed: false };
  const client = wsClient(setup.seller);
  const failed = () => (state.failed = true);
  client.subscribe({ query: print(LiveOrderChangedDocument), variables: {} }, { next: () => undefined, error: failed, complete: () => undefined });
  client.subscribe(
    { query: print(BenchMessageAddedDocument), variables: {} },
    { next: (result) => messages.hit((result.data as { messageAdded: { createdAt: string } }).messageAdded.createdAt), error: failed, complete: () => undefined },
  );
  client.subscribe(
    { query: print(LiveDashboardWithInitialDocument), variables: {} },
    {
      next: (result) => {
        state.dashboard = JSON.stringify((result.data as { dashboardChanged: DashboardCounts }).dashboardChanged);
        state.dashboardAt = Date.now();
      },
      error: failed,
      complete: () => undefined,
    },
  );
  return { client, state };
}

async function finalDashboard(setup: Setup): Promise<string> {
  const { viewer } = await gql(ViewerDashboardDocument, {}, setup.seller);
  const { ordersAwaitingAcceptance, ordersToShip, unreadThreads, threadsAwaitingReply } = viewer.dashboard;
  return JSON.stringify({ ordersAwaitingAcceptance, ordersToShip, unreadThreads, threadsAwaitingReply });
}

async function frontendScenario(size: number, setup: Setup, profiler: InspectorProfiler | undefined): Promise<void> {
  const messages = new Tally();
  const frontends: ReturnType<typeof frontend>[] = [];
  for (let start = 0; start < size; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, size - start) }, () => frontend(setup, messages));
    frontends.push(...batch);
    await waitFor(`${frontends.length} initial dashboards`, () => batch.every(({ state }) => state.dashboard !== undefined));
  }
  const dashboardsSettled = async () => {
    const final = await finalDashboard(setup);
    await waitFor('every dashboard to show the final counts', () => frontends.every(({ state }) => state.dashboard === final), DELIVERY_TIMEOUT_MS);
    return Math.max(...frontends.map(({ state }) => state.dashboardAt));
  };
  // Messages in new threads, so each changes the shop's counts (one more unread thread awaiting a reply).
  const newOrders = async (count: number) => {
    const orderIds = await placeOrders(setup.buyer, setup.shopId, count);
    await dashboardsSettled();
    return orderIds;
  };
  await measureMessages('frontend', size, setup, messages, profiler, newOrders, dashboardsSettled);
  const failures = frontends.filter(({ state }) => state.failed).length;
  if (failures) console.log(`  ${failures} subscriptions ended with an error`);
  await Promise.all(frontends.map(({ client }) => client.dispose()));
  await waitFor('subscribers to leave', async () => (await serverMetric('websocket_connections')) === 0, DELIVERY_TIMEOUT_MS);
}

/** N frontends connecting at once: every one must get its initial dashboard. */
async function reconnectScenario(size: number, setup: Setup, profiler: InspectorProfiler | undefined): Promise<void> {
  const messages = new Tally();
  const cpuBefore = await serverCpuMicros();
  const recountsBefore = await serverMetric('dashboard_recounts_total');
  const rssBefore = await serverMetric('process_resident_memory_bytes');
  const start = Date.now();
  const frontends = await profiled(profiler, `reconnect-${size}`, async () => {
    const all: ReturnType<typeof frontend>[] = [];
    for (let i = 0; i < size; i += 1) all.push(frontend(setup, messages));
    // A refused or dropped connection ends its subscriptions with an error (no retries).
    await waitFor('every frontend to get its initial dashboard (or fail)', () => all.every(({ state }) => state.dashboard !== undefined || state.failed), 120_000).catch(
      (error: Error) => console.log(`  ${error.message}`),
    );
    return all;
  });
  const served = frontends.filter(({ state }) => state.dashboard !== undefined);
  const lastMs = Math.max(...served.map(({ state }) => state.dashboardAt)) - start;
  const cpu = (await serverCpuMicros()) - cpuBefore;
  const recounts = (await serverMetric('dashboard_recounts_total')) - recountsBefore;
  if (!Number.isNaN(recounts)) console.log(`  ${recounts} dashboard counts for ${size} initial dashboards`);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const rssAfter = await serverMetric('process_resident_memory_bytes');
  rows.push({ scenario: 'reconnect', size, what: 'all connect at once', lastMs, cpuMicrosPerUnit: cpu / size, unit: 'connection' });
  console.log(
    `  ${size} frontends at once: ${served.length} served, ${size - served.length} failed; the last initial dashboard after ${lastMs} ms; ` +
      `server CPU ${(cpu / size / 1000).toFixed(2)} ms per connection; ${((rssAfter - rssBefore) / size / 1024).toFixed(1)} KiB RSS per connection`,
  );
  await Promise.all(frontends.map(({ client }) => client.dispose()));
  await waitFor('subscribers to leave', async () => (await serverMetric('websocket_connections')) === 0, DELIVERY_TIMEOUT_MS);
}

async function prepare(): Promise<Setup> {
  await waitFor('the server to be ready', async () => (await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok);
  const { createShop: shop } = await gql(CreateShopDocument, { input: { name: 'Sklep testowy' } });
  const { createCustomer: customer } = await gql(CreateCustomerDocument, { input: { displayName: 'Jan Testowy', email: 'jan@example.pl' } });
  const seller = (await gql(IssueApiKeyDocument, { input: { name: 'bench seller', role: 'SELLER', shopId: shop.id } })).issueApiKey.secret;
  const buyer = (await gql(IssueApiKeyDocument, { input: { name: 'bench customer', role: 'CUSTOMER', customerId: customer.id } })).issueApiKey.secret;
  // The burst: one customer message on each of MESSAGES orders, as when many buyers write at once.
  const orderIds = await placeOrders(buyer, shop.id, MESSAGES);
  return { shopId: shop.id, seller, buyer, orderIds };
}

async function run(floorServer: ChildProcess, floorPort: number, inspectorPort: Promise<number> | undefined): Promise<void> {
  const setup = await prepare();
  const profiler = inspectorPort ? await InspectorProfiler.connect(await inspectorPort) : undefined;
  // Closed whatever happens: a server stopping with an inspector session open waits for it to end.
  try {
    for (const size of SIZES) {
      console.log(`\nN = ${size}`);
      await floor(size, floorServer, floorPort);
      if (SCENARIOS.has('messages')) {
        console.log(`messages: ${size} sockets following the shop's messages`);
        await messagesScenario(size, setup, profiler);
      }
      if (SCENARIOS.has('frontend')) {
        console.log(`frontend: ${size} seller frontends (orderChanged, messageAdded, dashboardChanged)`);
        await frontendScenario(size, setup, profiler);
      }
      if (SCENARIOS.has('reconnect')) {
        console.log(`reconnect: ${size} seller frontends connecting at once`);
        await reconnectScenario(size, setup, profiler);
      }
    }
  } finally {
    profiler?.close();
  }
  console.log('\n| scenario | N | what | last delivery | server CPU |');
  console.log('|---|---:|---|---:|---:|');
  for (const row of rows) {
    const cpu = Number.isNaN(row.cpuMicrosPerUnit) ? '' : `${row.cpuMicrosPerUnit.toFixed(1)} µs per ${row.unit}`;
    console.log(`| ${row.scenario} | ${row.size} | ${row.what} | ${row.lastMs} ms | ${cpu} |`);
  }
}

/** With BENCH_PROFILE_DIR, the server's inspector port, read from what node prints when it opens it. */
function inspectorPortOf(server: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    server.stderr!.on('data', (chunk: Buffer) => {
      const match = String(chunk).match(/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) resolve(Number(match[1]));
    });
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as another user when we are root
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  console.log('starting embedded PostgreSQL, the server and the bare-ws floor (separate processes) ...');
  const database = await startEmbeddedPostgres({ dataDir, port: PG_PORT });
  const server = spawn(process.execPath, [...(PROFILE_DIR ? ['--inspect=127.0.0.1:0'] : []), join(__dirname, '..', 'src', 'main.js')], {
    // Every simulated frontend uses the one seller key: lift the per-key socket cap for the benchmark.
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(PORT), BOOTSTRAP_OPERATOR_KEY: OPERATOR, LOG_LEVEL: 'warn', WS_MAX_SOCKETS_PER_KEY: '1000000' },
    stdio: ['ignore', 'inherit', PROFILE_DIR ? 'pipe' : 'inherit'],
  });
  const inspectorPort = PROFILE_DIR ? inspectorPortOf(server) : undefined;
  server.stderr?.pipe(process.stderr);
  const floorServer = fork(join(__dirname, 'bench', 'ws-floor-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const floorPort = await new Promise<number>((resolve) => floorServer.once('message', (message: { port: number }) => resolve(message.port)));
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`the server exited early with code ${code} (is port ${PORT} free?)`))),
  );
  try {
    await Promise.race([run(floorServer, floorPort, inspectorPort), exited]);
  } finally {
    floorServer.kill();
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    exited.catch(() => undefined);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

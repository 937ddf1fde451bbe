import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SYSTEM_ACTOR } from '../src/auth/viewer';
import { appendEvents } from '../src/common/events/event-log';
import { EventType } from '../src/common/events/event-type';
import { localIdOf } from '../src/common/global-id';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { openOrm } from '../src/db/orm';
import {
  CreateCustomerDocument,
  CreateShopDocument,
  EventsDocument,
  EventsQuery,
  IssueApiKeyDocument,
  LiveEventsDocument,
  PlaceOrderDocument,
} from '../test/generated/graphql';

/**
 * Write benchmark: W concurrent writers, each placing orders in its own shop through the real
 * GraphQL API of a server it starts (a separate process, on an embedded PostgreSQL with its default
 * durability settings). Prints writes per second for each W, the server's CPU per write, and checks
 * the event log afterwards: every placed order has exactly one ORDER_PLACED event in `events`, and
 * a live `events` subscriber received the same events in the same order (lost / duplicated).
 * Last, "another instance stalls": this process opens its own connection to the database, appends
 * an event on one shop's order through the server's own code (src/common/events/event-log.ts) and
 * keeps that transaction open for HOLD_SECONDS, while the other writers go on in their shops; it
 * counts the writes that complete meanwhile.
 *   npm run bench:writes                         (W = 1 and 16, 5 s each)
 *   BENCH_WRITERS=1,4,16 BENCH_SECONDS=10 npm run bench:writes
 */
const WRITERS = (process.env.BENCH_WRITERS ?? '1,16').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4171);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54371);
const OPERATOR = 'sk_bench_operator_0123456789abcdef';
const DELIVERY_TIMEOUT_MS = 120_000;
const HOLD_SECONDS = Number(process.env.BENCH_HOLD_SECONDS ?? 3);
const url = `http://127.0.0.1:${PORT}/graphql`;

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

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Writer {
  shopId: string;
  customerId: string;
  customerSecret: string;
}

async function createWriters(count: number): Promise<Writer[]> {
  const writers: Writer[] = [];
  for (let i = 0; i < count; i += 1) {
    const { createShop: shop } = await gql(CreateShopDocument, { input: { name: `Sklep ${i + 1}` } });
    const { createCustomer: customer } = await gql(CreateCustomerDocument, { input: { displayName: `Klient ${i + 1}`, email: `klient${i + 1}@example.pl` } });
    const { issueApiKey } = await gql(IssueApiKeyDocument, { input: { name: `customer ${i + 1}`, role: 'CUSTOMER', customerId: customer.id } });
    writers.push({ shopId: shop.id, customerId: customer.id, customerSecret: issueApiKey.secret });
  }
  return writers;
}

async function placeOne(writer: Writer, n: number): Promise<string> {
  const { placeOrder: order } = await gql(
    PlaceOrderDocument,
    {
      input: {
        shopId: writer.shopId,
        paymentWorkflow: 'PAY_ON_DELIVERY',
        lines: [{ offerSku: `W-${n}`, productTitle: 'Kubek z logo', quantity: 1, unitPrice: '19.99' }],
        shippingPrice: '9.99',
        shippingAddress: { name: 'Jan Testowy', street: 'ul. Długa 1', postalCode: '80-001', city: 'Gdańsk', countryCode: 'PL' },
        leadTimeToShipDays: 1,
      },
    },
    writer.customerSecret,
  );
  if (order.__typename !== 'Order') throw new Error(`placeOrder answered ${order.__typename}`);
  return order.id;
}

/** Runs the writers in parallel for `duration` seconds; each places orders one after another in its own shop. */
async function runPhase(
  writers: Writer[],
  placed: string[],
  duration = SECONDS,
): Promise<{ writes: number; failures: number; seconds: number; cpuMsPerWrite: number }> {
  const cpuBefore = await serverMetric('process_cpu_seconds_total');
  const started = Date.now();
  const until = started + duration * 1000;
  let writes = 0;
  let failures = 0;
  await Promise.all(
    writers.map(async (writer) => {
      while (Date.now() < until) {
        try {
          placed.push(await placeOne(writer, writes));
          writes += 1;
        } catch (error) {
          failures += 1;
          if (failures <= 3) console.error(`  a write failed: ${String(error).slice(0, 200)}`);
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const cpuAfter = await serverMetric('process_cpu_seconds_total');
  return { writes, failures, seconds, cpuMsPerWrite: ((cpuAfter - cpuBefore) * 1000) / Math.max(writes, 1) };
}

/**
 * Another instance appends an event on `holder`'s order and then stalls, its transaction open, for
 * HOLD_SECONDS; the other writers keep writing in their own shops. Returns the writes that completed
 * while the transaction was open.
 */
async function heldOpenPhase(databaseUrl: string, holder: Writer, others: Writer[], placed: string[]): Promise<number> {
  const orderId = await placeOne(holder, 0);
  placed.push(orderId);
  const orm = await openOrm(databaseUrl, 1);
  let completedWhileOpen = 0;
  try {
    let appended!: () => void;
    const hasAppended = new Promise<void>((resolve) => (appended = resolve));
    const counted: string[] = [];
    const holding = orm.em.fork().transactional(async (em) => {
      const orderUuid = localIdOf('Order', orderId)!;
      await em.getConnection().execute('select id from "order" where id = ? for update', [orderUuid], 'all', em.getTransactionContext());
      await appendEvents(em, [
        { type: EventType.ORDER_TRACKING_SET, actor: SYSTEM_ACTOR, occurredAt: new Date(), orderUuid, shopUuid: localIdOf('Shop', holder.shopId)!, customerUuid: localIdOf('Customer', holder.customerId)! },
      ]);
      appended();
      await new Promise((resolve) => setTimeout(resolve, HOLD_SECONDS * 1000));
      completedWhileOpen = counted.length;
    });
    await hasAppended;
    const writing = runPhase(others, counted, HOLD_SECONDS + 1);
    await holding;
    await writing;
    placed.push(...counted);
  } finally {
    await orm.close();
  }
  return completedWhileOpen;
}

/** Every event of the log, oldest first, through `events(after:)` as the operator. */
async function readLog(): Promise<{ id: string; type: string; orderId: string | null }[]> {
  const all: { id: string; type: string; orderId: string | null }[] = [];
  let after: string | null = null;
  for (;;) {
    const { events }: EventsQuery = await gql(EventsDocument, { after, first: 100 });
    all.push(...events.edges.map(({ node }) => ({ id: node.id, type: node.type, orderId: node.order?.id ?? null })));
    if (!events.pageInfo.hasNextPage) return all;
    after = events.pageInfo.endCursor ?? after;
  }
}

function duplicatesIn(ids: string[]): number {
  return ids.length - new Set(ids).size;
}

async function run(databaseUrl: string): Promise<void> {
  await waitFor('the server to be ready', async () => (await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok);
  const writers = await createWriters(Math.max(...WRITERS));

  const delivered: string[] = [];
  const live = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${OPERATOR}` }, retryAttempts: 0 });
  live.subscribe(
    { query: print(LiveEventsDocument), variables: {} },
    { next: (result) => delivered.push((result.data as { events: { id: string } }).events.id), error: (error) => console.error('subscription error', error), complete: () => undefined },
  );
  await waitFor('the live subscription', async () => (await serverMetric('live_subscriptions')) >= 1);

  const placed: string[] = [];
  const rows: string[] = [];
  let single = 0;
  for (const count of WRITERS) {
    const result = await runPhase(writers.slice(0, count), placed);
    const perSecond = result.writes / result.seconds;
    if (count === 1) single = perSecond;
    rows.push(
      `| ${String(count).padStart(7)} | ${String(result.writes).padStart(6)} | ${perSecond.toFixed(1).padStart(8)} | ${(single ? (perSecond / single).toFixed(2) + '×' : '-').padStart(7)} | ${result.cpuMsPerWrite.toFixed(1).padStart(11)} | ${String(result.failures).padStart(8)} |`,
    );
  }

  const others = writers.slice(1, Math.max(...WRITERS));
  const completedWhileOpen = await heldOpenPhase(databaseUrl, writers[0], others, placed);
  const expectedEvents = placed.length + 1; // and the held transaction's own event

  await waitFor(`${expectedEvents} live deliveries`, async () => delivered.length >= expectedEvents, DELIVERY_TIMEOUT_MS).catch((error) => console.error(String(error)));
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // a late duplicate would arrive now
  const log = await readLog();
  const logged = log.filter((event) => event.type === 'ORDER_PLACED').map((event) => event.orderId ?? '');
  const loggedOrders = new Set(logged);
  const deliveredIds = new Set(delivered);
  const lostInLog = placed.filter((id) => !loggedOrders.has(id)).length;
  const lostLive = log.filter((event) => !deliveredIds.has(event.id)).length;
  live.dispose();

  console.log(`\n${SECONDS} s per row; each write is one placeOrder (one ORDER_PLACED event) in the writer's own shop\n`);
  console.log('| writers | writes | writes/s | vs 1    | server CPU ms/write | failures |');
  console.log('|--------:|-------:|---------:|--------:|------------:|---------:|');
  for (const row of rows) console.log(row);
  console.log(
    `\nanother instance holding a transaction open for ${HOLD_SECONDS} s after appending an event: ${completedWhileOpen} writes by ${others.length} writers on other shops completed meanwhile`,
  );
  console.log(
    `event log: ${placed.length} orders placed, ${log.length} events in events(after:) (expected ${expectedEvents}), ${lostInLog} orders without their event, ${duplicatesIn(logged)} orders with it twice, ${duplicatesIn(log.map((event) => event.id))} duplicated ids`,
  );
  console.log(
    `live subscriber: ${delivered.length} delivered, ${lostLive} lost, ${duplicatesIn(delivered)} duplicated, same order as the log: ${JSON.stringify(delivered) === JSON.stringify(log.map((event) => event.id))}`,
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-writes-pg-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as another user when we are root
  console.log('starting embedded PostgreSQL and the server (separate process) ...');
  const database = await startEmbeddedPostgres({ dataDir, port: PG_PORT });
  const server: ChildProcess = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(PORT), BOOTSTRAP_OPERATOR_KEY: OPERATOR, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`the server exited early with code ${code} (is port ${PORT} free?)`))),
  );
  try {
    await Promise.race([run(database.url), exited]);
  } finally {
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

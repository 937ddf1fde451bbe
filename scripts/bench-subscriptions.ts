import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
  LiveSendMessageDocument,
  PlaceOrderDocument,
} from '../test/generated/graphql';

/**
 * Subscription benchmark: N idle subscribers on one server instance (a separate process), each a
 * seller frontend following the shop's messages, then a burst of messages on different orders. Prints delivery latency percentiles, deliveries per
 * second and the server's memory per connection. Talks only to 127.0.0.1; every loop is bounded.
 *   npm run bench:subscriptions            (N = 1000 and 10000)
 *   BENCH_SIZES=500 BENCH_MESSAGES=10 npm run bench:subscriptions
 */
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 4170);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54370);
const OPERATOR = 'sk_bench_operator_0123456789abcdef';
const CONNECT_BATCH = 250;
const DELIVERY_TIMEOUT_MS = 180_000;
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Seller frontends: each follows every new message of the shop (messageAdded without a filter). */
async function connectSubscribers(count: number, secret: string, onMessage: (createdAt: string) => void): Promise<Client[]> {
  const clients: Client[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, () => {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${secret}` },
        retryAttempts: 0,
      });
      client.subscribe(
        { query: print(BenchMessageAddedDocument), variables: {} },
        { next: (result) => onMessage((result.data as { messageAdded: { createdAt: string } }).messageAdded.createdAt), error: () => undefined, complete: () => undefined },
      );
      return client;
    });
    clients.push(...batch);
    await waitFor(`${clients.length} subscriptions`, async () => (await serverMetric('live_subscriptions')) >= clients.length);
    process.stdout.write(`\r  connected ${clients.length}/${count}`);
  }
  process.stdout.write('\n');
  return clients;
}

async function run(server: ChildProcess): Promise<void> {
  await waitFor('the server to be ready', async () => (await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok);
  const { createShop: shop } = await gql(CreateShopDocument, { input: { name: 'Sklep testowy' } });
  const { createCustomer: customer } = await gql(CreateCustomerDocument, { input: { displayName: 'Jan Testowy', email: 'jan@example.pl' } });
  const seller = (await gql(IssueApiKeyDocument, { input: { name: 'bench seller', role: 'SELLER', shopId: shop.id } })).issueApiKey.secret;
  const buyer = (await gql(IssueApiKeyDocument, { input: { name: 'bench customer', role: 'CUSTOMER', customerId: customer.id } })).issueApiKey.secret;
  // The burst: one customer message on each of MESSAGES orders, as when many buyers write at once.
  const orderIds: string[] = [];
  for (let i = 0; i < MESSAGES; i += 1) {
    const { placeOrder: order } = await gql(
      PlaceOrderDocument,
      {
        input: {
          shopId: shop.id,
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

  for (const size of SIZES) {
    console.log(`\nN = ${size} idle subscribers, then a burst of ${MESSAGES} messages`);
    const rssBefore = await serverMetric('process_resident_memory_bytes');
    const heapBefore = await serverMetric('nodejs_heap_size_used_bytes');
    const latencies: number[] = [];
    let lastReceived = 0;
    const clients = await connectSubscribers(size, seller, (createdAt) => {
      lastReceived = Date.now();
      latencies.push(lastReceived - Date.parse(createdAt));
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rssAfter = await serverMetric('process_resident_memory_bytes');
    const heapAfter = await serverMetric('nodejs_heap_size_used_bytes');

    const burstStart = Date.now();
    await Promise.all(
      orderIds.map((orderId, i) => gql(LiveSendMessageDocument, { input: { orderId, body: `Wiadomość ${i + 1}` } }, buyer)),
    );
    const expected = size * MESSAGES;
    await waitFor(`${expected} deliveries`, async () => latencies.length >= expected, DELIVERY_TIMEOUT_MS);
    const sorted = [...latencies].sort((a, b) => a - b);
    const seconds = (lastReceived - burstStart) / 1000;
    console.log(`  deliveries: ${latencies.length} in ${seconds.toFixed(2)} s = ${Math.round(latencies.length / seconds)} per second`);
    console.log(`  latency (commit to client): p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`);
    console.log(
      `  server memory per connection: ${((rssAfter - rssBefore) / size / 1024).toFixed(1)} KiB RSS, ${((heapAfter - heapBefore) / size / 1024).toFixed(1)} KiB JS heap`,
    );
    await Promise.all(clients.map((client) => client.dispose()));
    await waitFor('subscribers to leave', async () => (await serverMetric('live_subscriptions')) === 0);
  }
  void server;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as another user when we are root
  console.log('starting embedded PostgreSQL and the server (separate process) ...');
  const database = await startEmbeddedPostgres({ dataDir, port: PG_PORT });
  const server = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    // Every simulated frontend uses the one seller key: lift the per-key socket cap for the benchmark.
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(PORT), BOOTSTRAP_OPERATOR_KEY: OPERATOR, LOG_LEVEL: 'warn', WS_MAX_SOCKETS_PER_KEY: '1000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`the server exited early with code ${code} (is port ${PORT} free?)`))),
  );
  try {
    await Promise.race([run(server), exited]);
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

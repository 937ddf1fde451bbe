import 'reflect-metadata';
import { loadavg } from 'node:os';
import { startBenchDatabase } from './bench/database';
import { ADMIN, WRITES } from './bench/operations';
import { cpuMsOf, postgresCpuMs, stopAllProcesses } from './bench/processes';
import { ServerUnderTest } from './bench/server';

/**
 * One client, one mutation at a time: the server's CPU per mutation with nothing else running in
 * it (issue 8's "CPU per mutation"), for each step of the bench's lifecycle, next to an
 * authenticated `{ __typename }` (the HTTP/GraphQL pipeline's own cost, which no write can avoid).
 *   npm run build && BENCH_ACCEPT_ORDERS=400 node dist/scripts/bench-accept.js
 * BENCH_CPU_PROF_DIR=<dir> also writes the server's CPU profile; each phase is a stretch of work
 * between pauses: `node dist/scripts/bench/profile-summary.js <profile> 30 <n>` summarizes phase n
 * (counting the setup's stretches too: look at the busy time of each).
 */
const ORDERS = Number(process.env.BENCH_ACCEPT_ORDERS ?? 400);
const WARMUP = Number(process.env.BENCH_ACCEPT_WARMUP ?? 100);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54362);
const HTTP_PORT = Number(process.env.BENCH_HTTP_PORT ?? 4171);

const ADDRESS = { name: 'Jan Testowy', street: 'ul. Długa 1', postalCode: '80-001', city: 'Gdańsk', countryCode: 'PL' };

async function main(): Promise<void> {
  const db = await startBenchDatabase(PG_PORT);
  const server = new ServerUnderTest(db.url, HTTP_PORT);
  try {
    await server.start();
    const api = server.api;
    const shopId = (await api.request(ADMIN.CreateShop, { input: { name: 'Sklep' } })).createShop.id as string;
    const customerId = (await api.request(ADMIN.CreateCustomer, { input: { displayName: 'Kupujący', email: 'k@example.pl' } })).createCustomer.id as string;
    const key = (input: Record<string, unknown>) => api.request(ADMIN.IssueApiKey, { input }).then((data) => data.issueApiKey.secret as string);
    const seller = await key({ name: 'seller', role: 'SELLER', shopId });
    const customer = await key({ name: 'buyer', role: 'CUSTOMER', customerId });
    const place = async (n: number) =>
      (
        await api.request(
          WRITES.PlaceOrder,
          {
            input: {
              shopId,
              paymentWorkflow: 'PAY_ON_DELIVERY',
              lines: [{ offerSku: `A-${n}`, productTitle: 'Kubek z logo', quantity: 1, unitPrice: '19.99' }],
              shippingPrice: '9.99',
              shippingAddress: ADDRESS,
              leadTimeToShipDays: 2,
            },
          },
          customer,
        )
      ).placeOrder.id as string;

    const measure = async (name: string, count: number, run: (i: number) => Promise<unknown>) => {
      // A pause before each phase, so a CPU profile splits into phases (profile-summary's segment argument).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const serverBefore = cpuMsOf(server.pid);
      const pgBefore = postgresCpuMs(db.postmasterPid);
      const started = performance.now();
      for (let i = 0; i < count; i += 1) await run(i);
      const ms = performance.now() - started;
      const serverMs = (cpuMsOf(server.pid) - serverBefore) / count;
      const pgMs = (postgresCpuMs(db.postmasterPid) - pgBefore) / count;
      console.log(`${name.padEnd(22)} ${String(count).padStart(5)} requests  server CPU ${serverMs.toFixed(2)} ms  PostgreSQL CPU ${pgMs.toFixed(2)} ms  latency ${(ms / count).toFixed(2)} ms`);
    };
    const check = (data: Record<string, { __typename: string; code?: string }>) => {
      const result = Object.values(data)[0];
      if (result.__typename !== 'Order') throw new Error(`answered ${result.__typename} ${result.code}`);
    };

    const orders: string[] = [];
    for (let i = 0; i < WARMUP + ORDERS; i += 1) orders.push(await place(i));
    // Warm-up: the same path, JIT and caches.
    for (let i = 0; i < WARMUP; i += 1) check(await api.request(WRITES.AcceptOrder, { input: { orderId: orders[i] } }, seller));
    for (let i = 0; i < WARMUP; i += 1) await api.request('{ __typename }', {}, seller);
    console.log(`load average ${loadavg().map((n: number) => n.toFixed(2)).join(' ')}`);
    const measured = orders.slice(WARMUP);
    await measure('{ __typename }', ORDERS, () => api.request('{ __typename }', {}, seller));
    await measure('acceptOrder', ORDERS, async (i) => check(await api.request(WRITES.AcceptOrder, { input: { orderId: measured[i] } }, seller)));
    await measure('setTracking', ORDERS, async (i) =>
      check(await api.request(WRITES.SetTracking, { input: { orderId: measured[i], carrierCode: 'INPOST', trackingNumber: `6${String(i).padStart(23, '0')}` } }, seller)),
    );
    await measure('confirmShipment', ORDERS, async (i) => check(await api.request(WRITES.ConfirmShipment, { input: { orderId: measured[i] } }, seller)));
    await measure('acceptOrder refused', ORDERS, async (i) => {
      const data = await api.request(WRITES.AcceptOrder, { input: { orderId: measured[i] } }, seller);
      if (data.acceptOrder.__typename !== 'InvalidStateError') throw new Error(`answered ${data.acceptOrder.__typename}`);
    });
    await measure('placeOrder', ORDERS, (i) => place(WARMUP + ORDERS + i));
    console.log(`load average ${loadavg().map((n: number) => n.toFixed(2)).join(' ')}`);
  } finally {
    await server.stop();
    await stopAllProcesses();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

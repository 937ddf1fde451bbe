import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { BenchContext } from './context';
import { ADMIN, benchOrderInput, WRITES } from './operations';
import { cpuMsOf, postgresCpuMs } from './processes';
import { duration } from './report';

/** Requests per measured kind, after as many again of warm-up (the same paths: JIT, caches). */
const REQUESTS = 300;
const WARMUP = 100;

type Result = Record<string, { __typename: string; code?: string; message?: string }>;

function expect(typename: string): (data: Result) => void {
  return (data) => {
    const result = Object.values(data)[0];
    if (result.__typename !== typename) throw new Error(`answered ${result.__typename} (${result.code}: ${result.message}), expected ${typename}`);
  };
}

/**
 * One client, one mutation at a time, on a shop of its own: the server's CPU per mutation with
 * nothing else running in it (issue 8's "≤ 3 ms of server CPU per mutation"), for each step of an
 * order's lifecycle and for messages, next to an authenticated `{ __typename }` (the HTTP and
 * GraphQL pipeline's own cost, which no write avoids). Each kind is preceded by a pause, so a
 * `BENCH_CPU_PROF_DIR` profile splits into phases (profile-summary.js reads one phase).
 */
export async function benchMutations(ctx: BenchContext): Promise<void> {
  const api = ctx.server.api;
  const shopId = (await api.request(ADMIN.CreateShop, { input: { name: 'Sklep jednego klienta' } })).createShop.id as string;
  const customerId = (await api.request(ADMIN.CreateCustomer, { input: { displayName: 'Kupujący', email: 'jeden.klient@example.pl' } })).createCustomer.id as string;
  const key = (input: Record<string, unknown>) => api.request(ADMIN.IssueApiKey, { input }).then((data) => data.issueApiKey.secret as string);
  const seller = await key({ name: 'bench one-client seller', role: 'SELLER', shopId });
  const customer = await key({ name: 'bench one-client buyer', role: 'CUSTOMER', customerId });
  let placed = 0;
  const place = async () => {
    const data = await api.request(WRITES.PlaceOrder, { input: benchOrderInput(shopId, `ONE-${++placed}`) }, customer);
    expect('Order')(data);
    return data.placeOrder.id as string;
  };
  const orders: string[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i += 1) orders.push(await place());
  const section = 'mutations: one client, one at a time';
  ctx.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);

  const measure = async (figure: string, run: (i: number) => Promise<void>) => {
    for (let i = 0; i < WARMUP; i += 1) await run(i);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const serverBefore = cpuMsOf(ctx.server.pid);
    const postgresBefore = postgresCpuMs(ctx.db.postmasterPid);
    const started = performance.now();
    for (let i = WARMUP; i < WARMUP + REQUESTS; i += 1) await run(i);
    const latency = (performance.now() - started) / REQUESTS;
    const server = (cpuMsOf(ctx.server.pid) - serverBefore) / REQUESTS;
    const postgres = (postgresCpuMs(ctx.db.postmasterPid) - postgresBefore) / REQUESTS;
    ctx.report.add({ section, figure: `${figure}: server CPU / PostgreSQL CPU / latency`, ours: `${duration(server)} / ${duration(postgres)} / ${duration(latency)}` });
  };
  const step = (name: keyof typeof WRITES, typename: string, input: (orderId: string, i: number) => Record<string, unknown>) => async (i: number) =>
    expect(typename)(await api.request(WRITES[name], { input: input(orders[i], i) }, seller));

  await measure('{ __typename } (seller key)', async () => void (await api.request('{ __typename }', {}, seller)));
  await measure('placeOrder', async () => void (await place()));
  await measure('acceptOrder', step('AcceptOrder', 'Order', (orderId) => ({ orderId })));
  await measure('setTracking', step('SetTracking', 'Order', (orderId, i) => ({ orderId, carrierCode: 'INPOST', trackingNumber: `7${String(i).padStart(23, '0')}` })));
  await measure('confirmShipment', step('ConfirmShipment', 'Order', (orderId) => ({ orderId })));
  await measure('acceptOrder refused (already shipped)', step('AcceptOrder', 'InvalidStateError', (orderId) => ({ orderId })));
  const message = (secret: string, body: string) => async (i: number) =>
    expect('Message')(await api.request(ADMIN.SendMessage, { input: { orderId: orders[i % 20], body: `${body} (${i})` } }, secret));
  await measure('sendMessage (customer)', message(customer, 'Kiedy wysyłka?'));
  await measure('sendMessage (shop)', message(seller, 'Jutro rano.'));
  ctx.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

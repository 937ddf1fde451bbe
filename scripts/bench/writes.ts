import { performance } from 'node:perf_hooks';
import { localIdOf } from './api';
import { BenchContext } from './context';
import { EventFollower } from './event-follower';
import { whileAWriteIsHeldOpen } from './held-write';
import { ADMIN, benchOrderInput, EVENT_OF, WriteName, WRITES } from './operations';
import { cpuMsOf, postgresCpuMs } from './processes';
import { count, duration, percentile, rate, ratio } from './report';

/** A shop with its own seller and customer: one writer's world, so writers never share an order or a shop. */
interface WriterWorld {
  shopId: string;
  customerId: string;
  sellerSecret: string;
  customerSecret: string;
}

/** How long the stalled instance of the last measurement keeps its transaction open. */
const HOLD_MS = 3_000;

interface Outcome {
  /** Mutations that answered an Order, each with the event it must have appended. */
  succeeded: { orderUuid: string; event: string }[];
  failed: number;
  firstFailure?: string;
  latenciesMs: number[];
  /** Orders touched by mutations that failed: an event of theirs would be unacknowledged. */
  failedOrders: Set<string>;
}

/** Numbers each lifecycle across runs, for distinct SKUs and tracking numbers. */
let lifecycles = 0;


async function createWorlds(ctx: BenchContext, howMany: number): Promise<WriterWorld[]> {
  const api = ctx.server.api;
  return Promise.all(
    Array.from({ length: howMany }, async (_, i) => {
      const shop = (await api.request(ADMIN.CreateShop, { input: { name: `Sklep piszący ${i + 1}` } })).createShop.id as string;
      const customer = (await api.request(ADMIN.CreateCustomer, { input: { displayName: `Kupujący ${i + 1}`, email: `kupujacy.${i + 1}@example.pl` } })).createCustomer.id as string;
      const key = (input: Record<string, unknown>) => api.request(ADMIN.IssueApiKey, { input }).then((data) => data.issueApiKey.secret as string);
      return {
        shopId: shop,
        customerId: customer,
        sellerSecret: await key({ name: `bench writer ${i + 1}`, role: 'SELLER', shopId: shop }),
        customerSecret: await key({ name: `bench buyer ${i + 1}`, role: 'CUSTOMER', customerId: customer }),
      };
    }),
  );
}

/** One writer: order lifecycles (place as the customer, accept, set tracking, ship as the seller) until `deadline`. */
async function runWriter(ctx: BenchContext, world: WriterWorld, writer: number, deadline: number, outcome: Outcome): Promise<void> {
  const api = ctx.server.api;
  const mutate = async (name: WriteName, secret: string, input: Record<string, unknown>, orderUuid?: string): Promise<string | undefined> => {
    const started = performance.now();
    try {
      const data = await api.request(WRITES[name], { input }, secret);
      const result = Object.values(data)[0] as { __typename: string; id?: string; code?: string; message?: string };
      if (result.__typename !== 'Order') throw new Error(`${name} answered ${result.__typename}: ${result.code} ${result.message}`);
      outcome.latenciesMs.push(performance.now() - started);
      const uuid = localIdOf(result.id!);
      outcome.succeeded.push({ orderUuid: uuid, event: EVENT_OF[name] });
      return result.id;
    } catch (error) {
      outcome.failed += 1;
      outcome.firstFailure ??= (error as Error).message;
      if (orderUuid) outcome.failedOrders.add(orderUuid);
      return undefined;
    }
  };
  while (Date.now() < deadline) {
    const sequence = ++lifecycles;
    const orderId = await mutate('PlaceOrder', world.customerSecret, benchOrderInput(world.shopId, `W${writer}-${sequence}`));
    if (!orderId) continue;
    const orderUuid = localIdOf(orderId);
    const steps: [WriteName, Record<string, unknown>][] = [
      ['AcceptOrder', { orderId }],
      ['SetTracking', { orderId, carrierCode: 'INPOST', trackingNumber: `6${String(writer).padStart(3, '0')}${String(sequence).padStart(20, '0')}` }],
      ['ConfirmShipment', { orderId }],
    ];
    for (const [name, input] of steps) {
      if (Date.now() >= deadline) break;
      if (!(await mutate(name, world.sellerSecret, input, orderUuid))) break;
    }
  }
}

/** Every acknowledged mutation's event is in the log exactly once; events of failed mutations are counted apart. */
async function checkEventLog(ctx: BenchContext, outcome: Outcome): Promise<{ lost: number; duplicated: number; unacknowledged: number }> {
  const expected = new Map<string, number>();
  for (const { orderUuid, event } of outcome.succeeded) expected.set(`${orderUuid} ${event}`, (expected.get(`${orderUuid} ${event}`) ?? 0) + 1);
  const orders = [...new Set([...outcome.succeeded.map((s) => s.orderUuid), ...outcome.failedOrders])];
  const { rows } = await ctx.db.pool.query<{ order_uuid: string; type: string; count: number }>(
    `select order_uuid::text, type, count(*)::int as count from event where order_uuid = any($1::uuid[]) and type = any($2::text[]) group by 1, 2`,
    [orders, Object.values(EVENT_OF)],
  );
  const found = new Map(rows.map((row) => [`${row.order_uuid} ${row.type}`, row.count]));
  let lost = 0;
  let duplicated = 0;
  for (const [key, times] of expected) {
    const logged = found.get(key) ?? 0;
    if (logged < times) lost += times - logged;
    if (logged > times) duplicated += logged - times;
  }
  let unacknowledged = 0;
  for (const [key, logged] of found) if (!expected.has(key)) unacknowledged += logged;
  return { lost, duplicated, unacknowledged };
}

function emptyOutcome(): Outcome {
  return { succeeded: [], failed: 0, latenciesMs: [], failedOrders: new Set() };
}

function ordersOf(outcome: Outcome): string[] {
  return [...outcome.succeeded.map((s) => s.orderUuid), ...outcome.failedOrders];
}

/**
 * Writes: N writers at once, each on its own shop, each running order lifecycles through the
 * GraphQL API for BENCH_SECONDS; then the event log is checked against what the API acknowledged.
 * Last, another instance holds a transaction open on one order while the other writers go on, and
 * an operator's live `events` subscription, open all along, is checked against the log.
 */
export async function benchWrites(ctx: BenchContext): Promise<void> {
  const { config, report, log } = ctx;
  const worlds = await createWorlds(ctx, Math.max(...config.writers));
  const follower = EventFollower.start(ctx);
  const followed = new Set<string>();
  try {
    if (config.warmupSeconds > 0) {
      log(`warming up: ${worlds.length} writers for ${config.warmupSeconds} s (not reported) ...`);
      const deadline = Date.now() + config.warmupSeconds * 1000;
      await Promise.all(worlds.map((world, i) => runWriter(ctx, world, i + 1, deadline, emptyOutcome())));
    }
    const throughput = new Map<number, number>();
    for (const writers of config.writers) {
      const outcome = emptyOutcome();
      log(`${writers} writer(s) on ${writers} shop(s) for ${config.seconds} s ...`);
      const serverBefore = cpuMsOf(ctx.server.pid);
      const postgresBefore = postgresCpuMs(ctx.db.postmasterPid);
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      const deadline = Date.now() + config.seconds * 1000;
      await Promise.all(worlds.slice(0, writers).map((world, i) => runWriter(ctx, world, i + 1, deadline, outcome)));
      const seconds = (performance.now() - started) / 1000;
      const serverMs = cpuMsOf(ctx.server.pid) - serverBefore;
      const postgresMs = postgresCpuMs(ctx.db.postmasterPid) - postgresBefore;
      const client = process.cpuUsage(clientBefore);
      const done = Math.max(1, outcome.succeeded.length);
      const check = await checkEventLog(ctx, outcome);
      for (const order of ordersOf(outcome)) followed.add(order);
      const perSecond = outcome.succeeded.length / seconds;
      throughput.set(writers, perSecond);
      if (outcome.firstFailure) log(`  first failure: ${outcome.firstFailure}`);
      const section = `writes: ${writers} writer${writers > 1 ? 's' : ''} on different shops`;
      report.add({ section, figure: 'mutations/s', ours: rate(perSecond) });
      report.add({ section, figure: 'latency p50 / p99', ours: `${duration(percentile(outcome.latenciesMs, 50))} / ${duration(percentile(outcome.latenciesMs, 99))}` });
      report.add({ section, figure: 'server CPU per mutation', ours: duration(serverMs / done) });
      report.add({ section, figure: 'PostgreSQL CPU per mutation', ours: duration(postgresMs / done) });
      report.add({ section, figure: 'client CPU per mutation', ours: duration((client.user + client.system) / 1000 / done) });
      report.add({
        section,
        figure: 'mutations ok / failed; events lost / duplicated / unacknowledged',
        ours: `${count(outcome.succeeded.length)} / ${count(outcome.failed)}; ${check.lost} / ${check.duplicated} / ${check.unacknowledged}`,
      });
    }
    const [fewest, most] = [Math.min(...config.writers), Math.max(...config.writers)];
    if (fewest !== most) {
      report.add({ section: 'writes', figure: `throughput, ${most} writers / ${fewest}`, ours: `${ratio(throughput.get(most)!, throughput.get(fewest)!)}×` });
    }
    if (worlds.length >= 2) await heldOpen(ctx, worlds, throughput.get(most)! * ((worlds.length - 1) / worlds.length), followed);
    const live = await follower.check(ctx, [...followed]);
    report.add({
      section: 'writes',
      figure: 'an operator’s live `events` subscription, open throughout: events of these writes / lost / duplicated / in log order; errors',
      ours: `${count(live.expected)} / ${live.lost} / ${live.duplicated} / ${live.inLogOrder ? 'yes' : 'NO'}; ${follower.errors}${follower.firstError ? ` (${follower.firstError})` : ''}`,
    });
  } finally {
    await follower.stop();
  }
}

/**
 * The other writers go on for HOLD_MS while another instance holds a transaction open on the first
 * writer's order, its event appended: nothing of theirs waits for it (their events reach live
 * subscribers once it commits, in log order: the follower's check).
 */
async function heldOpen(ctx: BenchContext, worlds: WriterWorld[], expectedRate: number, followed: Set<string>): Promise<void> {
  const [holder, ...others] = worlds;
  const placed = await ctx.server.api.request(WRITES.PlaceOrder, {
    input: benchOrderInput(holder.shopId, 'HELD-1'),
  }, holder.customerSecret);
  const order = Object.values(placed)[0] as { id: string };
  followed.add(localIdOf(order.id));
  ctx.log(`another instance holds a transaction open on one order for ${HOLD_MS / 1000} s; ${others.length} writers go on on other shops ...`);
  const outcome = emptyOutcome();
  await whileAWriteIsHeldOpen(ctx.db.url, { id: order.id, shopUuid: localIdOf(holder.shopId), customerUuid: localIdOf(holder.customerId) }, HOLD_MS, async () => {
    const deadline = Date.now() + HOLD_MS;
    await Promise.all(others.map((world, i) => runWriter(ctx, world, i + 2, deadline, outcome)));
  });
  for (const orderUuid of ordersOf(outcome)) followed.add(orderUuid);
  const check = await checkEventLog(ctx, outcome);
  ctx.report.add({
    section: 'writes',
    figure: `another instance holds a transaction open ${HOLD_MS / 1000} s on one order: mutations on other shops meanwhile (at the writers' own rate); failed; events lost / duplicated`,
    ours: `${count(outcome.succeeded.length)} (${count(Math.round((expectedRate * HOLD_MS) / 1000))}); ${count(outcome.failed)}; ${check.lost} / ${check.duplicated}`,
  });
}

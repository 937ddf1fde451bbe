import { sleep } from './api';
import { BenchContext } from './context';
import { Inspector } from './inspector';
import { countersSince, listenCounters, loadAverage } from './kernel-counters';
import { ADMIN, DASHBOARD_QUERY, SubscriptionName } from './operations';
import { cpuMsOf, forkHelper, HelperChannel, rssBytesOf, stopProcess, waitUntilIdle } from './processes';
import { bytes, count, duration, percentile, ratio, Report } from './report';
import { SocketFleet } from './socket-fleet';
import type { DeliveryStats } from './socket-worker';

/** Sockets each worker opens at once while the fan-out audience connects (the storm opens all at once). */
const CONNECT_BATCH = 100;
/** A measurement ends when nothing more has arrived for this long (lost deliveries never come). */
const STALL_MS = 20_000;
const SELLER_FRONTEND: SubscriptionName[] = ['orderChanged', 'messageAdded', 'dashboardChanged'];

interface Delivery {
  messages: number;
  sockets: number;
  stats: DeliveryStats;
  timeToLastMs: number;
  timeToLastDashboardMs: number;
  serverCpuMs: number;
}

/** What one trigger (a message, a burst) costs until every socket has it: time, CPU, losses. */
async function measureDelivery(options: {
  fleet: SocketFleet;
  sockets: number;
  serverPid: number;
  trigger: () => Promise<string[]>;
  /** The dashboard every tab must end with, read once the trigger has been answered. */
  finalDashboard?: () => Promise<string>;
}): Promise<Delivery> {
  const { fleet, sockets, serverPid } = options;
  await fleet.reset();
  const cpuBefore = cpuMsOf(serverPid);
  const started = Date.now();
  const messageIds = await options.trigger();
  const dashboard = await options.finalDashboard?.();
  const expected = messageIds.length * sockets;
  let seen = '';
  let lastChange = Date.now();
  for (;;) {
    const progress = await fleet.progress(dashboard);
    if (progress.deliveries >= expected && (dashboard === undefined || progress.dashboardsMatching >= sockets)) break;
    const now = `${progress.deliveries} ${progress.dashboards} ${progress.dashboardsMatching}`;
    if (now !== seen) [seen, lastChange] = [now, Date.now()];
    else if (Date.now() - lastChange > STALL_MS) break;
    await sleep(50);
  }
  const serverCpuMs = cpuMsOf(serverPid) - cpuBefore;
  const stats = await fleet.stats(messageIds, dashboard);
  return {
    messages: messageIds.length,
    sockets,
    stats,
    timeToLastMs: stats.lastDeliveryAt ? stats.lastDeliveryAt - started : NaN,
    timeToLastDashboardMs: stats.lastDashboardAt ? stats.lastDashboardAt - started : NaN,
    serverCpuMs,
  };
}

function perDelivery(delivery: Delivery, cpuMs: number): number {
  return cpuMs / Math.max(1, delivery.stats.deliveries + delivery.stats.dashboards);
}

function describe(label: string, delivery: Delivery): string {
  const { stats } = delivery;
  return (
    `${label}: ${count(stats.deliveries)} deliveries + ${count(stats.dashboards)} dashboards, last after ${duration(delivery.timeToLastMs)}` +
    `${stats.dashboards ? ` (last dashboard ${duration(delivery.timeToLastDashboardMs)})` : ''}, server CPU ${duration(perDelivery(delivery, delivery.serverCpuMs))}/delivery, ` +
    `lost ${stats.lost}, duplicated ${stats.duplicated}, errors ${stats.errors}, dropped ${stats.dropped}`
  );
}

/** One audience (the floor's or the server's) receiving a probe (warm-up, everyone subscribed), one message, then a burst. */
async function deliveries(
  ctx: BenchContext,
  fleet: SocketFleet,
  sockets: number,
  serverPid: number,
  send: (howMany: number) => Promise<string[]>,
  finalDashboard?: () => Promise<string>,
): Promise<{ one: Delivery; burst: Delivery }> {
  const run = (howMany: number) => measureDelivery({ fleet, sockets, serverPid, trigger: () => send(howMany), finalDashboard });
  const probe = await run(1);
  ctx.log(`  ${describe('probe (warm-up, not reported)', probe)}`);
  if (probe.stats.lost > 0) ctx.log(`  WARNING: the probe did not reach ${probe.stats.lost} sockets; they count as lost below too`);
  const one = await run(1);
  ctx.log(`  ${describe('one message', one)}`);
  const burst = await run(ctx.config.messages);
  ctx.log(`  ${describe(`burst of ${ctx.config.messages}`, burst)}`);
  return { one, burst };
}

async function connectAudience(ctx: BenchContext, fleet: SocketFleet, job: Parameters<SocketFleet['connect']>[0]): Promise<number> {
  const started = Date.now();
  const result = await fleet.connect(job);
  ctx.log(`  ${result.served} sockets served in ${duration(Date.now() - started)}, ${result.failed} failed${result.firstFailure ? ` (first: ${result.firstFailure})` : ''}`);
  if (result.served === 0) throw new Error(`no socket could connect to ${job.url}`);
  return result.served;
}

/** Orders of the big shop with no thread yet, so each message opens a thread and changes the shop's dashboard. */
async function prepareConversations(ctx: BenchContext, howMany: number): Promise<{ customerSecret: string; orderIds: string[] }> {
  const api = ctx.server.api;
  const shopId = Buffer.from(`Shop:${ctx.market.bigShopUuid}`, 'utf8').toString('base64url');
  const customerId = (await api.request(ADMIN.CreateCustomer, { input: { displayName: 'Ewa Pisząca', email: 'ewa.piszaca@example.pl' } })).createCustomer.id;
  const customerSecret = (await api.request(ADMIN.IssueApiKey, { input: { name: 'bench fan-out customer', role: 'CUSTOMER', customerId } })).issueApiKey.secret as string;
  const orderIds: string[] = [];
  for (let i = 0; i < howMany; i += 1) {
    const { placeOrder } = await api.request(
      `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on Order { id } ... on ErrorResult { code message } } }`,
      {
        input: {
          shopId,
          paymentWorkflow: 'PAY_ON_DELIVERY',
          lines: [{ offerSku: `F-${i}`, productTitle: 'Kubek z logo', quantity: 1, unitPrice: '19.99' }],
          shippingPrice: '9.99',
          shippingAddress: { name: 'Ewa Pisząca', street: 'ul. Długa 1', postalCode: '80-001', city: 'Gdańsk', countryCode: 'PL' },
          leadTimeToShipDays: 2,
        },
      },
      customerSecret,
    );
    if (placeOrder.__typename !== 'Order') throw new Error(`could not place a fan-out order: ${JSON.stringify(placeOrder)}`);
    orderIds.push(placeOrder.id);
  }
  return { customerSecret, orderIds };
}

function addFanOutRows(report: Report, section: string, ours: { one: Delivery; burst: Delivery }, floor: { one: Delivery; burst: Delivery }, messages: number): void {
  const pair = (pick: (d: Delivery) => number, format: (value: number) => string, which: 'one' | 'burst') => {
    const [o, f] = [pick(ours[which]), pick(floor[which])];
    return { ours: format(o), floor: format(f), ratio: ratio(o, f) };
  };
  for (const which of ['one', 'burst'] as const) {
    const what = which === 'one' ? 'one message' : `burst of ${messages} messages`;
    report.add({ section, figure: `${what}: time to last delivery`, ...pair((d) => d.timeToLastMs, duration, which) });
    if (ours[which].stats.dashboards > 0) {
      report.add({ section, figure: `${what}: time to last dashboard`, ours: duration(ours[which].timeToLastDashboardMs) });
    }
    report.add({ section, figure: `${what}: server CPU per delivery${ours[which].stats.dashboards ? ' (dashboards count as deliveries)' : ''}`, ...pair((d) => perDelivery(d, d.serverCpuMs), duration, which) });
  }
  const burst = ours.burst.stats;
  report.add({
    section,
    figure: `burst: latency p50 / p99 (message created → client)`,
    ours: `${duration(percentile(burst.latencies, 50))} / ${duration(percentile(burst.latencies, 99))}`,
    floor: `${duration(percentile(floor.burst.stats.latencies, 50))} / ${duration(percentile(floor.burst.stats.latencies, 99))}`,
  });
  report.add({ section, figure: 'burst: client CPU per delivery (socket workers)', ...pair((d) => perDelivery(d, d.stats.cpuMs), duration, 'burst') });
  const losses = (d: Delivery) => `${d.stats.lost} / ${d.stats.duplicated}`;
  report.add({ section, figure: 'messages lost / duplicated (both measurements)', ours: `${losses(ours.one)}, ${losses(ours.burst)}`, floor: `${losses(floor.one)}, ${losses(floor.burst)}` });
  if (burst.dashboards > 0 || ours.one.stats.dashboards > 0) {
    report.add({
      section,
      figure: 'dashboards delivered; tabs whose last dashboard is stale',
      ours: `${count(ours.one.stats.dashboards)}, ${count(burst.dashboards)}; ${ours.one.sockets - ours.one.stats.dashboardsMatching}, ${ours.burst.sockets - burst.dashboardsMatching}`,
    });
  }
  const problems = (d: Delivery) => d.stats.errors + d.stats.dropped + d.stats.unexpected;
  report.add({ section, figure: 'errors, dropped sockets, unexpected deliveries', ours: count(problems(ours.one) + problems(ours.burst)), floor: count(problems(floor.one) + problems(floor.burst)) });
}

/**
 * Fan-out: S sockets following one shop receive one customer message, then a burst; first from a
 * bare `ws` server (the floor), then from the server with `messageAdded` only, then with a seller
 * frontend's three subscriptions (dashboards must end at the counts the API reads afterwards).
 */
export async function benchFanOut(ctx: BenchContext): Promise<void> {
  const { config, log, report } = ctx;
  const sockets = config.subscribers;
  const conversations = await prepareConversations(ctx, 2 * (2 + config.messages));
  const fleet = SocketFleet.start(Math.ceil(sockets / config.socketsPerWorker));
  const floorPort = config.httpPort + 2;
  const floorProcess = forkHelper('the WebSocket floor', 'ws-floor.js', { BENCH_PORT: String(floorPort) });
  try {
    const floorServer = new HelperChannel(floorProcess);
    await floorServer.request('listening');
    log(`floor: ${sockets} sockets on a bare ws server (${fleet.size} socket workers)`);
    const floorSockets = await connectAudience(ctx, fleet, { url: `ws://127.0.0.1:${floorPort}`, protocol: 'raw', subscriptions: [], count: sockets, batch: CONNECT_BATCH, timeoutMs: 300_000 });
    const floor = await deliveries(ctx, fleet, floorSockets, floorProcess.pid!, (howMany) => floorServer.request<string[]>('send', { count: howMany }));
    await fleet.closeSockets();
    await stopProcess(floorProcess);

    const url = `ws://127.0.0.1:${ctx.server.port}/graphql`;
    const send = async (howMany: number) => {
      const orders = conversations.orderIds.splice(0, howMany);
      const answers = await Promise.all(
        orders.map((orderId, i) => ctx.server.api.request(ADMIN.SendMessage, { input: { orderId, body: `Dzień dobry, kiedy wysyłka? (${i + 1})` } }, conversations.customerSecret)),
      );
      return answers.map(({ sendMessage }) => {
        if (sendMessage.__typename !== 'Message') throw new Error(`sendMessage answered ${JSON.stringify(sendMessage)}`);
        return sendMessage.id as string;
      });
    };
    const dashboard = async () => JSON.stringify((await ctx.server.api.request(DASHBOARD_QUERY, {}, ctx.sellerSecret)).viewer.dashboard);

    log(`ours: ${sockets} sellers' sockets, each subscribed to messageAdded`);
    const messageOnly = await connectAudience(ctx, fleet, { url, protocol: 'graphql-ws', secret: ctx.sellerSecret, subscriptions: ['messageAdded'], count: sockets, batch: CONNECT_BATCH, timeoutMs: 300_000 });
    const ours = await deliveries(ctx, fleet, messageOnly, ctx.server.pid, send);
    await fleet.closeSockets();
    await waitUntilIdle(ctx.server.pid);
    addFanOutRows(report, `fan-out: ${count(sockets)} subscribers of one shop, messageAdded`, ours, floor, config.messages);

    log(`ours: ${sockets} seller frontends (orderChanged, messageAdded, dashboardChanged(initial: true))`);
    const frontends = await connectAudience(ctx, fleet, { url, protocol: 'graphql-ws', secret: ctx.sellerSecret, subscriptions: SELLER_FRONTEND, count: sockets, batch: CONNECT_BATCH, timeoutMs: 300_000 });
    const withDashboards = await deliveries(ctx, fleet, frontends, ctx.server.pid, send, dashboard);
    await fleet.closeSockets();
    await waitUntilIdle(ctx.server.pid);
    addFanOutRows(report, `fan-out: ${count(sockets)} seller frontends of one shop (3 subscriptions each)`, withDashboards, floor, config.messages);
  } finally {
    await fleet.stop();
    await stopProcess(floorProcess);
  }
}

/** What the heap holds per tab, by constructor, from snapshots before and after the storm (BENCH_STORM_HEAP=1). */
interface HeapBreakdown {
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  byConstructor: { key: string; bytesPerTab: number; countPerTab: number }[];
}

async function heapState(inspector: Inspector): Promise<{ usage: NodeJS.MemoryUsage; heap: Map<string, { bytes: number; count: number }> }> {
  await inspector.collectGarbage();
  const heap = await inspector.heapByConstructor();
  await inspector.collectGarbage(); // the snapshot's own garbage
  return { usage: await inspector.memoryUsage(), heap };
}

function heapDelta(before: Awaited<ReturnType<typeof heapState>>, after: Awaited<ReturnType<typeof heapState>>, tabs: number): HeapBreakdown {
  const keys = new Set([...before.heap.keys(), ...after.heap.keys()]);
  const byConstructor = [...keys]
    .map((key) => {
      const [b, a] = [before.heap.get(key) ?? { bytes: 0, count: 0 }, after.heap.get(key) ?? { bytes: 0, count: 0 }];
      return { key, bytesPerTab: (a.bytes - b.bytes) / tabs, countPerTab: (a.count - b.count) / tabs };
    })
    .sort((x, y) => y.bytesPerTab - x.bytesPerTab);
  return { before: before.usage, after: after.usage, byConstructor };
}

/**
 * Reconnect storm: after a deploy (a fresh server process), every seller tab connects at the same
 * moment with its three subscriptions. Served = acknowledged and the initial dashboard received.
 * BENCH_STORM_HEAP=1 also breaks the server's memory per tab down (heap, external buffers, and the
 * heap by constructor from two snapshots); the snapshots pause the server, so timings of such a run
 * are not comparable.
 */
export async function benchStorm(ctx: BenchContext): Promise<void> {
  const { config, log, report } = ctx;
  const tabs = config.tabs;
  const heapBreakdown = process.env.BENCH_STORM_HEAP === '1';
  const inspectorPort = config.httpPort + 3;
  log('restarting the server (a deploy: cold process) ...');
  await waitUntilIdle(ctx.server.pid);
  await ctx.server.restart(heapBreakdown ? [`--inspect=127.0.0.1:${inspectorPort}`] : []);
  const inspector = heapBreakdown ? await Inspector.connect(inspectorPort) : undefined;
  // Every worker has loaded and listens (ready answers once the first one does).
  await waitUntilIdle(ctx.server.pid);
  const fleet = SocketFleet.start(Math.ceil(tabs / config.socketsPerWorker));
  try {
    await fleet.reset(); // the workers are up and listening before the clock starts
    await sleep(1_000);
    const heapBefore = inspector ? await heapState(inspector) : undefined;
    const rssBefore = rssBytesOf(ctx.server.pid);
    const cpuBefore = cpuMsOf(ctx.server.pid);
    const kernelBefore = listenCounters();
    const loadBefore = loadAverage();
    const started = Date.now();
    log(`${tabs} tabs connecting at once (${fleet.size} socket workers) ...`);
    const result = await fleet.connect({
      url: `ws://127.0.0.1:${ctx.server.port}/graphql`,
      protocol: 'graphql-ws',
      secret: ctx.sellerSecret,
      subscriptions: SELLER_FRONTEND,
      count: tabs,
      batch: tabs,
      timeoutMs: config.stormTimeoutSeconds * 1000,
    });
    const serverCpuMs = cpuMsOf(ctx.server.pid) - cpuBefore;
    const kernel = countersSince(kernelBefore);
    const loadAfter = loadAverage();
    await sleep(2_000);
    const rssAfter = rssBytesOf(ctx.server.pid);
    const stats = await fleet.stats([]);
    if (result.firstFailure) log(`  first failure: ${result.firstFailure}`);
    const processes = config.workers > 1 ? `, ${config.workers} server workers` : '';
    const section = `reconnect storm: ${count(tabs)} seller tabs at once, 3 subscriptions each, fresh server${processes}`;
    report.add({ section, figure: 'time until every tab is served (acknowledged + initial dashboard)', ours: result.served ? duration(result.lastServedAt - started) : 'n/a' });
    report.add({ section, figure: `tabs failed (not served within ${config.stormTimeoutSeconds} s)`, ours: count(result.failed) });
    report.add({ section, figure: 'server memory per tab (RSS growth / tabs)', ours: bytes((rssAfter - rssBefore) / Math.max(1, result.served)) });
    report.add({ section, figure: 'server CPU per tab', ours: duration(serverCpuMs / Math.max(1, result.served)) });
    report.add({ section, figure: 'client CPU per tab (socket workers)', ours: duration(stats.cpuMs / Math.max(1, tabs)) });
    report.add({ section, figure: 'kernel during the storm: listen overflows / listen drops / SYN retransmits', ours: `${count(kernel.listenOverflows)} / ${count(kernel.listenDrops)} / ${count(kernel.synRetransmits)}` });
    report.add({ section, figure: 'load average (1 min) before / after', ours: `${loadBefore} / ${loadAfter}` });
    if (inspector && heapBefore) {
      const served = Math.max(1, result.served);
      const breakdown = heapDelta(heapBefore, await heapState(inspector), served);
      const perTab = (pick: (usage: NodeJS.MemoryUsage) => number) => bytes((pick(breakdown.after) - pick(breakdown.before)) / served);
      report.add({
        section,
        figure: 'after a full GC, per tab: RSS / V8 heap used / external (of it ArrayBuffers)',
        ours: `${perTab((u) => u.rss)} / ${perTab((u) => u.heapUsed)} / ${perTab((u) => u.external)} (${perTab((u) => u.arrayBuffers)})`,
      });
      log('  the heap per tab by constructor (self sizes, the 25 largest growths):');
      for (const { key, bytesPerTab, countPerTab } of breakdown.byConstructor.slice(0, 25)) {
        log(`    ${String(Math.round(bytesPerTab)).padStart(7)} B  ${countPerTab.toFixed(1).padStart(6)} ×  ${key}`);
      }
    }
    await fleet.closeSockets();
  } finally {
    inspector?.close();
    await fleet.stop();
  }
}

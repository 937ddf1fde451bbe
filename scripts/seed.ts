import 'reflect-metadata';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { newSecret } from '../src/auth/api-key.service';
import { App, startApp } from '../src/app';
import { clock } from '../src/common/clock';
import { createLogger } from '../src/common/logger';
import { Config, ConfigError, loadConfig } from '../src/config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { StartupError } from '../src/startup-error';
import { OrderState, SeedOrderStatesDocument, SeedStateCountsDocument, SeedStateCountsQuery } from '../test/generated/graphql';
import { AfterSalesReport, collectAfterSales, printAfterSales } from './seed/after-sales-summary';
import { SHOPS } from './seed/catalog';
import { GraphQLClient } from './seed/client';
import { OrderPlan, planCustomers, planOrders } from './seed/plan';
import { Step } from './seed/story-builder';
import { DAY, Random } from './seed/random';
import { createMarketplace, Marketplace, OrderRun, previousBatches, StepError, StepRunner } from './seed/runner';

/**
 * `npm run seed`: a realistic demo marketplace in the database `npm start` uses, built through the
 * real GraphQL API (in-process server, typed documents over HTTP). Five Polish shops, 25 customers
 * and 300 orders over the last 60 days in every state, with their after-sales side (messages,
 * incidents, returns, ratings; the customer notifications follow), from a fixed seed: an empty
 * database always gets the same marketplace. Each run adds a batch; nothing is ever deleted.
 */

const BASE_SEED = 20_261_127;
const WINDOW_DAYS = 60;
const ORDERS = Number(process.env.SEED_ORDERS || 300);

const STATES: readonly { state: OrderState; key: keyof Omit<SeedStateCountsQuery, '__typename'> }[] = [
  { state: 'WAITING_ACCEPTANCE', key: 'waitingAcceptance' },
  { state: 'WAITING_DEBIT_PAYMENT', key: 'waitingDebitPayment' },
  { state: 'SHIPPING', key: 'shipping' },
  { state: 'SHIPPED', key: 'shipped' },
  { state: 'TO_COLLECT', key: 'toCollect' },
  { state: 'RECEIVED', key: 'received' },
  { state: 'CLOSED', key: 'closed' },
  { state: 'REFUSED', key: 'refused' },
  { state: 'CANCELED', key: 'canceled' },
];

class SeedAbort extends Error {}

async function openDatabase(config: Config): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) {
    const { host, pathname } = new URL(config.databaseUrl);
    console.log(`Using DATABASE_URL (${host}${pathname}); no server may run on it while the seed back-dates orders.`);
    return { url: config.databaseUrl };
  }
  const databaseDir = resolve(config.dataDir, 'postgres');
  const stopFirst =
    'Stop the server first (Ctrl+C, or SIGTERM), then run `npm run seed` again. To seed another PostgreSQL instead, pass ' +
    'DATABASE_URL=postgres://…; no server may run on that database meanwhile (its sweeper would fire the deadlines of the back-dated orders).';
  console.log(`Starting the embedded PostgreSQL in ${databaseDir} on port ${config.embeddedPgPort}…`);
  const log: string[] = [];
  try {
    const keepTail = (line: string) => {
      log.push(line);
      if (log.length > 30) log.shift();
    };
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: keepTail });
    return { url: embedded.url, embedded };
  } catch (error) {
    // A DATA_DIR or EMBEDDED_PG_PORT in use (the server running?) is a StartupError saying so.
    if (error instanceof StartupError) throw new SeedAbort(`${error.message}\n${stopFirst}`);
    throw new SeedAbort(`The embedded PostgreSQL did not start (${error ?? 'it exited'}). Its last words:\n${log.join('\n')}`);
  }
}

function day(instant: number): string {
  return DateTime.fromMillis(instant, { zone: 'Europe/Warsaw' }).toFormat('yyyy-MM-dd HH:mm');
}

/** Runs every step of every order in time order, the clock set to each step's instant. */
async function simulate(plans: OrderPlan[], runner: StepRunner, api: GraphQLClient, started: number): Promise<OrderRun[]> {
  const runs: OrderRun[] = plans.map(() => ({ lines: [] }));
  const steps: { plan: OrderPlan; step: Step; index: number }[] = plans.flatMap((plan) => plan.steps.map((step, index) => ({ plan, step, index })));
  steps.sort((a, b) => a.step.at - b.step.at || a.plan.seq - b.plan.seq || a.index - b.index);
  let placed = 0;
  for (const { plan, step } of steps) {
    clock.set(new Date(step.at));
    await runner.run(plan, step, runs[plan.seq]);
    if (step.kind === 'place' && ++placed % 50 === 0) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`  ${String(placed).padStart(4)} / ${plans.length} orders placed   simulated time ${day(step.at)}   ${api.calls} API calls   ${seconds} s`);
    }
  }
  return runs;
}

async function finalStates(api: GraphQLClient, operatorKey: string, runs: OrderRun[]): Promise<Map<string, OrderState>> {
  const states = new Map<string, OrderState>();
  const ids = runs.map((run) => run.id!).filter(Boolean);
  for (let i = 0; i < ids.length; i += 100) {
    const { nodes } = await api.request(SeedOrderStatesDocument, { ids: ids.slice(i, i + 100) }, operatorKey);
    for (const node of nodes) if (node?.__typename === 'Order') states.set(node.id, node.state);
  }
  return states;
}

interface Outcome {
  batch: number;
  seed: number;
  seconds: number;
  plans: OrderPlan[];
  runs: OrderRun[];
  states: Map<string, OrderState>;
  totals: SeedStateCountsQuery;
  market: Marketplace;
  operatorKey: string;
  sweeps: number;
  calls: number;
  afterSales: AfterSalesReport;
}

function printStates({ runs, states, totals }: Outcome): void {
  const inBatch = (state: OrderState) => runs.filter((run) => run.id && states.get(run.id) === state).length;
  const row = (label: string, batch: number, all: number) => `  ${label.padEnd(22)} ${String(batch).padStart(10)}   ${String(all).padStart(14)}`;
  console.log('  state                   this batch   whole database');
  for (const { state, key } of STATES) console.log(row(state, inBatch(state), totals[key].totalCount));
  console.log(row('total', runs.filter((run) => run.id).length, totals.all.totalCount));
}

function printHighlights({ plans, runs, states, sweeps }: Outcome): void {
  const count = (test: (plan: OrderPlan) => boolean) => plans.filter(test).length;
  const has = (plan: OrderPlan, test: (step: Step) => boolean) => plan.steps.some(test);
  const toShip = count((plan) => plan.expected === 'SHIPPING');
  const tracked = count((plan) => plan.expected === 'SHIPPING' && has(plan, (step) => step.kind === 'track'));
  const complaint = (step: Step) =>
    step.kind === 'refund' && !step.settlesIncident && !['CUSTOMER_CANCELLED_BEFORE_SHIPPING', 'NOT_COLLECTED'].includes(step.refund!.reason);
  console.log(
    `\n  In this batch: ${count((plan) => plan.workflow === 'PAY_ON_ACCEPTANCE')} prepaid and ` +
      `${count((plan) => plan.workflow === 'PAY_ON_DELIVERY')} cash-on-delivery orders; ${tracked} awaiting shipment with tracking, ` +
      `${toShip - tracked} without;\n  ${count((plan) => has(plan, (step) => Boolean(step.refuseLines)))} accepted with a line refused; ` +
      `${count((plan) => has(plan, complaint))} partly refunded; ${count((plan) => has(plan, (step) => step.kind === 'carrierDelivery'))} ` +
      `delivered by a carrier's report;\n  ${sweeps} deadlines fired by the sweeper as SYSTEM (acceptance and payment timeouts, ` +
      'delivery fallbacks, closes, incident closes).',
  );
  const astray = plans.filter((plan) => runs[plan.seq].id && states.get(runs[plan.seq].id!) !== plan.expected);
  if (astray.length === 0) return;
  console.log(`\n  Note: ${astray.length} orders ended elsewhere than planned (deadlines set shorter than the defaults?), e.g.:`);
  for (const plan of astray.slice(0, 5)) {
    console.log(`    ${runs[plan.seq].reference} (${plan.story}): ${states.get(runs[plan.seq].id!)}, planned ${plan.expected}`);
  }
}

function printKeys({ plans, market, operatorKey }: Outcome): void {
  console.log('\nAPI keys (shown only now; the database keeps their hashes):');
  console.log(`  OPERATOR  ${operatorKey}  (marketplace staff: everything, plus payments and carrier reports)`);
  market.shops.forEach((shop, i) => {
    const spec = SHOPS[i];
    const settings = [spec.category, `${spec.returnPolicyDays}-day returns`];
    if (spec.autoAccept) settings.push('accepts automatically');
    if (!spec.partialAcceptance) settings.push('no partial acceptance');
    console.log(`  SELLER    ${shop.key}  ${shop.name} (${settings.join(', ')})`);
  });
  for (const i of [0, 1]) {
    const orders = plans.filter((plan) => plan.customer === i).length;
    console.log(`  CUSTOMER  ${market.customers[i].key}  ${market.customers[i].name} (${orders} orders)`);
  }
}

function printNextSteps({ batch, market }: Outcome, serveConfig: Config): void {
  const env = [
    serveConfig.databaseUrl ? 'DATABASE_URL=…' : '',
    process.env.DATA_DIR ? `DATA_DIR=${process.env.DATA_DIR}` : '',
    process.env.EMBEDDED_PG_PORT ? `EMBEDDED_PG_PORT=${process.env.EMBEDDED_PG_PORT}` : '',
    process.env.PORT ? `PORT=${process.env.PORT}` : '',
  ].filter(Boolean);
  const host = ['0.0.0.0', '::'].includes(serveConfig.host) ? '127.0.0.1' : serveConfig.host;
  console.log(`\nServe it with \`${[...env, 'npm start'].join(' ')}\`; the GraphQL endpoint is http://${host}:${serveConfig.port}/graphql, e.g.:`);
  console.log(`  curl -s http://${host}:${serveConfig.port}/graphql -H 'content-type: application/json' \\`);
  console.log(`    -H 'authorization: Bearer ${market.shops[0].key}' \\`);
  console.log(`    -d '{"query":"{ orders(first: 5) { totalCount edges { node { reference state stateLabel } } } }"}'`);
  console.log(
    '  (or, with the same key: `{ viewer { dashboard { ordersToShip unreadThreads threadsAwaitingReply openIncidents ' +
      'returnsAwaitingDecision ratingsWithoutReply } } }`)',
  );
  console.log(
    `\nRunning \`npm run seed\` again adds another batch (shops named "… #${batch + 1}", new customers and orders); ` +
      'it never deletes anything.',
  );
}

function report(outcome: Outcome, serveConfig: Config): void {
  console.log(
    `\nSeeded batch ${outcome.batch} (seed ${outcome.seed}) in ${outcome.seconds.toFixed(1)} s: ${outcome.market.shops.length} shops, ` +
      `${outcome.market.customers.length} customers, ${outcome.plans.length} orders, ${outcome.calls} API calls.\n`,
  );
  printStates(outcome);
  printHighlights(outcome);
  printAfterSales(outcome.afterSales);
  printKeys(outcome);
  printNextSteps(outcome, serveConfig);
}

async function main(): Promise<void> {
  const started = performance.now();
  const serveConfig = loadConfig();
  const operatorKey = newSecret();
  const config: Config = { ...serveConfig, port: 0, bootstrapOperatorKey: operatorKey };
  if (!Number.isInteger(ORDERS) || ORDERS < 1) throw new SeedAbort('SEED_ORDERS must be a positive whole number');

  const database = await openDatabase(config);
  let app: App | undefined;
  try {
    app = await startApp(config, database.url, { timers: false, logger: createLogger(process.env.LOG_LEVEL || 'warn') });
    const api = new GraphQLClient(`http://127.0.0.1:${app.port}/graphql`);
    const now = Date.now();
    const batch = (await previousBatches(api, operatorKey)) + 1;
    const seed = BASE_SEED + (batch - 1) * 7_919;
    const rng = new Random(seed);
    const customers = planCustomers(rng);
    const plans = planOrders({ orders: ORDERS, now, windowMs: WINDOW_DAYS * DAY, durations: config }, rng, customers);
    console.log(`Batch ${batch}${batch > 1 ? ' (this database was seeded before; adding to it)' : ''}: ${SHOPS.length} shops, ` +
      `${customers.length} customers, ${plans.length} orders over the last ${WINDOW_DAYS} days (seed ${seed}).`);

    // The marketplace opens a little before its first order.
    clock.set(new Date(Math.min(...plans.map((plan) => plan.steps[0].at)) - 2 * DAY));
    const market = await createMarketplace(api, operatorKey, customers, batch > 1 ? ` #${batch}` : '');
    const sweep = () => app!.sweeper.sweep();
    const runner = new StepRunner(api, market, operatorKey, sweep, `seed-${batch}`);
    const runs = await simulate(plans, runner, api, started);
    clock.reset();
    runner.firedByTimers += await sweep(); // whatever fell due up to the real now, as the server would at start

    const states = await finalStates(api, operatorKey, runs);
    const totals = await api.request(SeedStateCountsDocument, {}, operatorKey);
    const afterSales = await collectAfterSales(api, operatorKey, market, runs);
    const seconds = (performance.now() - started) / 1000;
    const outcome = { batch, seed, seconds, plans, runs, states, totals, market, operatorKey, sweeps: runner.firedByTimers, calls: api.calls, afterSales };
    report(outcome, serveConfig);
  } finally {
    clock.reset();
    await app?.stop();
    await database.embedded?.stop();
  }
}

/**
 * Exits once stdout and stderr have drained. Explicitly: embedded-postgres's exit hook turns a
 * natural exit into exit code 0, whatever process.exitCode says.
 */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main().then(
  () => exit(0),
  (error) => {
    const expected = error instanceof SeedAbort || error instanceof StepError || error instanceof ConfigError;
    console.error(expected ? `\nseed: ${error.message}` : error);
    exit(1);
  },
);

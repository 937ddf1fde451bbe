import { DateTime } from 'luxon';
import { newSecret } from '../../src/auth/api-key.service';
import { App, startApp } from '../../src/app';
import { clock } from '../../src/common/clock';
import { Logger } from '../../src/common/logger';
import { Config } from '../../src/config';
import { OrderState, SeedOrderStatesDocument, SeedStateCountsDocument, SeedStateCountsQuery } from '../../test/generated/graphql';
import { AfterSalesReport, collectAfterSales } from './after-sales-summary';
import { SHOPS } from './catalog';
import { GraphQLClient } from './client';
import { OrderPlan, planCustomers, planOrders } from './plan';
import { DAY, Random } from './random';
import { createMarketplace, Marketplace, OrderRun, previousBatches, StepRunner } from './runner';
import { Step } from './story-builder';

/**
 * One seed batch against a database: an in-process server (timers off: the seed runs the sweeper
 * itself at each simulated instant), the plan for the batch's number, every step in time order
 * through the real GraphQL API, then what the API reads back. `npm run seed` (scripts/seed.ts)
 * prints the outcome; test/seed.test.ts checks it.
 */

const BASE_SEED = 20_261_127;
const WINDOW_DAYS = 60;

export interface SeedOptions {
  /** The server's configuration (durations, limits); its port and bootstrap key are replaced. */
  config: Config;
  databaseUrl: string;
  orders: number;
  logger: Logger;
  /** Progress lines. */
  log: (line: string) => void;
}

export interface SeedOutcome {
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

export async function seedMarketplace({ config: serveConfig, databaseUrl, orders, logger, log }: SeedOptions): Promise<SeedOutcome> {
  const started = performance.now();
  const operatorKey = newSecret();
  const config: Config = { ...serveConfig, port: 0, bootstrapOperatorKey: operatorKey };
  let app: App | undefined;
  try {
    app = await startApp(config, databaseUrl, { timers: false, logger });
    const api = new GraphQLClient(`http://127.0.0.1:${app.port}/graphql`);
    const now = Date.now();
    const batch = (await previousBatches(api, operatorKey)) + 1;
    const seed = BASE_SEED + (batch - 1) * 7_919;
    const rng = new Random(seed);
    const customers = planCustomers(rng);
    const plans = planOrders({ orders, now, windowMs: WINDOW_DAYS * DAY, durations: config }, rng, customers);
    log(`Batch ${batch}${batch > 1 ? ' (this database was seeded before; adding to it)' : ''}: ${SHOPS.length} shops, ` +
      `${customers.length} customers, ${plans.length} orders over the last ${WINDOW_DAYS} days (seed ${seed}).`);

    // The marketplace opens a little before its first order.
    clock.set(new Date(Math.min(...plans.map((plan) => plan.steps[0].at)) - 2 * DAY));
    const market = await createMarketplace(api, operatorKey, customers, batch > 1 ? ` #${batch}` : '');
    const sweep = () => app!.sweeper.sweep();
    const runner = new StepRunner(api, market, operatorKey, sweep, `seed-${batch}`);
    const runs = await simulate(plans, runner, api, started, log);
    clock.reset();
    runner.firedByTimers += await sweep(); // whatever fell due up to the real now, as the server would at start

    const states = await finalStates(api, operatorKey, runs);
    const totals = await api.request(SeedStateCountsDocument, {}, operatorKey);
    const afterSales = await collectAfterSales(api, operatorKey, market, runs);
    const seconds = (performance.now() - started) / 1000;
    return { batch, seed, seconds, plans, runs, states, totals, market, operatorKey, sweeps: runner.firedByTimers, calls: api.calls, afterSales };
  } finally {
    clock.reset();
    await app?.stop();
  }
}

/** Orders that ended elsewhere than their plan said: the seed's stories disagree with the server's rules. */
export function astray({ plans, runs, states }: Pick<SeedOutcome, 'plans' | 'runs' | 'states'>): OrderPlan[] {
  return plans.filter((plan) => runs[plan.seq].id && states.get(runs[plan.seq].id!) !== plan.expected);
}

function day(instant: number): string {
  return DateTime.fromMillis(instant, { zone: 'Europe/Warsaw' }).toFormat('yyyy-MM-dd HH:mm');
}

/** Runs every step of every order in time order, the clock set to each step's instant. */
async function simulate(plans: OrderPlan[], runner: StepRunner, api: GraphQLClient, started: number, log: (line: string) => void): Promise<OrderRun[]> {
  const runs: OrderRun[] = plans.map(() => ({ lines: [] }));
  const steps: { plan: OrderPlan; step: Step; index: number }[] = plans.flatMap((plan) => plan.steps.map((step, index) => ({ plan, step, index })));
  steps.sort((a, b) => a.step.at - b.step.at || a.plan.seq - b.plan.seq || a.index - b.index);
  let placed = 0;
  for (const { plan, step } of steps) {
    clock.set(new Date(step.at));
    await runner.run(plan, step, runs[plan.seq]);
    if (step.kind === 'place' && ++placed % 50 === 0) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`  ${String(placed).padStart(4)} / ${plans.length} orders placed   simulated time ${day(step.at)}   ${api.calls} API calls   ${seconds} s`);
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


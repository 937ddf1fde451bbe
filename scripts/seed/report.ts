import { Config } from '../../src/config';
import { OrderState, SeedStateCountsQuery } from '../../test/generated/graphql';
import { printAfterSales } from './after-sales-summary';
import { SHOPS } from './catalog';
import { OrderPlan, SHOWCASE_SHOP } from './plan';
import { astray, SeedOutcome } from './seed-marketplace';
import { Step } from './story-builder';

/** What `npm run seed` prints after a batch: counts by state, highlights, after-sales, the keys and how to serve it. */

export const STATES: readonly { state: OrderState; key: keyof Omit<SeedStateCountsQuery, '__typename'> }[] = [
  { state: 'WAITING_ACCEPTANCE', key: 'waitingAcceptance' },
  { state: 'WAITING_DEBIT_PAYMENT', key: 'waitingDebitPayment' },
  { state: 'SHIPPING', key: 'shipping' },
  { state: 'SHIPPED', key: 'shipped' },
  { state: 'TO_COLLECT', key: 'toCollect' },
  { state: 'RECEIVED', key: 'received' },
  { state: 'CLOSED', key: 'closed' },
  { state: 'REFUSED', key: 'refused' },
  { state: 'CANCELED', key: 'canceled' },
  { state: 'REFUNDED', key: 'refunded' },
];

function printStates({ runs, states, totals }: SeedOutcome): void {
  const inBatch = (state: OrderState) => runs.filter((run) => run.id && states.get(run.id) === state).length;
  const row = (label: string, batch: number, all: number) => `  ${label.padEnd(22)} ${String(batch).padStart(10)}   ${String(all).padStart(14)}`;
  console.log('  state                   this batch   whole database');
  for (const { state, key } of STATES) console.log(row(state, inBatch(state), totals[key].totalCount));
  console.log(row('total', runs.filter((run) => run.id).length, totals.all.totalCount));
}

function printHighlights(outcome: SeedOutcome): void {
  const { plans, runs, states, sweeps } = outcome;
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
  const elsewhere = astray(outcome);
  if (elsewhere.length === 0) return;
  console.log(`\n  Note: ${elsewhere.length} orders ended elsewhere than planned (deadlines set shorter than the defaults?), e.g.:`);
  for (const plan of elsewhere.slice(0, 5)) {
    console.log(`    ${runs[plan.seq].reference} (${plan.story}): ${states.get(runs[plan.seq].id!)}, planned ${plan.expected}`);
  }
}

function printKeys({ plans, market, operatorKey }: SeedOutcome): void {
  console.log('\nAPI keys (shown only now; the database keeps their hashes):');
  console.log(`  OPERATOR  ${operatorKey}  (marketplace staff: everything, plus payments and carrier reports)`);
  market.shops.forEach((shop, i) => {
    const spec = SHOPS[i];
    const settings = [spec.category, `${spec.returnPolicyDays}-day returns`];
    if (spec.autoAccept) settings.push('accepts automatically');
    if (!spec.partialAcceptance) settings.push('no partial acceptance');
    if (i === SHOWCASE_SHOP) settings.push('orders in every state');
    console.log(`  SELLER    ${shop.key}  ${shop.name} (${settings.join(', ')})`);
  });
  for (const i of [0, 1]) {
    const orders = plans.filter((plan) => plan.customer === i).length;
    console.log(`  CUSTOMER  ${market.customers[i].key}  ${market.customers[i].name} (${orders} orders)`);
  }
}

function printNextSteps({ batch, market }: SeedOutcome, serveConfig: Config): void {
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

export function report(outcome: SeedOutcome, serveConfig: Config): void {
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


import { Client } from 'pg';
import { clock } from '../src/common/clock';
import { localIdOf } from '../src/common/global-id';
import { OrderDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';

/**
 * One row whose timed step throws (here: a trigger that makes the database refuse its update) is
 * logged, counted in deadline_sweep_failures_total and skipped; the sweep fires the others, and
 * the row fires at a later sweep once it can.
 */
let t: TestApp;
let market: Market;
let db: Client;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  clock.reset();
  await db.end();
  await t.close();
});

async function stateOf(id: string): Promise<string> {
  return (await t.gql(OrderDocument, { id })).order!.state;
}

async function failuresMetric(): Promise<string[]> {
  const text = await (await fetch(t.url.replace('/graphql', '/metrics'))).text();
  return text.split('\n').filter((line) => line.startsWith('deadline_sweep_failures_total{'));
}

it('skips a row whose timed step throws, fires the others, and fires it once it can', async () => {
  const orders = [await placeOrder(t, market), await placeOrder(t, market), await placeOrder(t, market)];
  const failing = orders[1];
  const uuid = localIdOf('Order', failing.id)!;
  await db.query(`create function refuse_update() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
  await db.query(`create trigger refuse_one before update on "order" for each row when (old.id = '${uuid}') execute function refuse_update()`);

  clock.set(new Date(Date.parse(orders[2].acceptanceDeadline!) + 1));
  expect(await t.app.sweeper.sweep()).toBe(2);
  expect(await Promise.all(orders.map((order) => stateOf(order.id)))).toEqual(['REFUSED', 'WAITING_ACCEPTANCE', 'REFUSED']);
  expect(await failuresMetric()).toEqual(['deadline_sweep_failures_total{kind="Order.ACCEPTANCE_TIMEOUT"} 1']);

  await db.query('drop trigger refuse_one on "order"');
  expect(await t.app.sweeper.sweep()).toBe(1);
  expect(await stateOf(failing.id)).toBe('REFUSED');
});

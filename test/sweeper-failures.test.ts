import { Client } from 'pg';
import { clock } from '../src/common/clock';
import { localIdOf } from '../src/common/global-id';
import { loadConfig } from '../src/config';
import { Sweeper } from '../src/timers/sweeper';
import { OrderDocument } from './generated/graphql';
import { silentLogger, startTestApp, TestApp } from './support/app';
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
  await db.query(`create function refuse_update() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
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

it('skips a row whose timed step throws, logs it, fires the others, and fires it once it can', async () => {
  const logged = jest.spyOn(silentLogger, 'error');
  const orders = [await placeOrder(t, market), await placeOrder(t, market), await placeOrder(t, market)];
  const failing = orders[1];
  const uuid = localIdOf('Order', failing.id)!;
  await db.query(`create trigger refuse_one before update on "order" for each row when (old.id = '${uuid}') execute function refuse_update()`);

  clock.set(new Date(Date.parse(orders[2].acceptanceDeadline!) + 1));
  expect(await t.app.sweeper.sweep()).toBe(2);
  expect(await Promise.all(orders.map((order) => stateOf(order.id)))).toEqual(['REFUSED', 'WAITING_ACCEPTANCE', 'REFUSED']);
  expect(await failuresMetric()).toEqual(['deadline_sweep_failures_total{kind="Order.ACCEPTANCE_TIMEOUT"} 1']);
  const calls = logged.mock.calls as unknown as [{ timer: string; uuid: string }, string][];
  const failures = calls.filter(([, message]) => message === 'a timed step failed on this row; skipped until the next sweep');
  expect(failures.map(([fields]) => [fields.timer, fields.uuid])).toEqual([['Order.ACCEPTANCE_TIMEOUT', uuid]]);
  logged.mockRestore();

  await db.query('drop trigger refuse_one on "order"');
  expect(await t.app.sweeper.sweep()).toBe(1);
  expect(await stateOf(failing.id)).toBe('REFUSED');
});

it('pages past a full batch of failing rows, so they never hide the due rows behind them', async () => {
  clock.reset();
  const orders = [await placeOrder(t, market), await placeOrder(t, market), await placeOrder(t, market)];
  const uuids = orders.map((order) => localIdOf('Order', order.id)!);
  await db.query(`create trigger refuse_two before update on "order" for each row when (old.id in ('${uuids[0]}', '${uuids[1]}')) execute function refuse_update()`);
  // A sweeper reading two rows a page: the two oldest due rows fill its first page and both fail.
  const sweeper = new Sweeper(t.app.orm.em, loadConfig({ PORT: '0' }), silentLogger, undefined, 2);
  clock.set(new Date(Date.parse(orders[2].acceptanceDeadline!) + 1));
  expect(await sweeper.sweep()).toBe(1);
  expect(await Promise.all(orders.map((order) => stateOf(order.id)))).toEqual(['WAITING_ACCEPTANCE', 'WAITING_ACCEPTANCE', 'REFUSED']);
  await db.query('drop trigger refuse_two on "order"');
});

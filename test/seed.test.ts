import { loadConfig } from '../src/config';
import { SeedStateCountsDocument, SeedStateCountsQuery } from './generated/graphql';
import { createTestDatabase, silentLogger, startTestApp, TestApp } from './support/app';
import { STATES } from '../scripts/seed/report';
import { astray, seedMarketplace, SeedOutcome } from '../scripts/seed/seed-marketplace';

/**
 * `npm run seed`'s batch, run in-process against a fresh database with fewer orders than the default
 * (every story still gets at least one): where each order ends must agree with the server's rules,
 * and the first seller key it prints must show a shop with orders in every state.
 */

const ORDERS = 40;
const seed = (databaseUrl: string) =>
  seedMarketplace({ config: loadConfig({ PORT: '0' }), databaseUrl, orders: ORDERS, logger: silentLogger, log: () => undefined });

const countsByState = (totals: SeedStateCountsQuery) => Object.fromEntries(STATES.map(({ state, key }) => [state, totals[key].totalCount]));

let first: SeedOutcome;
let second: SeedOutcome;
let server: TestApp;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  first = await seed(databaseUrl);
  second = await seed(databaseUrl);
  server = await startTestApp({ databaseUrl });
}, 240_000);

afterAll(() => server?.close());

describe('the seed', () => {
  it('ends every order in the state its story planned (no story disagrees with the rules)', () => {
    expect(astray(first).map((plan) => `${plan.story}: planned ${plan.expected}, ended ${first.states.get(first.runs[plan.seq].id!)}`)).toEqual([]);
    expect(astray(second).length).toBe(0);
    expect(first.runs.filter((run) => run.id).length).toBe(ORDERS);
  });

  it('counts the orders of every state, and the counts add up to the total', () => {
    const counts = countsByState(first.totals);
    expect(Object.keys(counts)).toHaveLength(10);
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(first.totals.all.totalCount);
    expect(first.totals.all.totalCount).toBe(ORDERS);
  });

  it('prints first the key of a seller whose shop has orders in every state', async () => {
    const showcase = await server.gql(SeedStateCountsDocument, {}, first.market.shops[0].key);
    const empty = Object.entries(countsByState(showcase)).filter(([, count]) => count === 0).map(([state]) => state);
    expect(empty).toEqual([]);
  });

  it('adds a second batch (shops named "… #2", the same number of orders) and deletes nothing', async () => {
    expect([first.batch, second.batch]).toEqual([1, 2]);
    expect(second.market.shops.map((shop) => shop.name.endsWith(' #2'))).toEqual(first.market.shops.map(() => true));
    const whole = await server.gql(SeedStateCountsDocument, {}, second.operatorKey);
    expect(whole.all.totalCount).toBe(2 * ORDERS);
    const firstShop = await server.gql(SeedStateCountsDocument, {}, first.market.shops[0].key);
    expect(firstShop.all.totalCount).toBe(first.plans.filter((plan) => plan.shop === 0).length);
  });
});

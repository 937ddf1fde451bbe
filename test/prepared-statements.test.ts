import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';

/**
 * The order reads' statements run as named prepared statements (src/common/prepared-statements.ts):
 * PostgreSQL plans each text once per connection. Seen here as knex reports each statement it sends.
 */

let t: TestApp;
let market: Market;
const orders: { id: string; reference: string }[] = [];
const sent: { sql: string; options?: { name?: string } }[] = [];

type OneOrder = { order: { reference: string; lines: { productTitle: string }[]; customer: { displayName: string } } | null };
const ORDER = parse(`
  query PreparedOrder($id: ID!) { order(id: $id) { reference lines { productTitle } customer { displayName } } }
`) as TypedDocumentNode<OneOrder, { id: string }>;

type Page = { orders: { totalCount: number; edges: { node: { reference: string } }[] } };
const PAGE = parse(`
  query PreparedPage($first: Int!) { orders(first: $first, filter: { states: [WAITING_ACCEPTANCE] }) { totalCount edges { node { reference } } } }
`) as TypedDocumentNode<Page, { first: number }>;

type PageWithIncidents = { orders: { edges: { node: { reference: string; incidents: { id: string }[] } }[] } };
const PAGE_WITH_INCIDENTS = parse(`
  query PreparedPageWithIncidents($first: Int!) { orders(first: $first) { edges { node { reference incidents { id } } } } }
`) as TypedDocumentNode<PageWithIncidents, { first: number }>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  for (let i = 0; i < 3; i += 1) orders.push(await placeOrder(t, market));
  await t.gql(ORDER, { id: orders[0].id }, market.keys.seller); // the seller's key is cached from here on
  t.app.orm.em.getKnex().on('query', (query: { sql: string; options?: { name?: string } }) => sent.push(query));
});
afterAll(() => t.close());

async function statementsOf(work: () => Promise<unknown>): Promise<{ sql: string; name: string | undefined }[]> {
  const from = sent.length;
  await work();
  return sent.slice(from).map(({ sql, options }) => ({ sql, name: options?.name }));
}

const PREPARED_NAME = /^app_[0-9a-f]{32}$/;

describe('prepared order reads', () => {
  it('reads an order by id with its lines and customer in one prepared statement, the same for every order', async () => {
    const names: (string | undefined)[] = [];
    for (const { id, reference } of orders.slice(0, 2)) {
      let answer: OneOrder | undefined;
      const statements = await statementsOf(async () => {
        answer = await t.gql(ORDER, { id }, market.keys.seller);
      });
      expect(answer!.order).toEqual({
        reference,
        lines: [{ productTitle: 'Pan Tadeusz — wydanie ilustrowane' }, { productTitle: 'Lalka, Bolesław Prus' }],
        customer: { displayName: 'Anna Kowalska' },
      });
      expect(statements).toHaveLength(1);
      expect(statements[0].name).toMatch(PREPARED_NAME);
      names.push(statements[0].name);
    }
    expect(names[1]).toBe(names[0]);
  });

  it('prepares a filtered page and its totalCount, whatever the page size', async () => {
    const runs: (string | undefined)[][] = [];
    for (const first of [1, 2]) {
      let page: Page | undefined;
      const statements = await statementsOf(async () => {
        page = await t.gql(PAGE, { first }, market.keys.seller);
      });
      expect(page!.orders.totalCount).toBe(3);
      expect(page!.orders.edges).toHaveLength(first);
      expect(statements.map(({ name }) => PREPARED_NAME.test(name ?? ''))).toEqual([true, true]);
      runs.push(statements.map(({ name }) => name));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(new Set(runs[0]).size).toBe(2);
  });

  it('runs unprepared the page that loads managed entities (`o.*` follows the table, which a migration may widen)', async () => {
    let page: PageWithIncidents | undefined;
    const statements = await statementsOf(async () => {
      page = await t.gql(PAGE_WITH_INCIDENTS, { first: 3 }, market.keys.seller);
    });
    expect(page!.orders.edges.map(({ node }) => node.incidents)).toEqual([[], [], []]);
    const pageStatement = statements.find(({ sql }) => sql.startsWith('select o.* from "order" o'));
    expect(pageStatement).toBeDefined();
    expect(pageStatement!.name).toBeUndefined();
  });
});

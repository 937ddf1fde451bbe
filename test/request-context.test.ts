import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { AuthTypenameDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';

/**
 * The fixed cost of an HTTP request: its context forks the EntityManager (and makes its loaders)
 * only when a resolver first uses them (src/context.ts, RequestContext).
 */

let t: TestApp;
let market: Market;
let forks = 0;

type PageWithIncidents = { orders: { edges: { node: { id: string; customer: { displayName: string }; incidents: { id: string }[] } }[] } };
/** `incidents` is another module's field: the page loads managed entities, and the customers and incidents through loaders. */
const PAGE_WITH_INCIDENTS = parse(`
  query PageWithIncidents($first: Int!) {
    orders(first: $first) { edges { node { id customer { displayName } incidents { id } } } }
  }
`) as TypedDocumentNode<PageWithIncidents, { first: number }>;

type Page = { orders: { edges: { node: { id: string; customer: { displayName: string } } }[] } };
/** Fields PostgreSQL answers (src/orders/order-sql.ts): no entity is loaded, so no EntityManager is needed. */
const PAGE = parse(`query Page($first: Int!) { orders(first: $first) { edges { node { id customer { displayName } } } } }`) as TypedDocumentNode<Page, { first: number }>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  for (let i = 0; i < 3; i += 1) await placeOrder(t, market);
  // Counts the forks of the instance's root EntityManager, which every request's context forks from.
  const em = t.app.orm.em;
  const fork = em.fork.bind(em);
  em.fork = ((...args: Parameters<typeof em.fork>) => {
    forks += 1;
    return fork(...args);
  }) as typeof em.fork;
});
afterAll(() => t.close());

async function forksDuring(work: () => Promise<unknown>): Promise<number> {
  const before = forks;
  await work();
  return forks - before;
}

describe('an HTTP request’s context', () => {
  it('forks no EntityManager for an authenticated `{ __typename }`, which reads nothing', async () => {
    await t.gql(AuthTypenameDocument, {}, market.keys.seller); // the key is cached from here on
    let answer: unknown;
    const count = await forksDuring(async () => {
      answer = await t.gql(AuthTypenameDocument, {}, market.keys.seller);
    });
    expect(answer).toEqual({ __typename: 'Query' });
    expect(count).toBe(0);
  });

  it('forks no EntityManager for a page PostgreSQL answers', async () => {
    let page: Page | undefined;
    const count = await forksDuring(async () => {
      page = await t.gql(PAGE, { first: 3 }, market.keys.seller);
    });
    expect(page!.orders.edges.map(({ node }) => node.customer.displayName)).toEqual(['Anna Kowalska', 'Anna Kowalska', 'Anna Kowalska']);
    expect(count).toBe(0);
  });

  it('forks one EntityManager per request however many resolvers and loaders use it', async () => {
    let page: PageWithIncidents | undefined;
    const count = await forksDuring(async () => {
      page = await t.gql(PAGE_WITH_INCIDENTS, { first: 3 }, market.keys.seller);
    });
    expect(page!.orders.edges).toHaveLength(3);
    expect(page!.orders.edges.every(({ node }) => node.customer.displayName === 'Anna Kowalska' && node.incidents.length === 0)).toBe(true);
    expect(count).toBe(1);
    expect(await forksDuring(() => Promise.all([1, 2].map(() => t.gql(PAGE_WITH_INCIDENTS, { first: 3 }, market.keys.seller))))).toBe(2);
  });
});

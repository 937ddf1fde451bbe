import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Client } from 'pg';
import { migrate, openOrm } from '../src/db/orm';
import { EventsDocument, LiveEventsDocument, NodeDocument } from './generated/graphql';
import { createTestDatabase, GraphQLResponse, startTestApp, TestApp } from './support/app';
import { connected, liveClient, subscribe } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';

/**
 * Nothing a shop receives may count the rest of the marketplace: event cursors, event ids and
 * order references carry no global counter, and a forged cursor is refused rather than read.
 */

let t: TestApp;
let market: Market;
const clients: { dispose(): void | Promise<void> }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(() => t.close());

type Variables = Record<string, unknown>;
const doc = (source: string) => parse(source) as unknown as TypedDocumentNode<Record<string, unknown>, Variables>;
const TIMELINE = doc('query ($id: ID!, $after: String) { order(id: $id) { timeline(first: 10, after: $after) { edges { cursor node { id type } } } } }');

/** The seller's own events, as `events` lists them. */
async function sellerEvents(secret = market.keys.seller) {
  const { events } = await t.gql(EventsDocument, { first: 100 }, secret);
  return events.edges;
}

function expectBadRequest(response: GraphQLResponse<unknown>): void {
  expect(response.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['BAD_REQUEST', 'after is not an event cursor']]);
  expect(response.data ?? null).toBeNull();
}

/** Changes one character in the middle of a token, keeping it well-formed base64url. */
function tampered(token: string): string {
  const i = Math.floor(token.length / 2);
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

describe('event cursors and ids', () => {
  it('carry no counter: between two of a shop\'s events, 20 events of another shop change nothing readable', async () => {
    const fresh = await createMarket(t);
    await placeOrder(t, fresh);
    for (let i = 0; i < 20; i += 1) await placeOrder(t, fresh, { shopId: fresh.otherShop.id }, fresh.keys.otherCustomer);
    await placeOrder(t, fresh);
    const [first, second] = await sellerEvents(fresh.keys.seller);

    for (const edge of [first, second]) {
      expect(edge.cursor).toMatch(/^[A-Za-z0-9_-]{44}$/);
      expect(edge.node.cursor).toBe(edge.cursor);
      // The old formats spelled the log's row id out: "ev:<id>" and "Event:<id>".
      expect(Buffer.from(edge.cursor, 'base64url').toString('latin1')).not.toMatch(/^ev:\d+$/);
      expect(Buffer.from(edge.node.id, 'base64url').toString('utf8')).toMatch(/^Event:[A-Za-z0-9_-]{44}$/);
    }
    // The same event always has the same cursor and id.
    const again = await sellerEvents(fresh.keys.seller);
    expect(again.map((edge) => [edge.cursor, edge.node.id])).toEqual([first, second].map((edge) => [edge.cursor, edge.node.id]));
    // And they still work: resume after the first, fetch the second by id.
    const { events } = await t.gql(EventsDocument, { after: first.cursor, first: 10 }, fresh.keys.seller);
    expect(events.edges.map((edge) => edge.node.id)).toEqual([second.node.id]);
    const { node } = await t.gql(NodeDocument, { id: second.node.id }, fresh.keys.seller);
    expect(node).toMatchObject({ __typename: 'Event', id: second.node.id });
  });

  it('refuse a forged or altered cursor with BAD_REQUEST, on events, timelines and the events subscription', async () => {
    const order = await placeOrder(t, market);
    const [edge] = await sellerEvents();
    const eventToken = Buffer.from(edge.node.id, 'base64url').toString('utf8').slice('Event:'.length);
    const forged = [
      tampered(edge.cursor), // one character changed
      eventToken, // an event id is not a cursor
      Buffer.from('ev:1', 'utf8').toString('base64url'), // the old format, for an event the old format never named
      'A'.repeat(44), // well-formed, never handed out
      'not a cursor',
    ];
    for (const after of forged) {
      expectBadRequest(await t.request(EventsDocument, { after, first: 5 }, market.keys.seller));
      const timeline = await t.request(TIMELINE, { id: order.id, after }, market.keys.seller);
      expect(timeline.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
    }

    const c = liveClient(t, market.keys.seller);
    clients.push(c);
    await connected(c);
    const feed = subscribe(c, LiveEventsDocument, { after: tampered(edge.cursor) });
    for (let attempt = 0; attempt < 200 && feed.errors.length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(JSON.stringify(feed.errors)).toContain('BAD_REQUEST');
    expect(feed.items).toEqual([]);
  });

  it('answer a forged event id with null', async () => {
    const [edge] = await sellerEvents();
    const [type, token] = Buffer.from(edge.node.id, 'base64url').toString('utf8').split(':');
    const forgedId = Buffer.from(`${type}:${tampered(token)}`, 'utf8').toString('base64url');
    expect((await t.gql(NodeDocument, { id: forgedId }, market.keys.seller)).node).toBeNull();
    expect((await t.gql(NodeDocument, { id: Buffer.from('Event:1', 'utf8').toString('base64url') }, market.keys.seller)).node).toBeNull();
  });
});

describe('order references', () => {
  it('keep the documented shape but count nothing: 20 orders in a row get unrelated numbers', async () => {
    const references: string[] = [];
    for (let i = 0; i < 20; i += 1) references.push((await placeOrder(t, market)).reference);
    for (const reference of references) expect(reference).toMatch(/^\d{8}\d{10}-A$/);
    const numbers = references.map((reference) => BigInt(reference.slice(8, 18)));
    expect(new Set(numbers).size).toBe(20);
    const steps = numbers.slice(1).map((number, i) => number - numbers[i]);
    // A sequence (the old scheme) moves by 1 each time; random numbers almost never do.
    expect(steps.filter((step) => step === 1n || step === -1n).length).toBeLessThan(3);
  });
});

describe('a database from before opaque cursors', () => {
  it('still resumes from an old-format cursor of an event it already had, and refuses one naming a later event', async () => {
    const databaseUrl = await createTestDatabase();
    const orm = await openOrm(databaseUrl);
    await orm.getMigrator().up({ to: 'Migration20261127080000' });
    const raw = new Client({ connectionString: databaseUrl });
    await raw.connect();
    const { rows } = await raw.query<{ id: string }>(
      `insert into event (type, occurred_at, actor_type, actor_name) select 'ORDER_PLACED', now(), 'SYSTEM', 'System' from generate_series(1, 3) returning id`,
    );
    await raw.end();
    await migrate(orm);
    await orm.close();

    const old = await startTestApp({ databaseUrl });
    try {
      const legacy = (id: string | bigint) => Buffer.from(`ev:${id}`, 'utf8').toString('base64url');
      const ids = rows.map((row) => row.id);
      const page = await old.gql(EventsDocument, { after: legacy(ids[0]), first: 10 });
      expect(page.events.edges.map((edge) => edge.node.type)).toEqual(['ORDER_PLACED', 'ORDER_PLACED']);
      const all = await old.gql(EventsDocument, { first: 10 });
      expect(page.events.edges.map((edge) => edge.cursor)).toEqual(all.events.edges.slice(1).map((edge) => edge.cursor));
      expectBadRequest(await old.request(EventsDocument, { after: legacy(BigInt(ids[2]) + 1n), first: 10 }));
    } finally {
      await old.close();
    }
  });
});

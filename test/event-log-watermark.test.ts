import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Client } from 'pg';
import { SYSTEM_ACTOR } from '../src/auth/viewer';
import { appendEvents } from '../src/common/events/event-log';
import { EventType } from '../src/common/events/event-type';
import { localIdOf } from '../src/common/global-id';
import {
  CreateCustomerDocument,
  CreateShopDocument,
  EventsDocument,
  EventsQuery,
  IssueApiKeyDocument,
  LiveEventsDocument,
  PlaceOrderDocument,
} from './generated/graphql';
import { OPERATOR_SECRET, startTestApp, TestApp } from './support/app';
import { connected, liveClient, subscribe, subscriptionsActive } from './support/live';
import { asOrder, createMarket, Market, orderInput, placeOrder, readOrder } from './support/market';

/**
 * The event log has no global lock: readers stop at the commit watermark instead. These tests hold
 * transactions open and race writers to show that writes never wait for one another across shops,
 * that an order's events still follow its version order, and that nothing is lost or duplicated.
 */

let t: TestApp;
const clients: { dispose(): void | Promise<void> }[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(() => t.close());

async function operatorFeed() {
  const c = liveClient(t, OPERATOR_SECRET);
  clients.push(c);
  await connected(c);
  const active = t.app.bus.subscriberCount;
  const feed = subscribe(c, LiveEventsDocument, {});
  await subscriptionsActive(t, active + 1);
  return feed;
}

/** Every event after `after` as the operator sees them, paging through `events(after:)`. */
async function logAfter(after: string | null): Promise<{ events: EventsQuery['events']['edges'][number]['node'][]; end: string | null }> {
  const events: EventsQuery['events']['edges'][number]['node'][] = [];
  let cursor = after;
  for (;;) {
    const { events: page } = await t.gql(EventsDocument, { after: cursor, first: 100 });
    events.push(...page.edges.map(({ node }) => node));
    cursor = page.pageInfo.endCursor ?? cursor;
    if (!page.pageInfo.hasNextPage) return { events, end: cursor };
  }
}

const describeEvent = (event: { type: string; order?: { id: string } | null }) => `${event.type} ${event.order?.id}`;

/** Settles with 'write' or, if the write is still waiting after a generous bound, 'still waiting'. */
function firstOf(write: Promise<unknown>): Promise<'write' | 'still waiting'> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    write.then(() => 'write' as const),
    new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), 10_000))),
  ]).finally(() => clearTimeout(timer));
}

function idsOf(market: Market, orderId: string) {
  return { orderUuid: localIdOf('Order', orderId)!, shopUuid: localIdOf('Shop', market.shop.id)!, customerUuid: localIdOf('Customer', market.customer.id)! };
}

describe('a transaction held open', () => {
  it('that appended an event on one order delays no write on another shop; both events arrive once it ends, in one order', async () => {
    const m = await createMarket(t);
    const held = await placeOrder(t, m);
    const { end: start } = await logAfter(null);
    const feed = await operatorFeed();

    let appended!: () => void;
    const hasAppended = new Promise<void>((resolve) => (appended = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holder = t.app.orm.em.fork().transactional(async (em) => {
      const ids = idsOf(m, held.id);
      await em.getConnection().execute('select id from "order" where id = ? for update', [ids.orderUuid], 'all', em.getTransactionContext());
      await appendEvents(em, [{ type: EventType.ORDER_TRACKING_SET, actor: SYSTEM_ACTOR, occurredAt: new Date(), ...ids }]);
      appended();
      await released; // open, with its event appended, until the other shop's write is done
    });
    await hasAppended;

    const write = placeOrder(t, m, { shopId: m.otherShop.id });
    const settled = await firstOf(write);
    release();
    await holder;
    expect(settled).toBe('write');
    const other = await write;

    const delivered = (await feed.until(2)).map(({ events }) => describeEvent(events));
    expect(delivered).toEqual([`ORDER_TRACKING_SET ${held.id}`, `ORDER_PLACED ${other.id}`]);
    const { events: logged } = await logAfter(start);
    expect(logged.map(describeEvent)).toEqual(delivered);
    expect(feed.items).toHaveLength(2);
  });

  it('by another client holding an order row (begin; select … for update) delays no write on another shop', async () => {
    const m = await createMarket(t);
    const held = await placeOrder(t, m);
    const feed = await operatorFeed();
    const raw = new Client({ connectionString: t.databaseUrl });
    await raw.connect();
    try {
      await raw.query('begin');
      await raw.query('select id from "order" where id = $1 for update', [localIdOf('Order', held.id)]);
      const write = placeOrder(t, m, { shopId: m.otherShop.id });
      expect(await firstOf(write)).toBe('write');
      const other = await write;
      await raw.query('commit');
      expect((await feed.until(1)).map(({ events }) => describeEvent(events))).toEqual([`ORDER_PLACED ${other.id}`]);
    } finally {
      await raw.end();
    }
  });
});

describe('two writers of one order', () => {
  it("keep the order's version order in the log when the second took its transaction id before the first", async () => {
    const m = await createMarket(t);
    const order = await placeOrder(t, m);
    const { end: start } = await logAfter(null);
    const feed = await operatorFeed();
    const accept = parse('mutation ($input: AcceptOrderInput!) { acceptOrder(input: $input) { __typename } }') as unknown as TypedDocumentNode<
      { acceptOrder: { __typename: string } },
      { input: { orderId: string } }
    >;

    const ids = idsOf(m, order.id);
    await t.app.orm.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const context = em.getTransactionContext();
      // The second writer gets its transaction id first (as any earlier write in it would)...
      await connection.execute('select pg_current_xact_id()', [], 'all', context);
      // ...the first writer changes the order and commits meanwhile...
      expect(await t.gql(accept, { input: { orderId: order.id } }, m.keys.seller)).toEqual({ acceptOrder: { __typename: 'Order' } });
      // ...then the second takes the order's row, changes it after the first, and appends its event.
      await connection.execute('update "order" set version = version + 1 where id = ?', [ids.orderUuid], 'all', context);
      await appendEvents(em, [{ type: EventType.ORDER_TRACKING_SET, actor: SYSTEM_ACTOR, occurredAt: new Date(), ...ids }]);
    });

    const raw = await t.app.orm.em.fork().getConnection().execute<{ type: string; txid: string }[]>(
      'select type, txid::text from event where order_uuid = ? and type <> ? order by id',
      [ids.orderUuid, 'ORDER_PLACED'],
    );
    expect(raw.map((row) => row.type)).toEqual(['ORDER_ACCEPTED', 'ORDER_TRACKING_SET']);
    expect(BigInt(raw[1].txid) < BigInt(raw[0].txid)).toBe(true); // the race this test is about did happen

    const expected = [`ORDER_ACCEPTED ${order.id}`, `ORDER_TRACKING_SET ${order.id}`];
    expect((await feed.until(2)).map(({ events }) => describeEvent(events))).toEqual(expected);
    expect((await logAfter(start)).events.map(describeEvent)).toEqual(expected);
    expect((await readOrder(t, order.id)).timeline.edges.map(({ node }) => node.type)).toEqual(['ORDER_PLACED', 'ORDER_ACCEPTED', 'ORDER_TRACKING_SET']);
  });
});

describe('16 concurrent writers on different shops', () => {
  it('lose and duplicate nothing: the log and a live subscriber both hold every event once, in the same order', async () => {
    const writers = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const { createShop: shop } = await t.gql(CreateShopDocument, { input: { name: `Sklep ${i + 1}` } });
        const { createCustomer: customer } = await t.gql(CreateCustomerDocument, { input: { displayName: `Klient ${i + 1}`, email: `klient${i + 1}@example.pl` } });
        const { issueApiKey } = await t.gql(IssueApiKeyDocument, { input: { name: `customer ${i + 1}`, role: 'CUSTOMER', customerId: customer.id } });
        return { shopId: shop.id, secret: issueApiKey.secret };
      }),
    );
    const { end: start } = await logAfter(null);
    const feed = await operatorFeed();

    const placed = (
      await Promise.all(
        writers.map(async (writer) => {
          const ids: string[] = [];
          for (let i = 0; i < 5; i += 1) {
            const { placeOrder: result } = await t.gql(PlaceOrderDocument, { input: orderInput(writer.shopId) }, writer.secret);
            ids.push(asOrder(result).id);
          }
          return ids;
        }),
      )
    ).flat();

    const delivered = await feed.until(80);
    const { events: logged } = await logAfter(start);
    expect(logged.map((event) => event.type)).toEqual(Array(80).fill('ORDER_PLACED'));
    expect(logged.map((event) => event.order?.id).sort()).toEqual([...placed].sort());
    expect(new Set(logged.map((event) => event.id)).size).toBe(80);
    expect(delivered.map(({ events }) => events.id)).toEqual(logged.map((event) => event.id));
    expect(feed.items).toHaveLength(80);
  });
});

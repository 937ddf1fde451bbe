import { clock } from '../src/common/clock';
import {
  IncidentEventsDocument,
  IncidentListDocument,
  IncidentNodeDocument,
  IncidentOrderDocument,
  LiveIncidentOpenedDocument,
  LiveIncidentUpdatedDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asIncident, incidentCalls, incidentOrder, orderIn, timelineOf } from './support/incidents';
import { connected, liveClient, subscribe, subscriptionsActive } from './support/live';
import { createMarket, Market } from './support/market';
import { sendOk } from './support/messages';

const DAY = 24 * 3_600_000;
/** "Just before": far enough that the real time a sweep takes cannot reach the deadline. */
const JUST_BEFORE = 5_000;

/** An incident on a received order of the market's shop, and one on the other shop's order of the other customer. */
async function twoShops(t: TestApp, m: Market) {
  const calls = incidentCalls(t);
  const ours = await orderIn(t, m, 'RECEIVED');
  const theirs = await orderIn(t, m, 'RECEIVED', { customerSecret: m.keys.otherCustomer, sellerSecret: m.keys.otherSeller, overrides: { shopId: m.otherShop.id } });
  const mine = asIncident(await calls.open(m.keys.customer, { orderId: ours.id, reason: 'DEFECTIVE', message: 'Uszkodzone.' }));
  const other = asIncident(await calls.open(m.keys.otherCustomer, { orderId: theirs.id, reason: 'NOT_AS_DESCRIBED', message: 'Inne.' }));
  return { ours, theirs, mine, other };
}

describe('who sees and changes an incident', () => {
  let t: TestApp;
  let m: Market;
  let setup: Awaited<ReturnType<typeof twoShops>>;

  beforeAll(async () => {
    t = await startTestApp();
    m = await createMarket(t);
    setup = await twoShops(t, m);
  });
  afterAll(() => t.close());

  it('lists and reads incidents for their shop, their customer and operators only', async () => {
    const { mine, other, ours } = setup;
    const listed = async (secret: string) => {
      const { incidents } = await t.gql(IncidentListDocument, {}, secret);
      return [incidents.totalCount, incidents.edges.map(({ node }) => node.id)];
    };
    expect(await listed(m.keys.seller)).toEqual([1, [mine.id]]);
    expect(await listed(m.keys.customer)).toEqual([1, [mine.id]]);
    expect(await listed(m.keys.otherSeller)).toEqual([1, [other.id]]);
    expect(await listed(m.keys.otherCustomer)).toEqual([1, [other.id]]);
    expect(await listed(m.keys.operator)).toEqual([2, [other.id, mine.id]]);

    const node = async (id: string, secret: string) => {
      const { node: found } = await t.gql(IncidentNodeDocument, { id }, secret);
      return found?.__typename === 'Incident' ? found.id : found;
    };
    expect(await Promise.all([m.keys.seller, m.keys.customer, m.keys.operator].map((secret) => node(mine.id, secret)))).toEqual([mine.id, mine.id, mine.id]);
    expect(await Promise.all([m.keys.otherSeller, m.keys.otherCustomer].map((secret) => node(mine.id, secret)))).toEqual([null, null]);
    expect((await t.gql(IncidentOrderDocument, { id: ours.id }, m.keys.otherSeller)).order).toBeNull();
    expect((await incidentOrder(t, ours.id, m.keys.seller)).incidents.map(({ id }) => id)).toEqual([mine.id]);

    const { events } = await t.gql(IncidentEventsDocument, { types: ['INCIDENT_OPENED', 'INCIDENT_UPDATED'] }, m.keys.otherSeller);
    expect(events.edges.map(({ node: event }) => event.incident?.id)).toEqual([other.id]);
  });

  it("answers NotFoundError to another shop's seller and another customer, and changes nothing", async () => {
    const { mine, ours } = setup;
    const calls = incidentCalls(t);
    const notFound = (message: string) => ({ __typename: 'NotFoundError', code: 'NOT_FOUND', message });
    expect(await calls.resolve(m.keys.otherSeller, { incidentId: mine.id })).toEqual(notFound('Incident not found'));
    expect(await calls.close(m.keys.otherCustomer, { incidentId: mine.id })).toEqual(notFound('Incident not found'));
    expect(await calls.dispute(m.keys.otherCustomer, { incidentId: mine.id })).toEqual(notFound('Incident not found'));
    expect(await calls.open(m.keys.otherCustomer, { orderId: ours.id, reason: 'OTHER', message: 'Halo' })).toEqual(notFound('Order not found'));
    const { node } = await t.gql(IncidentNodeDocument, { id: mine.id });
    expect(node).toMatchObject({ status: 'NEW', version: 1 });
    expect((await incidentOrder(t, ours.id)).incidents).toHaveLength(1);
  });
});

describe('steps taken at the same time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("serialises the shop's answer, a resolution and the customer's close without deadlock: every event follows the one before", async () => {
    const m = await createMarket(t);
    const calls = incidentCalls(t);
    for (let round = 0; round < 5; round += 1) {
      const order = await orderIn(t, m, 'RECEIVED');
      const { id } = asIncident(await calls.open(m.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
      const { thread } = await incidentOrder(t, order.id, m.keys.seller);
      await Promise.all([
        sendOk(t, m.keys.seller, { threadId: thread!.id, body: 'Sprawdzamy.' }),
        calls.resolve(m.keys.seller, { incidentId: id, message: 'Załatwione.' }),
        calls.close(m.keys.customer, { incidentId: id, message: 'Rezygnuję.' }),
      ]);
      const { events } = await t.gql(IncidentEventsDocument, { types: ['INCIDENT_OPENED', 'INCIDENT_UPDATED'] });
      const chain = events.edges.filter(({ node }) => node.incident?.id === id).map(({ node }) => [node.fromState, node.toState]);
      chain.forEach(([from], i) => expect(from).toBe(i === 0 ? null : chain[i - 1][1]));
      expect(chain.at(-1)![1]).toBe(((await t.gql(IncidentNodeDocument, { id })).node as { status: string }).status);
    }
  });
});

describe('incident subscriptions', () => {
  let t: TestApp;
  const clients: { dispose(): void | Promise<void> }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => t.close());

  async function client(secret: string) {
    const c = liveClient(t, secret);
    clients.push(c);
    await connected(c);
    return c;
  }

  it("pushes incidentOpened and incidentUpdated to the shop's seller with exact ids, and not to another shop", async () => {
    const m = await createMarket(t);
    const calls = incidentCalls(t);
    const order = await orderIn(t, m, 'RECEIVED');
    const theirOrder = await orderIn(t, m, 'SHIPPED', { customerSecret: m.keys.otherCustomer, sellerSecret: m.keys.otherSeller, overrides: { shopId: m.otherShop.id } });
    const active = t.app.bus.subscriberCount;
    const sellerClient = await client(m.keys.seller);
    const otherClient = await client(m.keys.otherSeller);
    const opened = subscribe(sellerClient, LiveIncidentOpenedDocument, {});
    const updated = subscribe(sellerClient, LiveIncidentUpdatedDocument, {});
    const otherOpened = subscribe(otherClient, LiveIncidentOpenedDocument, {});
    const otherUpdated = subscribe(otherClient, LiveIncidentUpdatedDocument, {});
    await subscriptionsActive(t, active + 4);

    const incident = asIncident(await calls.open(m.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Pęknięty ekran.' }));
    expect(await opened.until(1)).toEqual([
      { incidentOpened: { id: incident.id, status: 'NEW', reason: 'DEFECTIVE', order: { id: order.id }, lines: order.lines.map(({ id }) => ({ id, state: 'INCIDENT_OPEN' })) } },
    ]);
    await sendOk(t, m.keys.seller, { orderId: order.id, body: 'Wymienimy.' });
    expect(await updated.until(1)).toEqual([{ incidentUpdated: { id: incident.id, status: 'IN_PROGRESS', version: 2 } }]);
    asIncident(await calls.resolve(m.keys.seller, { incidentId: incident.id }));
    expect(await updated.until(2)).toEqual([
      { incidentUpdated: { id: incident.id, status: 'IN_PROGRESS', version: 2 } },
      { incidentUpdated: { id: incident.id, status: 'RESOLVED', version: 3 } },
    ]);

    // The other shop's own incident: delivered to its seller after anything earlier would have been.
    const sentinel = asIncident(await calls.open(m.keys.otherCustomer, { orderId: theirOrder.id, reason: 'NOT_RECEIVED', message: 'Nie doszło.' }));
    await otherOpened.until(1);
    asIncident(await calls.close(m.keys.otherCustomer, { incidentId: sentinel.id }));
    await otherUpdated.until(1);
    expect(otherOpened.items.map(({ incidentOpened }) => incidentOpened.id)).toEqual([sentinel.id]);
    expect(otherUpdated.items).toEqual([{ incidentUpdated: { id: sentinel.id, status: 'CLOSED', version: 2 } }]);
    expect([opened.items.length, updated.items.length]).toEqual([1, 2]);
  });

  it('pushes incidentUpdated(incidentId) for the watched incident only', async () => {
    const m = await createMarket(t);
    const calls = incidentCalls(t);
    const order = await orderIn(t, m, 'RECEIVED');
    const watched = asIncident(await calls.open(m.keys.customer, { orderId: order.id, lineIds: [order.lines[0].id], reason: 'DEFECTIVE', message: 'A' }));
    const other = asIncident(await calls.open(m.keys.customer, { orderId: order.id, lineIds: [order.lines[1].id], reason: 'INCOMPLETE', message: 'B' }));
    const active = t.app.bus.subscriberCount;
    const changes = subscribe(await client(m.keys.customer), LiveIncidentUpdatedDocument, { incidentId: watched.id });
    await subscriptionsActive(t, active + 1);

    asIncident(await calls.close(m.keys.customer, { incidentId: other.id }));
    asIncident(await calls.resolve(m.keys.seller, { incidentId: watched.id }));
    expect(await changes.until(1)).toEqual([{ incidentUpdated: { id: watched.id, status: 'RESOLVED', version: 2 } }]);
  });
});

describe('closing after INCIDENT_CLOSE_AFTER of silence, with two sweepers at once', () => {
  let t: TestApp;
  let t2: TestApp;
  let m: Market;
  let calls: ReturnType<typeof incidentCalls>;

  beforeEach(async () => {
    t = await startTestApp();
    t2 = await startTestApp({ databaseUrl: t.databaseUrl });
    m = await createMarket(t);
    calls = incidentCalls(t);
  });
  afterEach(async () => {
    clock.reset();
    await t2.close();
    await t.close();
  });

  async function sweepBoth(): Promise<number> {
    const [first, second] = await Promise.all([t.app.sweeper.sweep(), t2.app.sweeper.sweep()]);
    return first + second;
  }

  async function resolvedIncident() {
    const order = await orderIn(t, m, 'RECEIVED');
    const opened = asIncident(await calls.open(m.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
    return { order, incident: asIncident(await calls.resolve(m.keys.seller, { incidentId: opened.id })) };
  }

  it('closes a RESOLVED incident once, as SYSTEM, and gives the lines back', async () => {
    const { order, incident } = await resolvedIncident();
    const due = Date.parse(incident.resolvedAt!) + 5 * DAY;

    clock.set(new Date(due - JUST_BEFORE));
    expect(await sweepBoth()).toBe(0);
    expect((await t.gql(IncidentNodeDocument, { id: incident.id })).node).toMatchObject({ status: 'RESOLVED' });

    clock.set(new Date(due + 1));
    expect(await sweepBoth()).toBe(1);
    expect(await sweepBoth()).toBe(0);
    const { node } = await t.gql(IncidentNodeDocument, { id: incident.id });
    expect(node).toMatchObject({ status: 'CLOSED', version: 3, closedBy: { type: 'SYSTEM', displayName: 'System' }, blocksPayout: false });
    const seen = await incidentOrder(t, order.id);
    expect(seen).toMatchObject({ state: 'RECEIVED', hasOpenIncident: false });
    expect(seen.lines.map((line) => line.state)).toEqual(['RECEIVED', 'RECEIVED']);
    expect(timelineOf(seen).filter((line) => line.startsWith('INCIDENT_'))).toEqual([
      'INCIDENT_OPENED -->NEW by CUSTOMER',
      'INCIDENT_UPDATED NEW->RESOLVED by SELLER',
      'INCIDENT_UPDATED RESOLVED->CLOSED by SYSTEM',
    ]);
  });

  it('closes each of five due incidents exactly once between the two sweepers, and never a disputed or unresolved one', async () => {
    const resolved = [];
    for (let i = 0; i < 5; i += 1) resolved.push((await resolvedIncident()).incident);
    const disputed = (await resolvedIncident()).incident;
    asIncident(await calls.dispute(m.keys.customer, { incidentId: disputed.id }));
    const order = await orderIn(t, m, 'RECEIVED');
    const fresh = asIncident(await calls.open(m.keys.customer, { orderId: order.id, reason: 'OTHER', message: 'Nowe.' }));

    clock.set(new Date(Date.parse(resolved[4].resolvedAt!) + 5 * DAY + 1));
    expect(await sweepBoth()).toBe(5);
    expect(await sweepBoth()).toBe(0);
    const status = async (id: string) => ((await t.gql(IncidentNodeDocument, { id })).node as { status: string }).status;
    expect(await Promise.all([...resolved, disputed, fresh].map(({ id }) => status(id)))).toEqual([
      'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'DISPUTED', 'NEW',
    ]);
    const { events } = await t.gql(IncidentEventsDocument, { types: ['INCIDENT_UPDATED'] });
    const bySystem = events.edges.filter(({ node }) => node.actor.type === 'SYSTEM').map(({ node }) => node.incident!.id);
    expect(bySystem.sort()).toEqual(resolved.map(({ id }) => id).sort());
  });

  it('counts the silence from the resolution with the INCIDENT_CLOSE_AFTER the resolving instance was started with', async () => {
    const short = await startTestApp({ databaseUrl: t.databaseUrl, env: { INCIDENT_CLOSE_AFTER: 'PT2H' } });
    try {
      const order = await orderIn(t, m, 'RECEIVED');
      const opened = asIncident(await calls.open(m.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
      const resolved = asIncident(await incidentCalls(short).resolve(m.keys.seller, { incidentId: opened.id }));
      const due = Date.parse(resolved.resolvedAt!) + 2 * 3_600_000;
      clock.set(new Date(due - JUST_BEFORE));
      expect(await sweepBoth()).toBe(0);
      clock.set(new Date(due + 1));
      expect(await sweepBoth()).toBe(1);
      expect((await t.gql(IncidentNodeDocument, { id: opened.id })).node).toMatchObject({ status: 'CLOSED' });
    } finally {
      await short.close();
    }
  });

  it("pauses a shipped order's delivery fallback while an incident holds its lines", async () => {
    const shipped = await orderIn(t, m, 'SHIPPED', { carrierCode: 'ORLEN_PACZKA' });
    const opened = asIncident(await calls.open(m.keys.customer, { orderId: shipped.id, reason: 'NOT_RECEIVED', message: 'Gdzie paczka?' }));
    const fallback = Date.parse(shipped.shippedAt!) + 14 * DAY;

    clock.set(new Date(fallback + DAY));
    await sweepBoth();
    expect((await incidentOrder(t, shipped.id)).lines.map((line) => line.state)).toEqual(['INCIDENT_OPEN', 'INCIDENT_OPEN']);
    const closed = asIncident(await calls.close(m.keys.customer, { incidentId: opened.id }));
    expect(closed.lines.map((line) => line.state)).toEqual(['SHIPPED', 'SHIPPED']);

    const resumed = Date.parse(closed.closedAt!) + (fallback - Date.parse(opened.openedAt));
    clock.set(new Date(resumed - JUST_BEFORE));
    await sweepBoth();
    expect((await incidentOrder(t, shipped.id)).state).toBe('SHIPPED');
    clock.set(new Date(resumed + 1_000));
    await sweepBoth();
    const delivered = await incidentOrder(t, shipped.id);
    expect(delivered.state).toBe('RECEIVED');
    expect(timelineOf(delivered).slice(-1)).toEqual(['ORDER_DELIVERED SHIPPED->RECEIVED by SYSTEM']);
  });
});

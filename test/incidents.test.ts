import { clock } from '../src/common/clock';
import {
  IncidentDashboardDocument,
  IncidentEventsDocument,
  IncidentListDocument,
  IncidentNodeDocument,
  OrderDocument,
  RefundOrderDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asIncident, incidentCalls, incidentOrder, orderIn, timelineOf } from './support/incidents';
import { asOrder, createMarket, Market } from './support/market';
import { sendOk } from './support/messages';

let t: TestApp;
let market: Market;
let calls: ReturnType<typeof incidentCalls>;

const MINUTE = 60_000;
const DAY = 24 * 3_600_000;
/** Wednesday 23 December 2026, 10:00 in Warsaw: Christmas Eve, both Christmas days and 1 and 6 January are public holidays. */
const BEFORE_CHRISTMAS = new Date('2026-12-23T09:00:00.000Z');

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  calls = incidentCalls(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

async function incidentEvents(incidentId: string) {
  const { events } = await t.gql(IncidentEventsDocument, { types: ['INCIDENT_OPENED', 'INCIDENT_UPDATED'] });
  return events.edges
    .filter(({ node }) => node.incident?.id === incidentId)
    .map(({ node }) => [node.type, node.fromState, node.toState, node.actor.type]);
}

async function readIncident(id: string, secret?: string) {
  const { node } = await t.gql(IncidentNodeDocument, { id }, secret);
  if (node?.__typename !== 'Incident') throw new Error(`incident ${id} not visible`);
  return node;
}

describe('opening an incident', () => {
  it('puts every delivered line in INCIDENT_OPEN, counts due dates in Polish business days and posts the message', async () => {
    clock.set(BEFORE_CHRISTMAS);
    const order = await orderIn(t, market, 'RECEIVED');
    const incident = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Okładka jest rozdarta.' }));

    const openedAt = Date.parse(incident.openedAt);
    expect(openedAt - BEFORE_CHRISTMAS.getTime()).toBeGreaterThanOrEqual(0);
    expect(openedAt - BEFORE_CHRISTMAS.getTime()).toBeLessThan(MINUTE);
    // 24, 25 and 26 December are holidays, 27 a Sunday: the first answer is due Monday 28 December, 10:00.
    expect(Date.parse(incident.firstResponseDueAt) - openedAt).toBe(5 * DAY);
    expect(incident.firstResponseDueAt.slice(0, 16)).toBe('2026-12-28T09:00');
    // 28, 29, 30, 31 December, 4, 5 and 7 January (1 and 6 January are holidays): Thursday 7 January, 10:00.
    expect(Date.parse(incident.resolutionDueAt) - openedAt).toBe(15 * DAY);
    expect(incident.resolutionDueAt.slice(0, 16)).toBe('2027-01-07T09:00');
    expect(incident).toMatchObject({
      status: 'NEW',
      reason: 'DEFECTIVE',
      version: 1,
      openedBy: { type: 'CUSTOMER', displayName: 'Anna Kowalska' },
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      closedBy: null,
      overdue: false,
      blocksPayout: true,
      order: { id: order.id, state: 'RECEIVED', version: order.version + 1, hasOpenIncident: true },
    });
    expect(incident.lines).toEqual(order.lines.map((line) => ({ id: line.id, index: line.index, state: 'INCIDENT_OPEN' })));

    const seen = await incidentOrder(t, order.id, market.keys.customer);
    expect(seen.lines.map((line) => line.state)).toEqual(['INCIDENT_OPEN', 'INCIDENT_OPEN']);
    expect(seen.incidents).toEqual([{ id: incident.id, status: 'NEW', lines: order.lines.map(({ id }) => ({ id })) }]);
    expect(seen.thread!.id).toBe(incident.thread.id);
    expect(seen.thread!.messages.edges.map(({ node }) => [node.author.type, node.body])).toEqual([['CUSTOMER', 'Okładka jest rozdarta.']]);
    expect(seen.thread!.shopReplyNeededSince).toBe(incident.openedAt);
    expect(timelineOf(seen).slice(-3)).toEqual([
      'ORDER_DELIVERED SHIPPED->RECEIVED by CUSTOMER',
      'INCIDENT_OPENED -->NEW by CUSTOMER',
      'MESSAGE_ADDED -->- by CUSTOMER',
    ]);
    expect(seen.timeline.edges.at(-2)!.node.incident).toEqual({ id: incident.id });
  });

  it('opens on the named lines only; the others stay as they were and may get their own incident', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const [first, second] = order.lines;
    const one = asIncident(await calls.open(market.keys.customer, { orderId: order.id, lineIds: [first.id], reason: 'INCOMPLETE', message: 'Brakuje tomu.' }));
    expect(one.lines.map((line) => [line.id, line.state])).toEqual([[first.id, 'INCIDENT_OPEN']]);
    expect((await incidentOrder(t, order.id)).lines.map((line) => line.state)).toEqual(['INCIDENT_OPEN', 'RECEIVED']);

    const two = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'NOT_AS_DESCRIBED', message: 'Inne wydanie.' }));
    expect(two.lines.map((line) => [line.id, line.state])).toEqual([[second.id, 'INCIDENT_OPEN']]);
    expect((await incidentOrder(t, order.id)).incidents.map(({ id, status }) => [id, status])).toEqual([
      [one.id, 'NEW'],
      [two.id, 'NEW'],
    ]);
  });

  it('lets an operator open one for the customer, named as the operator', async () => {
    const order = await orderIn(t, market, 'TO_COLLECT');
    const incident = asIncident(await calls.open(market.keys.operator, { orderId: order.id, reason: 'OTHER', message: 'Zgłoszenie telefoniczne klientki.' }));
    expect(incident.openedBy).toEqual({ type: 'OPERATOR', displayName: 'Bootstrap operator' });
    expect(incident.order).toMatchObject({ state: 'TO_COLLECT', hasOpenIncident: true });
    expect(await incidentEvents(incident.id)).toEqual([['INCIDENT_OPENED', null, 'NEW', 'OPERATOR']]);
  });
});

describe('the workflow', () => {
  it("goes NEW -> IN_PROGRESS on the shop's first answer -> RESOLVED -> CLOSED by the customer, restoring the lines", async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Nie działa.' }));
    await sendOk(t, market.keys.customer, { orderId: order.id, body: 'Czekam na odpowiedź.' });
    expect((await readIncident(opened.id)).status).toBe('NEW');

    const answer = await sendOk(t, market.keys.seller, { orderId: order.id, body: 'Przepraszamy, sprawdzamy.' });
    const inProgress = await readIncident(opened.id, market.keys.seller);
    expect(inProgress).toMatchObject({ status: 'IN_PROGRESS', version: 2, firstResponseAt: answer.createdAt, resolvedAt: null });
    await sendOk(t, market.keys.seller, { orderId: order.id, body: 'Jeszcze jedno pytanie.' });
    expect(await readIncident(opened.id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, firstResponseAt: answer.createdAt });

    const resolved = asIncident(await calls.resolve(market.keys.seller, { incidentId: opened.id, message: 'Wysłaliśmy nowy egzemplarz.', expectedVersion: 2 }));
    expect(resolved).toMatchObject({ status: 'RESOLVED', version: 3, firstResponseAt: answer.createdAt, blocksPayout: true, closedAt: null });
    expect(Date.parse(resolved.resolvedAt!)).toBeGreaterThan(Date.parse(answer.createdAt));
    expect(resolved.order).toMatchObject({ state: 'RECEIVED', hasOpenIncident: true });

    const closed = asIncident(await calls.close(market.keys.customer, { incidentId: opened.id, expectedVersion: 3 }));
    expect(closed).toMatchObject({
      status: 'CLOSED',
      version: 4,
      closedBy: { type: 'CUSTOMER', displayName: 'Anna Kowalska' },
      blocksPayout: false,
      overdue: false,
      order: { state: 'RECEIVED', hasOpenIncident: false, version: order.version + 2 },
    });
    expect(closed.lines.map((line) => line.state)).toEqual(['RECEIVED', 'RECEIVED']);
    expect(await incidentEvents(opened.id)).toEqual([
      ['INCIDENT_OPENED', null, 'NEW', 'CUSTOMER'],
      ['INCIDENT_UPDATED', 'NEW', 'IN_PROGRESS', 'SELLER'],
      ['INCIDENT_UPDATED', 'IN_PROGRESS', 'RESOLVED', 'SELLER'],
      ['INCIDENT_UPDATED', 'RESOLVED', 'CLOSED', 'CUSTOMER'],
    ]);
    const seen = await incidentOrder(t, order.id, market.keys.seller);
    expect(timelineOf(seen).slice(-9)).toEqual([
      'INCIDENT_OPENED -->NEW by CUSTOMER',
      'MESSAGE_ADDED -->- by CUSTOMER',
      'MESSAGE_ADDED -->- by CUSTOMER',
      'MESSAGE_ADDED -->- by SELLER',
      'INCIDENT_UPDATED NEW->IN_PROGRESS by SELLER',
      'MESSAGE_ADDED -->- by SELLER',
      'INCIDENT_UPDATED IN_PROGRESS->RESOLVED by SELLER',
      'MESSAGE_ADDED -->- by SELLER',
      'INCIDENT_UPDATED RESOLVED->CLOSED by CUSTOMER',
    ]);
    expect(seen.thread!.messages.edges.at(-1)!.node).toEqual({ body: 'Wysłaliśmy nowy egzemplarz.', author: { type: 'SELLER' } });
  });

  it('resolving a NEW incident at once counts as the first answer; a dispute goes to the operator, who closes it', async () => {
    const order = await orderIn(t, market, 'SHIPPED');
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'NOT_RECEIVED', message: 'Paczka nie dotarła.' }));
    expect(opened.order).toMatchObject({ state: 'SHIPPED', hasOpenIncident: true });

    const resolved = asIncident(await calls.resolve(market.keys.seller, { incidentId: opened.id }));
    expect(resolved).toMatchObject({ status: 'RESOLVED', version: 2 });
    expect(resolved.firstResponseAt).toBe(resolved.resolvedAt);

    const disputed = asIncident(await calls.dispute(market.keys.customer, { incidentId: opened.id, message: 'Nadal nic nie dostałam.' }));
    expect(disputed).toMatchObject({ status: 'DISPUTED', version: 3, blocksPayout: true, resolvedAt: resolved.resolvedAt });
    const closed = asIncident(await calls.close(market.keys.operator, { incidentId: opened.id, message: 'Decyzja operatora.' }));
    expect(closed).toMatchObject({ status: 'CLOSED', version: 4, closedBy: { type: 'OPERATOR', displayName: 'Bootstrap operator' } });
    expect(closed.order).toMatchObject({ state: 'SHIPPED', hasOpenIncident: false });
    expect(closed.lines.map((line) => line.state)).toEqual(['SHIPPED', 'SHIPPED']);
    expect(await incidentEvents(opened.id)).toEqual([
      ['INCIDENT_OPENED', null, 'NEW', 'CUSTOMER'],
      ['INCIDENT_UPDATED', 'NEW', 'RESOLVED', 'SELLER'],
      ['INCIDENT_UPDATED', 'RESOLVED', 'DISPUTED', 'CUSTOMER'],
      ['INCIDENT_UPDATED', 'DISPUTED', 'CLOSED', 'OPERATOR'],
    ]);
  });

  it('lets the customer withdraw a NEW incident; a pickup order goes back to TO_COLLECT', async () => {
    const order = await orderIn(t, market, 'TO_COLLECT');
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'LATE_DELIVERY', message: 'Jeszcze nie ma.' }));
    const closed = asIncident(await calls.close(market.keys.customer, { incidentId: opened.id }));
    expect(closed).toMatchObject({ status: 'CLOSED', firstResponseAt: null, resolvedAt: null, order: { state: 'TO_COLLECT', hasOpenIncident: false } });
    expect(closed.lines.map((line) => line.state)).toEqual(['TO_COLLECT', 'TO_COLLECT']);
    expect(await incidentEvents(opened.id)).toEqual([
      ['INCIDENT_OPENED', null, 'NEW', 'CUSTOMER'],
      ['INCIDENT_UPDATED', 'NEW', 'CLOSED', 'CUSTOMER'],
    ]);
  });
});

describe('overdue', () => {
  it('is true once a due date passes without its step, and false again after the step', async () => {
    clock.set(BEFORE_CHRISTMAS);
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
    const overdueIds = async () =>
      (await t.gql(IncidentListDocument, { filter: { overdue: true, orderId: order.id } }, market.keys.seller)).incidents.edges.map(({ node }) => node.id);

    clock.set(new Date(Date.parse(opened.firstResponseDueAt) - MINUTE));
    expect((await readIncident(opened.id)).overdue).toBe(false);
    expect(await overdueIds()).toEqual([]);
    clock.set(new Date(Date.parse(opened.firstResponseDueAt) + MINUTE));
    expect((await readIncident(opened.id)).overdue).toBe(true);
    expect(await overdueIds()).toEqual([opened.id]);

    await sendOk(t, market.keys.seller, { orderId: order.id, body: 'Już odpowiadamy.' });
    expect((await readIncident(opened.id)).overdue).toBe(false);
    const notOverdue = await t.gql(IncidentListDocument, { filter: { overdue: false, orderId: order.id } }, market.keys.seller);
    expect(notOverdue.incidents.edges.map(({ node }) => [node.id, node.status, node.overdue])).toEqual([[opened.id, 'IN_PROGRESS', false]]);

    clock.set(new Date(Date.parse(opened.resolutionDueAt) + MINUTE));
    expect((await readIncident(opened.id)).overdue).toBe(true);
    expect(await overdueIds()).toEqual([opened.id]);
    const resolved = asIncident(await calls.resolve(market.keys.seller, { incidentId: opened.id }));
    expect(resolved.overdue).toBe(false);
    expect(await overdueIds()).toEqual([]);
  });
});

// Rule 5 of issue 10 changed this: only a refund of a line's full value used to close its incident
// (a 10.00 compensation left it NEW with the payout blocked).
describe('a refund on a line of an open incident', () => {
  const refund = (orderId: string, lineId: string, amount?: string) =>
    t.gql(RefundOrderDocument, { input: { orderId, lines: [{ lineId, amount }], reason: 'DAMAGED_PRODUCT' } }, market.keys.seller);

  it('closes it at any amount (10.00 here), resolved REFUNDED, and gives every line its state back', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const [first, second] = order.lines;
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Oba uszkodzone.' }));

    const refunded = asOrder((await refund(order.id, second.id, '10.00')).refundOrder);
    expect(refunded.lines.map((line) => [line.state, line.refundedAmount.amount])).toEqual([
      ['RECEIVED', '0.00'],
      ['RECEIVED', '10.00'],
    ]);
    expect(refunded).toMatchObject({ state: 'RECEIVED', hasOpenIncident: false });
    expect(await readIncident(opened.id)).toMatchObject({
      status: 'CLOSED',
      version: 2,
      resolution: 'REFUNDED',
      countsForQuality: true,
      blocksPayout: false,
      closedBy: { type: 'SELLER', displayName: 'Księgarnia Pod Sową' },
      lines: [
        { id: first.id, state: 'RECEIVED' },
        { id: second.id, state: 'RECEIVED' },
      ],
    });
    expect(await incidentEvents(opened.id)).toEqual([
      ['INCIDENT_OPENED', null, 'NEW', 'CUSTOMER'],
      ['INCIDENT_UPDATED', 'NEW', 'CLOSED', 'SELLER'],
    ]);
    expect(timelineOf(await incidentOrder(t, order.id)).slice(-2)).toEqual(['INCIDENT_UPDATED NEW->CLOSED by SELLER', 'ORDER_REFUNDED -->- by SELLER']);
  });

  it("a refund of a line's full value leaves that line REFUNDED and returns the others", async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const [first, second] = order.lines;
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Oba uszkodzone.' }));
    const refunded = asOrder((await refund(order.id, first.id)).refundOrder);
    expect(refunded.lines.map((line) => line.state)).toEqual(['REFUNDED', 'RECEIVED']);
    expect(await readIncident(opened.id)).toMatchObject({
      status: 'CLOSED',
      resolution: 'REFUNDED',
      lines: [
        { id: first.id, state: 'REFUNDED' },
        { id: second.id, state: 'RECEIVED' },
      ],
    });
  });

  it('a resolution the shop gave stays: a refund after RESOLVED with REPLACED closes it as REPLACED', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Uszkodzone.' }));
    expect(asIncident(await calls.resolve(market.keys.seller, { incidentId: opened.id, resolution: 'REPLACED' })).resolution).toBe('REPLACED');
    asOrder((await refund(order.id, order.lines[0].id, '5.00')).refundOrder);
    expect(await readIncident(opened.id)).toMatchObject({ status: 'CLOSED', resolution: 'REPLACED' });
  });

  it('a shipping refund alone closes none', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Uszkodzone.' }));
    const input = { orderId: order.id, lines: [], shipping: '12.99', reason: 'DAMAGED_PRODUCT' as const };
    expect(asOrder((await t.gql(RefundOrderDocument, { input }, market.keys.seller)).refundOrder).shippingRefundable.amount).toBe('0.00');
    expect(await readIncident(opened.id)).toMatchObject({ status: 'NEW', version: 1, resolution: null });
  });
});

describe('versions and idempotency', () => {
  it('answers the same incident to a repeated idempotencyKey and opens it once', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const input = { orderId: order.id, reason: 'DEFECTIVE' as const, message: 'Zepsute.', idempotencyKey: 'incident-1' };
    const first = asIncident(await calls.open(market.keys.customer, input));
    const repeat = asIncident(await calls.open(market.keys.customer, input));
    expect(repeat.id).toBe(first.id);
    expect((await incidentOrder(t, order.id)).incidents.map(({ id }) => id)).toEqual([first.id]);
    expect(await incidentEvents(first.id)).toEqual([['INCIDENT_OPENED', null, 'NEW', 'CUSTOMER']]);

    const resolve = { incidentId: first.id, idempotencyKey: 'resolve-1' };
    const resolved = asIncident(await calls.resolve(market.keys.seller, resolve));
    expect(asIncident(await calls.resolve(market.keys.seller, resolve))).toMatchObject({ id: first.id, status: 'RESOLVED', version: resolved.version });
    expect(await calls.close(market.keys.customer, { incidentId: first.id, idempotencyKey: 'incident-1' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'This idempotencyKey was already used for OPEN_INCIDENT',
      field: ['input', 'idempotencyKey'],
    });
    expect(await incidentEvents(first.id)).toEqual([
      ['INCIDENT_OPENED', null, 'NEW', 'CUSTOMER'],
      ['INCIDENT_UPDATED', 'NEW', 'RESOLVED', 'SELLER'],
    ]);
  });

  it('answers VersionConflictError to a stale expectedVersion and changes nothing', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const opened = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Zepsute.' }));
    expect(await calls.resolve(market.keys.seller, { incidentId: opened.id, expectedVersion: 2 })).toEqual({
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message: 'Expected another version; the current version is 1',
      currentVersion: 1,
    });
    expect(await readIncident(opened.id)).toMatchObject({ status: 'NEW', version: 1 });
  });
});

describe('what the order and the dashboard show', () => {
  it('offers OPEN_INCIDENT to the customer and the operator while a line can take one, never to the seller', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const offered = async (secret: string) => (await t.gql(OrderDocument, { id: order.id }, secret)).order!.availableActions.includes('OPEN_INCIDENT');
    expect([await offered(market.keys.customer), await offered(market.keys.operator), await offered(market.keys.seller)]).toEqual([true, true, false]);
    await calls.open(market.keys.customer, { orderId: order.id, lineIds: [order.lines[0].id], reason: 'DEFECTIVE', message: 'Jedna sztuka.' });
    expect(await offered(market.keys.customer)).toBe(true);
    await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'I druga.' });
    expect([await offered(market.keys.customer), await offered(market.keys.operator)]).toEqual([false, false]);
  });

  it('counts the incidents that are not CLOSED in openIncidents, for the shop and the customer only', async () => {
    const fresh = await createMarket(t);
    const count = async (secret: string) => (await t.gql(IncidentDashboardDocument, {}, secret)).viewer.dashboard.openIncidents;
    const first = await orderIn(t, fresh, 'RECEIVED');
    const second = await orderIn(t, fresh, 'SHIPPED');
    asIncident(await calls.open(fresh.keys.customer, { orderId: first.id, lineIds: [first.lines[0].id], reason: 'DEFECTIVE', message: 'A.' }));
    const resolvedOne = asIncident(await calls.open(fresh.keys.customer, { orderId: first.id, reason: 'DEFECTIVE', message: 'B.' }));
    const closedOne = asIncident(await calls.open(fresh.keys.customer, { orderId: second.id, reason: 'NOT_RECEIVED', message: 'C.' }));
    await calls.resolve(fresh.keys.seller, { incidentId: resolvedOne.id });
    await calls.close(fresh.keys.customer, { incidentId: closedOne.id });
    const counts = [fresh.keys.seller, fresh.keys.customer, fresh.keys.otherSeller, fresh.keys.otherCustomer];
    expect(await Promise.all(counts.map(count))).toEqual([2, 2, 0, 0]);
  });

  it("posts a customer's closing note to the thread without making it wait for the shop's answer", async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    const incident = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Pęknięta obudowa.' }));
    expect((await incidentOrder(t, order.id)).thread!.shopReplyNeededSince).not.toBeNull();
    await sendOk(t, market.keys.seller, { orderId: order.id, body: 'Wysyłamy nową sztukę.' });
    await calls.resolve(market.keys.seller, { incidentId: incident.id });
    asIncident(await calls.close(market.keys.customer, { incidentId: incident.id, message: 'Dziękuję, doszła.' }));
    const { thread } = await incidentOrder(t, order.id);
    expect([thread!.shopReplyNeededSince, thread!.messages.edges.map(({ node }) => node.body)]).toEqual([
      null,
      ['Pęknięta obudowa.', 'Wysyłamy nową sztukę.', 'Dziękuję, doszła.'],
    ]);
  });
});

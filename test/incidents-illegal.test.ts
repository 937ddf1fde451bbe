import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../src/common/global-id';
import {
  AcceptOrderDocument,
  CloseIncidentDocument,
  DisputeIncidentDocument,
  IncidentEventsDocument,
  IncidentNodeDocument,
  MarkIncidentResolvedDocument,
  OpenIncidentDocument,
  OrderFieldsFragment,
  RecordPaymentDocument,
  RefundOrderDocument,
  RefuseOrderDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asIncident, incidentCalls, orderIn } from './support/incidents';
import { asOrder, createMarket, Market, placeOrder, readOrder } from './support/market';
import { sendOk } from './support/messages';

let t: TestApp;
let market: Market;
let calls: ReturnType<typeof incidentCalls>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  calls = incidentCalls(t);
});
afterAll(() => t.close());

type Status = 'NEW' | 'IN_PROGRESS' | 'RESOLVED' | 'DISPUTED' | 'CLOSED';

/** A fresh incident on a received order, brought to `status` through the API. */
async function incidentIn(status: Status): Promise<string> {
  const order = await orderIn(t, market, 'RECEIVED');
  const { id } = asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Uszkodzone.' }));
  if (status === 'IN_PROGRESS') await sendOk(t, market.keys.seller, { orderId: order.id, body: 'Sprawdzamy.' });
  if (status === 'RESOLVED' || status === 'DISPUTED') asIncident(await calls.resolve(market.keys.seller, { incidentId: id }));
  if (status === 'DISPUTED') asIncident(await calls.dispute(market.keys.customer, { incidentId: id }));
  if (status === 'CLOSED') asIncident(await calls.close(market.keys.customer, { incidentId: id }));
  return id;
}

/** What a refused step must leave untouched: status, version, lines and the incident's events. */
async function snapshot(id: string) {
  const { node } = await t.gql(IncidentNodeDocument, { id });
  if (node?.__typename !== 'Incident') throw new Error('incident not visible');
  const { events } = await t.gql(IncidentEventsDocument, { types: ['INCIDENT_OPENED', 'INCIDENT_UPDATED'] });
  const mine = events.edges.filter((edge) => edge.node.incident?.id === id).length;
  return { status: node.status, version: node.version, lines: node.lines.map((line) => line.state), order: node.order, events: mine };
}

describe('every step from every status', () => {
  const { seller, customer, operator } = { seller: 'seller', customer: 'customer', operator: 'operator' } as const;
  it.each<['resolve' | 'close' | 'dispute', 'seller' | 'customer' | 'operator', Status, Status | 'refused']>([
    ['resolve', seller, 'NEW', 'RESOLVED'],
    ['resolve', seller, 'IN_PROGRESS', 'RESOLVED'],
    ['resolve', seller, 'RESOLVED', 'refused'],
    ['resolve', seller, 'DISPUTED', 'refused'],
    ['resolve', seller, 'CLOSED', 'refused'],
    ['close', customer, 'NEW', 'CLOSED'],
    ['close', customer, 'IN_PROGRESS', 'CLOSED'],
    ['close', customer, 'RESOLVED', 'CLOSED'],
    ['close', customer, 'DISPUTED', 'refused'],
    ['close', customer, 'CLOSED', 'refused'],
    ['close', operator, 'DISPUTED', 'CLOSED'],
    ['close', operator, 'CLOSED', 'refused'],
    ['dispute', customer, 'NEW', 'refused'],
    ['dispute', customer, 'IN_PROGRESS', 'refused'],
    ['dispute', customer, 'RESOLVED', 'DISPUTED'],
    ['dispute', customer, 'DISPUTED', 'refused'],
    ['dispute', customer, 'CLOSED', 'refused'],
  ])('%s by the %s from %s: %s', async (step, role, from, outcome) => {
    const id = await incidentIn(from);
    const before = await snapshot(id);
    const result = await calls[step](market.keys[role], { incidentId: id });
    if (outcome !== 'refused') {
      expect(asIncident(result)).toMatchObject({ status: outcome, version: before.version + 1 });
      return;
    }
    const message = step === 'close' && from === 'DISPUTED' ? 'A disputed incident is closed by the operator' : `This action is not possible while the incident is ${from}`;
    expect(result).toEqual({ __typename: 'InvalidStateError', code: 'INVALID_STATE', currentState: from, message });
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('opening where no incident can be opened', () => {
  const accept = async (order: OrderFieldsFragment) => asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: order.id } }, market.keys.seller)).acceptOrder);
  const pay = async (order: OrderFieldsFragment, outcome: 'PAID' | 'FAILED') =>
    asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: order.id, outcome } })).recordPayment);
  const refundAll = async (order: OrderFieldsFragment) =>
    asOrder(
      (await t.gql(RefundOrderDocument, { input: { orderId: order.id, lines: order.lines.map((line) => ({ lineId: line.id })), reason: 'DAMAGED_PRODUCT' } }, market.keys.seller))
        .refundOrder,
    );
  const builds: Record<string, () => Promise<OrderFieldsFragment>> = {
    WAITING_ACCEPTANCE: () => placeOrder(t, market),
    WAITING_DEBIT_PAYMENT: async () => accept(await placeOrder(t, market)),
    SHIPPING: async () => pay(await accept(await placeOrder(t, market)), 'PAID'),
    REFUSED: async () => asOrder((await t.gql(RefuseOrderDocument, { input: { orderId: (await placeOrder(t, market)).id } }, market.keys.seller)).refuseOrder),
    CANCELED: async () => pay(await accept(await placeOrder(t, market)), 'FAILED'),
    // Rule 2 of issue 10: an order whose every line is refunded is REFUNDED (it showed CLOSED before).
    REFUNDED: async () => refundAll(await orderIn(t, market, 'RECEIVED')),
  };

  it.each(Object.keys(builds))('answers InvalidStateError with the order state %s and changes nothing', async (state) => {
    const order = await builds[state]();
    expect(order.state).toBe(state);
    const result = await calls.open(market.keys.customer, { orderId: order.id, reason: 'OTHER', message: 'Halo' });
    expect(result).toEqual({ __typename: 'InvalidStateError', code: 'INVALID_STATE', currentState: state, message: `An incident cannot be opened while the order is ${state}` });
    const after = await readOrder(t, order.id);
    expect([after.version, after.hasOpenIncident, after.timeline.edges.length]).toEqual([order.version, false, order.timeline.edges.length]);
  });

  it('answers InvalidStateError for a named line that cannot carry one (refunded), with the order state', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    await t.gql(RefundOrderDocument, { input: { orderId: order.id, lines: [{ lineId: order.lines[0].id }], reason: 'DAMAGED_PRODUCT' } }, market.keys.seller);
    const result = await calls.open(market.keys.customer, { orderId: order.id, lineIds: [order.lines[0].id], reason: 'OTHER', message: 'Halo' });
    expect(result).toEqual({ __typename: 'InvalidStateError', code: 'INVALID_STATE', currentState: 'RECEIVED', message: 'An incident cannot be opened on line 0 while it is REFUNDED' });
  });

  it('answers AlreadyExistsError for a line that has an open incident, named or not', async () => {
    const order = await orderIn(t, market, 'RECEIVED');
    asIncident(await calls.open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Oba.' }));
    const named = await calls.open(market.keys.customer, { orderId: order.id, lineIds: [order.lines[1].id], reason: 'OTHER', message: 'Znowu' });
    const all = await calls.open(market.keys.customer, { orderId: order.id, reason: 'OTHER', message: 'Znowu' });
    expect([named, all]).toEqual([
      { __typename: 'AlreadyExistsError', code: 'ALREADY_EXISTS', message: 'Line 1 already has an open incident' },
      { __typename: 'AlreadyExistsError', code: 'ALREADY_EXISTS', message: 'Every line that can carry an incident already has an open one' },
    ]);
    expect((await readOrder(t, order.id)).timeline.edges.filter(({ node }) => node.type === 'INCIDENT_OPENED')).toHaveLength(1);
  });
});

describe('roles and input', () => {
  it.each([
    ['a seller opening', 'openIncident', 'seller'],
    ['a seller closing', 'closeIncident', 'seller'],
    ['a seller disputing', 'disputeIncident', 'seller'],
    ['a customer resolving', 'markIncidentResolved', 'customer'],
  ] as const)('answers FORBIDDEN to %s and changes nothing', async (_, mutation, role) => {
    const order = await orderIn(t, market, 'RECEIVED');
    const id = mutation === 'openIncident' ? undefined : await incidentIn(mutation === 'markIncidentResolved' ? 'NEW' : 'RESOLVED');
    const secret = market.keys[role];
    const send = {
      openIncident: () => t.request(OpenIncidentDocument, { input: { orderId: order.id, reason: 'OTHER', message: 'Halo' } }, secret),
      closeIncident: () => t.request(CloseIncidentDocument, { input: { incidentId: id! } }, secret),
      disputeIncident: () => t.request(DisputeIncidentDocument, { input: { incidentId: id! } }, secret),
      markIncidentResolved: () => t.request(MarkIncidentResolvedDocument, { input: { incidentId: id! } }, secret),
    }[mutation];
    const response = await send();
    expect([response.errors?.map((error) => error.extensions?.code), response.data]).toEqual([['FORBIDDEN'], null]);
    if (id) expect((await snapshot(id)).version).toBe(mutation === 'markIncidentResolved' ? 1 : 2);
    else expect((await readOrder(t, order.id)).hasOpenIncident).toBe(false);
  });

  const otherLine = async () => (await placeOrder(t, market)).lines[0].id;
  it.each<[string, (order: OrderFieldsFragment) => Promise<Record<string, unknown>>, string[], string]>([
    ['an empty message', async () => ({ message: '' }), ['input', 'message'], 'must not be empty'],
    ['a whitespace message', async () => ({ message: ' \n ' }), ['input', 'message'], 'must not be empty'],
    ['a message of 5001 characters', async () => ({ message: 'x'.repeat(5001) }), ['input', 'message'], 'must be at most 5000 characters'],
    ['an empty lineIds list', async () => ({ lineIds: [] }), ['input', 'lineIds'], 'must not be empty'],
    ['a line of another order', async () => ({ lineIds: [await otherLine()] }), ['input', 'lineIds', '0'], 'is not a line of this order'],
    ['a line named twice', async (order) => ({ lineIds: [order.lines[0].id, order.lines[0].id] }), ['input', 'lineIds', '1'], 'is listed twice'],
    ['a malformed orderId', async () => ({ orderId: 'not-an-id' }), ['input', 'orderId'], 'is not an order id'],
  ])('answers a ValidationError to opening with %s and opens nothing', async (_, change, field, message) => {
    const order = await orderIn(t, market, 'RECEIVED');
    const result = await calls.open(market.keys.customer, { orderId: order.id, reason: 'OTHER', message: 'Halo', ...(await change(order)) });
    expect(result).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field, message });
    expect((await readOrder(t, order.id)).hasOpenIncident).toBe(false);
  });

  it('answers a ValidationError to a malformed incidentId and to a note of 5001 characters', async () => {
    const id = await incidentIn('NEW');
    expect(await calls.resolve(market.keys.seller, { incidentId: 'nope' })).toEqual({
      __typename: 'ValidationError', code: 'VALIDATION_FAILED', field: ['input', 'incidentId'], message: 'is not an incident id',
    });
    expect(await calls.resolve(market.keys.seller, { incidentId: id, message: 'x'.repeat(5001) })).toEqual({
      __typename: 'ValidationError', code: 'VALIDATION_FAILED', field: ['input', 'message'], message: 'must be at most 5000 characters',
    });
    expect((await snapshot(id)).status).toBe('NEW');
  });

  it('answers NotFoundError for an order or incident that does not exist', async () => {
    const orderId = toGlobalId('Order', randomUUID());
    const incidentId = toGlobalId('Incident', randomUUID());
    expect(await calls.open(market.keys.customer, { orderId, reason: 'OTHER', message: 'Halo' })).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Order not found' });
    expect(await calls.close(market.keys.operator, { incidentId })).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Incident not found' });
  });
});

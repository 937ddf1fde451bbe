import { OfferedActionsDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asRating, asReturn, ratingCalls, receivedOrder, returnCalls } from './support/after-sales';
import { asIncident, incidentCalls, orderIn } from './support/incidents';
import { createMarket, Market } from './support/market';
import { sendOk } from './support/messages';

/**
 * `availableActions` on incidents, returns and ratings lists, per role and state, exactly what the
 * step machine lets that role do there: the steps' roles and from-states, and their guards.
 */
let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

type Role = 'seller' | 'customer' | 'operator';
const ROLES: Role[] = ['seller', 'customer', 'operator'];

/** The state and the actions each role is offered on the node `id`. */
async function offers(id: string): Promise<Record<Role, string[]> & { state: string }> {
  const seen: Partial<Record<Role, string[]>> = {};
  let state = '';
  for (const role of ROLES) {
    const { node } = await t.gql(OfferedActionsDocument, { id }, market.keys[role]);
    if (!node) throw new Error(`${role} does not see ${id}`);
    if (node.__typename === 'Incident') [state, seen[role]] = [node.incidentStatus, node.incidentActions];
    else if (node.__typename === 'Return') [state, seen[role]] = [node.returnStatus, node.returnActions];
    else if (node.__typename === 'Rating') [state, seen[role]] = [node.removal, node.ratingActions];
    else throw new Error(`${id} is a ${node.__typename}`);
  }
  return { state, ...(seen as Record<Role, string[]>) };
}

describe('Incident.availableActions', () => {
  const calls = () => incidentCalls(t);

  async function incidentIn(status: string): Promise<string> {
    const order = await orderIn(t, market, 'RECEIVED');
    const { id } = asIncident(await calls().open(market.keys.customer, { orderId: order.id, reason: 'DEFECTIVE', message: 'Uszkodzone.' }));
    // The shop's first answer in the order's thread moves a NEW incident to IN_PROGRESS.
    if (status === 'IN_PROGRESS') await sendOk(t, market.keys.seller, { orderId: order.id, body: 'Sprawdzamy.' });
    if (status === 'RESOLVED' || status === 'DISPUTED' || status === 'CLOSED') asIncident(await calls().resolve(market.keys.seller, { incidentId: id }));
    if (status === 'DISPUTED') asIncident(await calls().dispute(market.keys.customer, { incidentId: id }));
    if (status === 'CLOSED') asIncident(await calls().close(market.keys.customer, { incidentId: id }));
    return id;
  }

  it.each([
    ['NEW', ['RESOLVE'], ['CLOSE'], ['RESOLVE', 'CLOSE']],
    ['IN_PROGRESS', ['RESOLVE'], ['CLOSE'], ['RESOLVE', 'CLOSE']],
    ['RESOLVED', [], ['CLOSE', 'DISPUTE'], ['CLOSE', 'DISPUTE']],
    // Only the operator settles a dispute: the customer's CLOSE guard refuses it.
    ['DISPUTED', [], [], ['CLOSE']],
    ['CLOSED', [], [], []],
  ])('offers on a %s incident: seller %j, customer %j, operator %j', async (status, seller, customer, operator) => {
    const id = await incidentIn(status);
    expect(await offers(id)).toEqual({ state: status, seller, customer, operator });
  });
});

describe('Return.availableActions', () => {
  const calls = () => returnCalls(t);

  async function returnIn(status: string): Promise<string> {
    const order = await receivedOrder(t, market);
    const input = { orderId: order.id, reason: 'WITHDRAWAL_NO_REASON' as const, lines: [{ lineId: order.lines[0].id, quantity: 1 }] };
    const { id } = asReturn(await calls().request(market.keys.customer, input));
    const returnId = id;
    if (status === 'REJECTED') asReturn(await calls().reject(market.keys.seller, { returnId, reason: 'OTHER' }));
    if (status === 'CANCELED') asReturn(await calls().cancel(market.keys.customer, { returnId }));
    if (['ACCEPTED', 'RECEIVED', 'REFUNDED'].includes(status)) asReturn(await calls().accept(market.keys.seller, { returnId }));
    if (['RECEIVED', 'REFUNDED'].includes(status)) asReturn(await calls().receive(market.keys.seller, { returnId }));
    if (status === 'REFUNDED') asReturn(await calls().refund(market.keys.seller, { returnId }));
    return id;
  }

  it.each([
    ['REQUESTED', ['ACCEPT', 'REJECT'], ['CANCEL'], ['ACCEPT', 'REJECT', 'CANCEL']],
    ['ACCEPTED', ['MARK_RECEIVED'], ['SET_TRACKING', 'CANCEL'], ['SET_TRACKING', 'MARK_RECEIVED', 'CANCEL']],
    ['RECEIVED', ['REFUND'], [], ['REFUND']],
    ['REJECTED', [], [], []],
    ['REFUNDED', [], [], []],
    ['CANCELED', [], [], []],
  ])('offers on a %s return: seller %j, customer %j, operator %j', async (status, seller, customer, operator) => {
    const id = await returnIn(status);
    expect(await offers(id)).toEqual({ state: status, seller, customer, operator });
  });
});

describe('Rating.availableActions', () => {
  const calls = () => ratingCalls(t);

  async function rating(options: { reply?: boolean; removal?: 'REQUESTED' | 'KEPT' | 'REMOVED' } = {}): Promise<string> {
    const order = await receivedOrder(t, market);
    const { id } = asRating(await calls().rate(market.keys.customer, { orderId: order.id, grade: 2 }));
    if (options.reply) asRating(await calls().reply(market.keys.seller, { ratingId: id, body: 'Przepraszamy.' }));
    if (options.removal) asRating(await calls().requestRemoval(market.keys.seller, { ratingId: id, ground: 'RULES_VIOLATION', explanation: 'Obraźliwy.' }));
    if (options.removal === 'KEPT') asRating(await calls().decideRemoval(market.keys.operator, { ratingId: id, remove: false }));
    if (options.removal === 'REMOVED') asRating(await calls().decideRemoval(market.keys.operator, { ratingId: id, remove: true }));
    return id;
  }

  it('offers a reply and a removal request to the shop side on a fresh rating, nothing to its author', async () => {
    expect(await offers(await rating())).toEqual({ state: 'NONE', seller: ['REPLY', 'REQUEST_REMOVAL'], customer: [], operator: ['REPLY', 'REQUEST_REMOVAL'] });
  });

  it('offers deleting the reply once there is one (its guard)', async () => {
    const offered = await offers(await rating({ reply: true }));
    expect(offered).toEqual({ state: 'NONE', seller: ['REPLY', 'DELETE_REPLY', 'REQUEST_REMOVAL'], customer: [], operator: ['REPLY', 'DELETE_REPLY', 'REQUEST_REMOVAL'] });
  });

  it('offers the decision on a requested removal to the operator alone', async () => {
    expect(await offers(await rating({ removal: 'REQUESTED' }))).toEqual({ state: 'REQUESTED', seller: ['REPLY'], customer: [], operator: ['REPLY', 'DECIDE_REMOVAL'] });
  });

  it('offers no second removal request once the operator kept the rating', async () => {
    expect(await offers(await rating({ removal: 'KEPT' }))).toEqual({ state: 'KEPT', seller: ['REPLY'], customer: [], operator: ['REPLY'] });
  });

  it('offers nothing on a removed rating; its shop no longer sees it', async () => {
    const id = await rating({ removal: 'REMOVED' });
    const asSeller = await t.gql(OfferedActionsDocument, { id }, market.keys.seller);
    const others = await Promise.all((['customer', 'operator'] as const).map(async (role) => (await t.gql(OfferedActionsDocument, { id }, market.keys[role])).node));
    expect([asSeller.node, ...others]).toEqual([null, { __typename: 'Rating', removal: 'REMOVED', ratingActions: [] }, { __typename: 'Rating', removal: 'REMOVED', ratingActions: [] }]);
  });
});

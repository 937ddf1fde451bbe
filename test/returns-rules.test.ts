import { returnWindowEndsAt } from '../src/returns/return-request';
import { clock } from '../src/common/clock';
import { toGlobalId } from '../src/common/global-id';
import {
  AcceptReturnDocument,
  RefundOrderDocument,
  RequestReturnDocument,
  RequestReturnInput,
  ReturnByIdDocument,
  ReturnFieldsFragment,
  ReturnStatus,
  UpdateShopSettingsDocument,
} from './generated/graphql';
import { asReturn, DAY, receivedOrder, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder, readOrder, snapshotOf } from './support/market';

let t: TestApp;
let market: Market;
let calls: ReturnType<typeof returnCalls>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  calls = returnCalls(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const RECEIVED_AT = new Date('2027-03-05T09:00:00.000Z');
const seller = () => market.keys.seller;
const customer = () => market.keys.customer;
const received = (m: Market = market) => receivedOrder(t, m, { receivedAt: RECEIVED_AT });
const oneUnit = (orderId: string, lineId: string): RequestReturnInput => ({ orderId, lines: [{ lineId, quantity: 1 }], reason: 'OTHER' });
const readReturn = async (id: string) => (await t.gql(ReturnByIdDocument, { id })).node as ReturnFieldsFragment;

describe('every step a return status does not allow', () => {
  type Step = 'accept' | 'reject' | 'track' | 'receive' | 'refund' | 'cancel';
  const ALLOWED: Record<ReturnStatus, Step[]> = {
    REQUESTED: ['accept', 'reject', 'cancel'],
    ACCEPTED: ['track', 'receive', 'cancel'],
    RECEIVED: ['refund'],
    REJECTED: [],
    REFUNDED: [],
    CANCELED: [],
  };
  const STEPS: Step[] = ['accept', 'reject', 'track', 'receive', 'refund', 'cancel'];
  const cases = (Object.keys(ALLOWED) as ReturnStatus[]).flatMap((status) =>
    STEPS.filter((step) => !ALLOWED[status].includes(step)).map((step) => ({ status, step })),
  );
  const returns = {} as Record<ReturnStatus, ReturnFieldsFragment>;

  /** As the operator, who may take every step, so only the status can refuse. */
  const take = (step: Step, returnId: string) => {
    const operator = market.keys.operator;
    switch (step) {
      case 'reject':
        return calls.reject(operator, { returnId, reason: 'OTHER' });
      case 'track':
        return calls.track(operator, { returnId, carrierCode: 'DPD', trackingNumber: 'DPD-1' });
      default:
        return calls[step](operator, { returnId });
    }
  };

  beforeAll(async () => {
    for (const status of Object.keys(ALLOWED) as ReturnStatus[]) {
      const order = await received();
      const ret = asReturn(await calls.request(customer(), oneUnit(order.id, order.lines[0].id)));
      const path: Record<ReturnStatus, Step[]> = {
        REQUESTED: [],
        ACCEPTED: ['accept'],
        REJECTED: ['reject'],
        RECEIVED: ['accept', 'receive'],
        REFUNDED: ['accept', 'receive', 'refund'],
        CANCELED: ['cancel'],
      };
      for (const step of path[status]) asReturn(await take(step, ret.id));
      returns[status] = await readReturn(ret.id);
    }
    clock.reset();
  });

  it('builds a return in every status', () => {
    expect(Object.fromEntries(Object.entries(returns).map(([status, ret]) => [status, ret.status]))).toEqual({
      REQUESTED: 'REQUESTED',
      ACCEPTED: 'ACCEPTED',
      REJECTED: 'REJECTED',
      RECEIVED: 'RECEIVED',
      REFUNDED: 'REFUNDED',
      CANCELED: 'CANCELED',
    });
  });

  it.each(cases)('refuses $step on a $status return with InvalidStateError and changes nothing', async ({ status, step }) => {
    const ret = returns[status];
    const before = await readOrder(t, ret.order.id);
    expect(await take(step, ret.id)).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: `This action is not possible while the return is ${status}`,
      currentState: status,
    });
    expect(await readReturn(ret.id)).toEqual(ret);
    expect(snapshotOf(await readOrder(t, ret.order.id))).toEqual(snapshotOf(before));
  });
});

// Rule 7 of issue 10 changed the window: it used to end at receipt + 14 x 24 hours, at the receipt's
// time of day (an hour early across the autumn clock change; a request at 09:30 on day 14 was refused).
describe('the return window ends at the end of its last day in Warsaw', () => {
  const withPolicy = async (days: number) => {
    const own = await createMarket(t);
    const result = (await t.gql(UpdateShopSettingsDocument, { input: { shopId: own.shop.id, returnPolicyDays: days } })).updateShopSettings;
    expect(result).toEqual({ __typename: 'Shop', id: own.shop.id, returnPolicyDays: days, autoAccept: false, partialAcceptance: true });
    return own;
  };

  /** The last allowed moment is accepted, the first after it refused with the deadline, and the refusal changes nothing. */
  async function expectWindowEdge(own: Market, receivedAt: Date, lastMoment: string) {
    const order = await receivedOrder(t, own, { receivedAt });
    const before = snapshotOf(await readOrder(t, order.id));
    clock.freeze(new Date(Date.parse(lastMoment) + 1));
    expect(await calls.request(own.keys.customer, oneUnit(order.id, order.lines[0].id))).toEqual({
      __typename: 'DeadlinePassedError',
      code: 'DEADLINE_PASSED',
      message: 'The return window has closed',
      deadline: lastMoment,
    });
    expect(snapshotOf(await readOrder(t, order.id))).toEqual(before);

    clock.freeze(new Date(lastMoment));
    const ret = asReturn(await calls.request(own.keys.customer, oneUnit(order.id, order.lines[0].id)));
    expect([ret.status, ret.requestedAt, ret.windowEndsAt]).toEqual(['REQUESTED', lastMoment, lastMoment]);
  }

  it.each<[string, number, string, string]>([
    // Received Friday 5 March 2027 at 10:00 Warsaw; day 14 is Friday 19 March, in winter time (UTC+01:00).
    ['14 days: the end of Friday 19 March (UTC+01:00)', 14, '2027-03-05T09:00:00.000Z', '2027-03-19T22:59:59.999Z'],
    // Day 30 is Sunday 4 April: the window moves to the end of Monday 5 April, in summer time (UTC+02:00).
    ['30 days: Sunday 4 April moves to the end of Monday 5 April (UTC+02:00)', 30, '2027-03-05T09:00:00.000Z', '2027-04-05T21:59:59.999Z'],
    // Received late on 20 October, 00:30 on the 21st in Warsaw: the day of receipt is the Warsaw date, so day 14 is Thursday 4 November.
    ['the Warsaw date of a receipt just after midnight counts', 14, '2027-10-20T22:30:00.000Z', '2027-11-04T22:59:59.999Z'],
  ])('%s: the last moment is allowed, the next refused', async (_name, days, receivedAt, lastMoment) => {
    await expectWindowEdge(await withPolicy(days), new Date(receivedAt), lastMoment);
  });

  it('across the autumn clock change: received at 11:00 CEST on 20 October 2027, the window ends at 23:59:59.999 CET on Wednesday 3 November', async () => {
    await expectWindowEdge(await withPolicy(14), new Date('2027-10-20T09:00:00.000Z'), '2027-11-03T22:59:59.999Z');
  });

  it('a request at 09:30 on day 14 is accepted (it was refused while the window ended at the time of receipt)', async () => {
    const order = await received();
    clock.freeze(new Date('2027-03-19T08:30:00.000Z'));
    expect(asReturn(await calls.request(customer(), oneUnit(order.id, order.lines[0].id))).windowEndsAt).toBe('2027-03-19T22:59:59.999Z');
  });

  it('a last day on a public holiday moves on: day 14 Friday 24 December 2027, then the weekend, so the end of Monday 27 December', async () => {
    await expectWindowEdge(await withPolicy(14), new Date('2027-12-10T11:00:00.000Z'), '2027-12-27T22:59:59.999Z');
  });

  it('a last day on 11 November (Thursday, a holiday) moves to the end of Friday 12 November', async () => {
    await expectWindowEdge(await withPolicy(14), new Date('2027-10-28T12:00:00.000Z'), '2027-11-12T22:59:59.999Z');
  });

  it('lines the close timer CLOSED can still be returned within a longer policy', async () => {
    const own = await withPolicy(60);
    const order = await received(own);
    clock.freeze(new Date(RECEIVED_AT.getTime() + 30 * DAY));
    // Closes every received order of this file that is due, this one among them.
    await t.app.sweeper.sweep();
    expect((await readOrder(t, order.id)).state).toBe('CLOSED');
    // Day 60 after Friday 5 March 2027 is Tuesday 4 May (3 May, a holiday, is the day before).
    clock.freeze(new Date('2027-05-04T21:59:59.999Z'));
    const ret = asReturn(await calls.request(own.keys.customer, oneUnit(order.id, order.lines[1].id)));
    expect([ret.windowEndsAt, ret.lines[0].line.state]).toEqual(['2027-05-04T21:59:59.999Z', 'CLOSED']);
    asReturn(await calls.accept(own.keys.seller, { returnId: ret.id }));
    asReturn(await calls.receive(own.keys.seller, { returnId: ret.id }));
    const refunded = asReturn(await calls.refund(own.keys.seller, { returnId: ret.id }));
    expect([refunded.refunds[0].amount.amount, refunded.lines[0].line.state]).toEqual(['35.50', 'REFUNDED']);
  });
});

describe('refunds never go above what is refundable', () => {
  const receivedBack = async (orderId: string, lines: RequestReturnInput['lines']) => {
    const ret = asReturn(await calls.request(customer(), { orderId, lines, reason: 'DAMAGED_PRODUCT' }));
    asReturn(await calls.accept(seller(), { returnId: ret.id }));
    return asReturn(await calls.receive(seller(), { returnId: ret.id }));
  };

  it('an amount above the value of the returned units answers AmountExceedsRefundableError and changes nothing', async () => {
    const order = await received();
    const ret = await receivedBack(order.id, [
      { lineId: order.lines[0].id, quantity: 1 },
      { lineId: order.lines[1].id, quantity: 1 },
    ]);
    const before = snapshotOf(await readOrder(t, order.id));
    expect(await calls.refund(seller(), { returnId: ret.id, amount: '85.50' })).toEqual({
      __typename: 'AmountExceedsRefundableError',
      code: 'AMOUNT_EXCEEDS_REFUNDABLE',
      message: 'This return has 85.49 left to refund',
      refundable: { amount: '85.49', currency: 'PLN' },
    });
    expect(await readReturn(ret.id)).toEqual(ret);
    expect(snapshotOf(await readOrder(t, order.id))).toEqual(before);
    expect(asReturn(await calls.refund(seller(), { returnId: ret.id, amount: '85.49' })).status).toBe('REFUNDED');
  });

  it('money an earlier refund paid back is not paid again: the default stops at what is left', async () => {
    const order = await received();
    const lineId = order.lines[0].id;
    const refund = { orderId: order.id, lines: [{ lineId, amount: '40.00' }], reason: 'DAMAGED_PRODUCT' as const };
    asOrder((await t.gql(RefundOrderDocument, { input: refund }, seller())).refundOrder);
    const ret = await receivedBack(order.id, [{ lineId, quantity: 2 }]);
    const exceeded = await calls.refund(seller(), { returnId: ret.id, amount: '99.98' });
    expect(exceeded).toMatchObject({ __typename: 'AmountExceedsRefundableError', refundable: { amount: '59.98', currency: 'PLN' } });
    const refunded = asReturn(await calls.refund(seller(), { returnId: ret.id }));
    expect(refunded.refunds).toEqual([{ amount: { amount: '59.98' }, reason: 'DAMAGED_PRODUCT', line: { id: lineId } }]);
    expect((await readOrder(t, order.id)).lines.map((line) => [line.state, line.refundedAmount.amount])).toEqual([
      ['REFUNDED', '99.98'],
      ['RECEIVED', '0.00'],
    ]);
  });

  it.each([
    ['0.00', 'must be greater than zero'],
    ['1.999', 'must be a decimal amount with at most two decimals, e.g. "129.99"'],
  ])('refuses the amount %s with ValidationError', async (amount, message) => {
    const order = await received();
    const ret = await receivedBack(order.id, [{ lineId: order.lines[1].id, quantity: 1 }]);
    expect(await calls.refund(seller(), { returnId: ret.id, amount })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message,
      field: ['input', 'amount'],
    });
    expect((await readReturn(ret.id)).status).toBe('RECEIVED');
  });
});

describe('what a return request may ask for', () => {
  it('refuses an order that was not received yet with InvalidStateError naming the order state', async () => {
    const placed = await placeOrder(t, market);
    expect(await calls.request(customer(), oneUnit(placed.id, placed.lines[0].id))).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'A return can be requested once the order is received',
      currentState: 'WAITING_ACCEPTANCE',
    });
  });

  it('refuses a refunded line, and an order with nothing left to return', async () => {
    const order = await received();
    const refund = (lineId: string) => ({ orderId: order.id, lines: [{ lineId }], reason: 'DAMAGED_PRODUCT' as const });
    asOrder((await t.gql(RefundOrderDocument, { input: refund(order.lines[1].id) }, seller())).refundOrder);
    expect(await calls.request(customer(), oneUnit(order.id, order.lines[1].id))).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'Line 1 is REFUNDED and cannot be returned',
      currentState: 'RECEIVED',
    });
    asOrder((await t.gql(RefundOrderDocument, { input: refund(order.lines[0].id) }, seller())).refundOrder);
    expect(await calls.request(customer(), oneUnit(order.id, order.lines[0].id))).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'Nothing on this order can be returned',
      currentState: 'REFUNDED', // rule 2 of issue 10 (it was CLOSED)
    });
  });

  it('never puts more units of a line in returns than the line has', async () => {
    const order = await received();
    const lineId = order.lines[0].id;
    asReturn(await calls.request(customer(), { orderId: order.id, lines: [{ lineId, quantity: 1 }], reason: 'OTHER' }));
    expect(await calls.request(customer(), { orderId: order.id, lines: [{ lineId, quantity: 2 }], reason: 'OTHER' })).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'only 1 of 2 units are not already in a return',
      field: ['input', 'lines', '0', 'quantity'],
    });
    asReturn(await calls.request(customer(), { orderId: order.id, lines: [{ lineId, quantity: 1 }], reason: 'OTHER' }));
  });

  it('two concurrent requests for the same units: the order lock lets exactly one through', async () => {
    const order = await received();
    const input = { orderId: order.id, lines: [{ lineId: order.lines[0].id, quantity: 2 }], reason: 'OTHER' as const };
    const outcomes = await Promise.all([calls.request(customer(), input), calls.request(market.keys.operator, input)]);
    expect(outcomes.map((outcome) => outcome.__typename).sort()).toEqual(['Return', 'ValidationError']);
  });

  it.each<[string, (ids: { orderId: string; first: string; second: string; foreign: string }) => RequestReturnInput, string[], string]>([
    ['no lines', ({ orderId }) => ({ orderId, lines: [], reason: 'OTHER' }), ['input', 'lines'], 'must not be empty'],
    ['quantity 0', ({ orderId, first }) => ({ orderId, lines: [{ lineId: first, quantity: 0 }], reason: 'OTHER' }), ['input', 'lines', '0', 'quantity'], 'must be a whole number from 1 to 1000000'],
    ['more than the line has', ({ orderId, first }) => ({ orderId, lines: [{ lineId: first, quantity: 3 }], reason: 'OTHER' }), ['input', 'lines', '0', 'quantity'], "must be from 1 to the line's quantity (2)"],
    ['a line listed twice', ({ orderId, second }) => ({ orderId, lines: [{ lineId: second, quantity: 1 }, { lineId: second, quantity: 1 }], reason: 'OTHER' }), ['input', 'lines', '1', 'lineId'], 'is listed twice'],
    ['a line of another order', ({ orderId, foreign }) => ({ orderId, lines: [{ lineId: foreign, quantity: 1 }], reason: 'OTHER' }), ['input', 'lines', '0', 'lineId'], 'is not a line of this order'],
    ['a comment over 2000 characters', ({ orderId, first }) => ({ ...oneUnit(orderId, first), comment: 'x'.repeat(2001) }), ['input', 'comment'], 'must be at most 2000 characters'],
    ['a malformed order id', ({ first }) => oneUnit('not-an-id', first), ['input', 'orderId'], 'is not an order id'],
  ])('refuses %s with ValidationError and creates nothing', async (_name, build, field, message) => {
    const order = await received();
    const other = await placeOrder(t, market);
    const input = build({ orderId: order.id, first: order.lines[0].id, second: order.lines[1].id, foreign: other.lines[0].id });
    expect(await calls.request(customer(), input)).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', message, field });
    expect((await readOrder(t, order.id)).timeline.edges.filter(({ node }) => node.type.startsWith('RETURN_'))).toEqual([]);
  });

  it('takes a comment of exactly 2000 characters', async () => {
    const order = await received();
    const ret = asReturn(await calls.request(customer(), { ...oneUnit(order.id, order.lines[0].id), comment: 'x'.repeat(2000) }));
    expect(ret.comment).toHaveLength(2000);
  });

  it('checks tracking like setTracking, and a rejection note like a comment', async () => {
    const order = await received();
    const ret = asReturn(await calls.request(customer(), oneUnit(order.id, order.lines[0].id)));
    expect(await calls.reject(seller(), { returnId: ret.id, reason: 'OTHER', message: 'x'.repeat(2001) })).toMatchObject({
      __typename: 'ValidationError',
      field: ['input', 'message'],
    });
    asReturn(await calls.accept(seller(), { returnId: ret.id }));
    const track = (input: Partial<Parameters<typeof calls.track>[1]>) => calls.track(customer(), { returnId: ret.id, trackingNumber: 'T-1', ...input });
    expect(await track({ carrierCode: 'NOPE' })).toMatchObject({ field: ['input', 'carrierCode'], message: 'is not a code from `carriers`' });
    expect(await track({})).toMatchObject({ field: ['input', 'carrierName'], message: 'is required' });
    expect(await track({ carrierCode: 'DHL', trackingUrl: 'https://example.pl/t' })).toMatchObject({ field: ['input', 'trackingUrl'] });
    expect(await track({ carrierCode: 'DHL', trackingNumber: ' ' })).toMatchObject({ field: ['input', 'trackingNumber'] });
    expect(await calls.accept(seller(), { returnId: 'not-an-id' })).toMatchObject({ field: ['input', 'returnId'], message: 'is not a return id' });
    expect(await readReturn(ret.id)).toMatchObject({ status: 'ACCEPTED', version: 2, returnTracking: null });
  });

  it.each([
    ['a seller requesting a return', () => t.request(RequestReturnDocument, { input: { orderId: toGlobalId('Order', '00000000-0000-4000-8000-000000000000'), lines: [], reason: 'OTHER' } }, market.keys.seller)],
    ['a customer accepting a return', () => t.request(AcceptReturnDocument, { input: { returnId: toGlobalId('Return', '00000000-0000-4000-8000-000000000000') } }, market.keys.customer)],
  ])('answers FORBIDDEN to %s', async (_name, call) => {
    const response = await call();
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('the return window (src/returns/return-request.ts)', () => {
  it.each([
    [10, '2027-03-19T22:59:59.999Z'],
    [14, '2027-03-19T22:59:59.999Z'],
    [30, '2027-04-05T21:59:59.999Z'],
  ])('a %i-day policy, received 5 March 2027: max(14, days) days after the date of receipt, to the end of a business day: %s', (days, expected) => {
    expect(returnWindowEndsAt(new Date('2027-03-05T09:00:00.000Z'), days).toISOString()).toBe(expected);
  });
});

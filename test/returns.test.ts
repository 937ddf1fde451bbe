import { clock } from '../src/common/clock';
import { OrderReturnsDocument, ReturnEventsDocument, ReturnNodeDocument } from './generated/graphql';
import { asReturn, HOUR, receivedOrder, returnCalls } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, readOrder, timelineOf } from './support/market';

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

/** Friday 5 March 2027, 10:00 in Warsaw; the next two business days are Monday 8 and Tuesday 9 March. */
const RECEIVED_AT = new Date('2027-03-05T09:00:00.000Z');
const REQUESTED_AT = new Date(RECEIVED_AT.getTime() + HOUR);

const seller = () => market.keys.seller;
const customer = () => market.keys.customer;
/** Each order: line 1 = 2 x 49.99, line 2 = 1 x 35.50, prepaid. */
const received = () => receivedOrder(t, market, { receivedAt: RECEIVED_AT });
const lineStates = async (orderId: string) =>
  (await readOrder(t, orderId)).lines.map((line) => [line.state, line.refundedAmount.amount, line.refundable.amount]);

describe('a return walked from request to refund', () => {
  it('REQUESTED -> ACCEPTED -> tracking -> RECEIVED -> REFUNDED, with exact fields, refunds and events', async () => {
    const order = await received();
    const [first, second] = order.lines;
    clock.freeze(REQUESTED_AT);

    const requested = asReturn(
      await calls.request(customer(), {
        orderId: order.id,
        lines: [
          { lineId: first.id, quantity: 1 },
          { lineId: second.id, quantity: 1 },
        ],
        reason: 'DAMAGED_PRODUCT',
        comment: '  Pęknięta okładka  ',
      }),
    );
    expect(requested).toEqual({
      __typename: 'Return',
      id: requested.id,
      status: 'REQUESTED',
      reason: 'DAMAGED_PRODUCT',
      comment: 'Pęknięta okładka',
      requestedAt: '2027-03-05T10:00:00.000Z',
      // The end of 19 March in Warsaw (UTC+01:00): rules 7 and 8 of issue 10 (it was receipt + 14 x 24 h, 09:00Z).
      windowEndsAt: '2027-03-19T22:59:59.999Z',
      decisionDueAt: '2027-03-09T10:00:00.000Z',
      refundDueAt: '2027-03-19T22:59:59.999Z',
      refundOverdue: false,
      rejectionReason: null,
      rejectionMessage: null,
      version: 1,
      returnTracking: null,
      order: { id: order.id, state: 'RECEIVED' },
      lines: [
        { quantity: 1, line: { id: first.id, index: 0, state: 'RECEIVED' } },
        { quantity: 1, line: { id: second.id, index: 1, state: 'RECEIVED' } },
      ],
      refunds: [],
    });

    const accepted = asReturn(await calls.accept(seller(), { returnId: requested.id, expectedVersion: 1 }));
    expect([accepted.status, accepted.version]).toEqual(['ACCEPTED', 2]);

    const tracked = asReturn(await calls.track(customer(), { returnId: requested.id, carrierCode: 'INPOST', trackingNumber: 'ZW 6800' }));
    expect([tracked.status, tracked.version]).toEqual(['ACCEPTED', 3]);
    expect(tracked.returnTracking).toEqual({
      carrierCode: 'INPOST',
      carrierName: 'InPost',
      trackingNumber: 'ZW 6800',
      trackingUrl: 'https://inpost.pl/sledzenie-przesylek?number=ZW%206800',
    });

    const back = asReturn(await calls.receive(seller(), { returnId: requested.id, expectedVersion: 3 }));
    expect([back.status, back.version]).toEqual(['RECEIVED', 4]);

    const refunded = asReturn(await calls.refund(seller(), { returnId: requested.id }));
    expect([refunded.status, refunded.version]).toEqual(['REFUNDED', 5]);
    // The value of the returned units: one of two books on line 1, the whole of line 2.
    expect(refunded.refunds).toEqual([
      { amount: { amount: '49.99' }, reason: 'DAMAGED_PRODUCT', line: { id: first.id } },
      { amount: { amount: '35.50' }, reason: 'DAMAGED_PRODUCT', line: { id: second.id } },
    ]);
    expect(await lineStates(order.id)).toEqual([
      ['RECEIVED', '49.99', '49.99'],
      ['REFUNDED', '35.50', '0.00'],
    ]);

    const after = await readOrder(t, order.id);
    expect(after.state).toBe('RECEIVED');
    expect(after.version).toBe(order.version + 1);
    expect(after.refunds.map((refund) => refund.amount.amount)).toEqual(['49.99', '35.50']);
    expect(timelineOf(after).slice(-6)).toEqual([
      'RETURN_REQUESTED -->REQUESTED by CUSTOMER',
      'RETURN_UPDATED REQUESTED->ACCEPTED by SELLER',
      'RETURN_UPDATED -->- by CUSTOMER',
      'RETURN_UPDATED ACCEPTED->RECEIVED by SELLER',
      'ORDER_REFUNDED -->- by SELLER',
      'RETURN_UPDATED RECEIVED->REFUNDED by SELLER',
    ]);
    const { events } = await t.gql(ReturnEventsDocument, { types: ['RETURN_REQUESTED', 'RETURN_UPDATED'] }, customer());
    const mine = events.edges.map(({ node }) => node).filter((node) => node.return?.id === requested.id);
    expect(mine.map((node) => [node.type, node.fromState, node.toState, node.actor.type, node.order?.id, node.return?.status])).toEqual([
      ['RETURN_REQUESTED', null, 'REQUESTED', 'CUSTOMER', order.id, 'REFUNDED'],
      ['RETURN_UPDATED', 'REQUESTED', 'ACCEPTED', 'SELLER', order.id, 'REFUNDED'],
      ['RETURN_UPDATED', null, null, 'CUSTOMER', order.id, 'REFUNDED'],
      ['RETURN_UPDATED', 'ACCEPTED', 'RECEIVED', 'SELLER', order.id, 'REFUNDED'],
      ['RETURN_UPDATED', 'RECEIVED', 'REFUNDED', 'SELLER', order.id, 'REFUNDED'],
    ]);
  });

  // Rule 2 of issue 10 changed this: such an order used to show CLOSED ("Zamknięto") at once.
  it('returning every unit refunds the whole order: every line REFUNDED, the order REFUNDED', async () => {
    const order = await received();
    const ret = asReturn(
      await calls.request(customer(), {
        orderId: order.id,
        lines: order.lines.map((line) => ({ lineId: line.id, quantity: line.quantity })),
        reason: 'WITHDRAWAL_NO_REASON',
      }),
    );
    expect(ret.comment).toBeNull();
    asReturn(await calls.accept(seller(), { returnId: ret.id }));
    asReturn(await calls.receive(seller(), { returnId: ret.id }));
    const refunded = asReturn(await calls.refund(seller(), { returnId: ret.id }));
    expect(refunded.refunds.map((refund) => [refund.amount.amount, refund.reason])).toEqual([
      ['99.98', 'WITHDRAWAL_NO_REASON'],
      ['35.50', 'WITHDRAWAL_NO_REASON'],
    ]);
    expect(refunded.order.state).toBe('REFUNDED');
    expect(refunded.lines.map((line) => line.line.state)).toEqual(['REFUNDED', 'REFUNDED']);
    expect(timelineOf(await readOrder(t, order.id)).slice(-2)).toEqual([
      'ORDER_REFUNDED RECEIVED->REFUNDED by SELLER',
      'RETURN_UPDATED RECEIVED->REFUNDED by SELLER',
    ]);
  });

  it('a given amount is spread over the returned lines in line order, each up to the value returned', async () => {
    const order = await received();
    const [first, second] = order.lines;
    const ret = asReturn(
      await calls.request(customer(), {
        orderId: order.id,
        lines: [
          { lineId: second.id, quantity: 1 },
          { lineId: first.id, quantity: 2 },
        ],
        reason: 'WRONG_ITEM',
      }),
    );
    asReturn(await calls.accept(seller(), { returnId: ret.id }));
    asReturn(await calls.receive(seller(), { returnId: ret.id }));
    const refunded = asReturn(await calls.refund(seller(), { returnId: ret.id, amount: '120.00' }));
    // WRONG_ITEM has no refund reason of its own: it is refunded as NOT_AS_DESCRIBED.
    expect(refunded.refunds).toEqual([
      { amount: { amount: '99.98' }, reason: 'NOT_AS_DESCRIBED', line: { id: first.id } },
      { amount: { amount: '20.02' }, reason: 'NOT_AS_DESCRIBED', line: { id: second.id } },
    ]);
    expect(await lineStates(order.id)).toEqual([
      ['REFUNDED', '99.98', '0.00'],
      ['RECEIVED', '20.02', '15.48'],
    ]);
  });

  it('the shop rejects with a reason and a note; the units are free again for a new request', async () => {
    const order = await received();
    const [first] = order.lines;
    const lines = [{ lineId: first.id, quantity: 2 }];
    const ret = asReturn(await calls.request(customer(), { orderId: order.id, lines, reason: 'NOT_AS_DESCRIBED' }));
    const rejected = asReturn(
      await calls.reject(seller(), { returnId: ret.id, reason: 'NOT_RETURNABLE', message: ' Produkt personalizowany ', expectedVersion: 1 }),
    );
    expect([rejected.status, rejected.rejectionReason, rejected.rejectionMessage, rejected.version]).toEqual([
      'REJECTED',
      'NOT_RETURNABLE',
      'Produkt personalizowany',
      2,
    ]);
    clock.freeze(REQUESTED_AT);
    const again = asReturn(await calls.request(customer(), { orderId: order.id, lines, reason: 'NOT_AS_DESCRIBED' }));
    expect(again.status).toBe('REQUESTED');
    const { order: withReturns } = await t.gql(OrderReturnsDocument, { id: order.id }, seller());
    expect(withReturns!.returns).toEqual([
      { id: ret.id, status: 'REJECTED' },
      { id: again.id, status: 'REQUESTED' },
    ]);
    expect(timelineOf(await readOrder(t, order.id)).slice(-3)).toEqual([
      'RETURN_REQUESTED -->REQUESTED by CUSTOMER',
      'RETURN_UPDATED REQUESTED->REJECTED by SELLER',
      'RETURN_REQUESTED -->REQUESTED by CUSTOMER',
    ]);
  });

  it.each([
    ['REQUESTED', false],
    ['ACCEPTED with tracking', true],
  ])('the customer cancels a return that is %s; the order is untouched', async (_name, accept) => {
    const order = await received();
    const ret = asReturn(await calls.request(customer(), { orderId: order.id, lines: [{ lineId: order.lines[1].id, quantity: 1 }], reason: 'OTHER' }));
    if (accept) {
      asReturn(await calls.accept(seller(), { returnId: ret.id }));
      asReturn(await calls.track(customer(), { returnId: ret.id, carrierName: 'Kurier lokalny', trackingNumber: 'KL-1', trackingUrl: 'https://kurier.example.pl/KL-1' }));
    }
    const canceled = asReturn(await calls.cancel(customer(), { returnId: ret.id }));
    expect(canceled.status).toBe('CANCELED');
    expect(canceled.version).toBe(accept ? 4 : 2);
    expect(canceled.returnTracking).toEqual(
      accept ? { carrierCode: null, carrierName: 'Kurier lokalny', trackingNumber: 'KL-1', trackingUrl: 'https://kurier.example.pl/KL-1' } : null,
    );
    expect(timelineOf(await readOrder(t, order.id)).slice(-1)).toEqual([`RETURN_UPDATED ${accept ? 'ACCEPTED' : 'REQUESTED'}->CANCELED by CUSTOMER`]);
    const after = await readOrder(t, order.id);
    expect([after.version, after.refunds]).toEqual([order.version, []]);
  });

  it('an operator may take the customer side and the shop side of a return', async () => {
    const order = await received();
    const operator = market.keys.operator;
    const ret = asReturn(await calls.request(operator, { orderId: order.id, lines: [{ lineId: order.lines[1].id, quantity: 1 }], reason: 'OTHER' }));
    asReturn(await calls.accept(operator, { returnId: ret.id }));
    asReturn(await calls.receive(operator, { returnId: ret.id }));
    expect(asReturn(await calls.refund(operator, { returnId: ret.id })).status).toBe('REFUNDED');
    expect(timelineOf(await readOrder(t, order.id)).slice(-5)).toEqual([
      'RETURN_REQUESTED -->REQUESTED by OPERATOR',
      'RETURN_UPDATED REQUESTED->ACCEPTED by OPERATOR',
      'RETURN_UPDATED ACCEPTED->RECEIVED by OPERATOR',
      'ORDER_REFUNDED -->- by OPERATOR',
      'RETURN_UPDATED RECEIVED->REFUNDED by OPERATOR',
    ]);
  });
});

describe('requests with an idempotency key or an expected version', () => {
  it('a repeated requestReturn with the same key answers the first return and records nothing more', async () => {
    const order = await received();
    const input = { orderId: order.id, lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'OTHER' as const, idempotencyKey: 'zwrot-1' };
    const first = asReturn(await calls.request(customer(), input));
    const second = asReturn(await calls.request(customer(), input));
    expect(second).toEqual(first);
    const { order: withReturns } = await t.gql(OrderReturnsDocument, { id: order.id }, customer());
    expect(withReturns!.returns).toEqual([{ id: first.id, status: 'REQUESTED' }]);
    expect(timelineOf(await readOrder(t, order.id)).filter((line) => line.startsWith('RETURN_'))).toEqual(['RETURN_REQUESTED -->REQUESTED by CUSTOMER']);
  });

  it('a repeated acceptReturn with the same key answers the accepted return again, not InvalidStateError', async () => {
    const order = await received();
    const ret = asReturn(await calls.request(customer(), { orderId: order.id, lines: [{ lineId: order.lines[1].id, quantity: 1 }], reason: 'OTHER' }));
    const input = { returnId: ret.id, idempotencyKey: 'decyzja-1' };
    const first = asReturn(await calls.accept(seller(), input));
    expect(asReturn(await calls.accept(seller(), input))).toEqual(first);
    expect([first.status, first.version]).toEqual(['ACCEPTED', 2]);
  });

  it('a stale expectedVersion answers VersionConflictError and changes nothing', async () => {
    const order = await received();
    const ret = asReturn(await calls.request(customer(), { orderId: order.id, lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'OTHER' }));
    asReturn(await calls.accept(seller(), { returnId: ret.id, expectedVersion: 1 }));
    expect(await calls.receive(seller(), { returnId: ret.id, expectedVersion: 1 })).toEqual({
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message: 'Expected another version; the current version is 2',
      currentVersion: 2,
    });
    const { node } = await t.gql(ReturnNodeDocument, { id: ret.id }, seller());
    expect(node).toEqual({ __typename: 'Return', id: ret.id, status: 'ACCEPTED' });
  });
});

import { clock } from '../src/common/clock';
import {
  DecideRatingRemovalDocument,
  NodesDocument,
  OrderRatingDocument,
  RateOrderDocument,
  RatingEventsDocument,
  RatingFieldsFragment,
  RatingNodeDocument,
  RatingsDocument,
  ReplyToRatingDocument,
} from './generated/graphql';
import { asRating, DAY, ratingCalls, receivedOrder } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder, readOrder } from './support/market';

let t: TestApp;
let market: Market;
let calls: ReturnType<typeof ratingCalls>;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  calls = ratingCalls(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const RECEIVED_AT = new Date('2027-03-05T09:00:00.000Z');
const seller = () => market.keys.seller;
const customer = () => market.keys.customer;
const operator = () => market.keys.operator;
const rated = async (grade = 3) => {
  const order = await receivedOrder(t, market);
  return asRating(await calls.rate(customer(), { orderId: order.id, grade }));
};
const invalidState = (currentState: string, message: string) => ({ __typename: 'InvalidStateError', code: 'INVALID_STATE', currentState, message });
const notPossible = (removal: string) => invalidState(removal, `This action is not possible while the rating's removal is ${removal}`);

describe('when an order may be rated', () => {
  it('not before receipt: InvalidStateError naming the order state', async () => {
    const placed = await placeOrder(t, market);
    expect(await calls.rate(customer(), { orderId: placed.id, grade: 5 })).toEqual(
      invalidState('WAITING_ACCEPTANCE', 'An order can be rated once it is received'),
    );
  });

  it('once: a second rating answers AlreadyExistsError; a repeated idempotency key answers the first one', async () => {
    const order = await receivedOrder(t, market);
    const input = { orderId: order.id, grade: 5, idempotencyKey: 'ocena-1' };
    const first = asRating(await calls.rate(customer(), input));
    expect(asRating(await calls.rate(customer(), input))).toEqual(first);
    expect(await calls.rate(customer(), { orderId: order.id, grade: 1 })).toEqual({
      __typename: 'AlreadyExistsError',
      code: 'ALREADY_EXISTS',
      message: 'This order is already rated',
    });
    expect(await calls.rate(operator(), { orderId: order.id, grade: 1 })).toMatchObject({ __typename: 'AlreadyExistsError' });
    const { events } = await t.gql(RatingEventsDocument, { types: ['RATING_RECEIVED'] }, customer());
    expect(events.edges.filter(({ node }) => node.order?.id === order.id)).toHaveLength(1);
  });

  it('two concurrent first ratings: exactly one is kept, the other is AlreadyExistsError', async () => {
    const order = await receivedOrder(t, market);
    const outcomes = await Promise.all([calls.rate(customer(), { orderId: order.id, grade: 5 }), calls.rate(operator(), { orderId: order.id, grade: 1 })]);
    expect(outcomes.map((outcome) => outcome.__typename).sort()).toEqual(['AlreadyExistsError', 'Rating']);
  });

  it('until receipt + RATING_WINDOW (90 days): the first refused moment, then the last allowed one', async () => {
    const order = await receivedOrder(t, market, { receivedAt: RECEIVED_AT });
    const windowEndsAt = new Date(RECEIVED_AT.getTime() + 90 * DAY);
    const actions = async () => (await t.gql(OrderRatingDocument, { id: order.id }, customer())).order!.availableActions;

    clock.freeze(new Date(windowEndsAt.getTime() + 1));
    expect(await actions()).not.toContain('RATE');
    expect(await calls.rate(customer(), { orderId: order.id, grade: 5 })).toEqual({
      __typename: 'DeadlinePassedError',
      code: 'DEADLINE_PASSED',
      message: 'The rating window has closed',
      deadline: windowEndsAt.toISOString(),
    });
    expect((await readOrder(t, order.id)).timeline.edges.map(({ node }) => node.type)).not.toContain('RATING_RECEIVED');

    clock.freeze(windowEndsAt);
    expect(await actions()).toContain('RATE');
    const rating = asRating(await calls.rate(customer(), { orderId: order.id, grade: 5 }));
    expect(rating.createdAt).toBe(windowEndsAt.toISOString());
  });

  it.each([
    ['grade 0', { grade: 0 }, ['input', 'grade'], 'must be a whole number from 1 to 5'],
    ['grade 6', { grade: 6 }, ['input', 'grade'], 'must be a whole number from 1 to 5'],
    ['a comment over 2000 characters', { grade: 5, comment: 'x'.repeat(2001) }, ['input', 'comment'], 'must be at most 2000 characters'],
  ])('refuses %s with ValidationError', async (_name, input, field, message) => {
    const order = await receivedOrder(t, market);
    expect(await calls.rate(customer(), { orderId: order.id, ...input })).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field, message });
    expect((await t.gql(OrderRatingDocument, { id: order.id }, customer())).order!.rating).toBeNull();
    expect(asRating(await calls.rate(customer(), { orderId: order.id, grade: 5, comment: 'x'.repeat(2000) })).comment).toHaveLength(2000);
  });
});

describe('every step the removal status does not allow', () => {
  it('asks for removal once: again while REQUESTED or after KEPT is InvalidStateError', async () => {
    const rating = await rated();
    const ask = (secret = seller()) => calls.requestRemoval(secret, { ratingId: rating.id, ground: 'RULES_VIOLATION', explanation: 'Spam' });
    asRating(await ask());
    expect(await ask()).toEqual(notPossible('REQUESTED'));
    asRating(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: false }));
    expect(await ask()).toEqual(notPossible('KEPT'));
    expect(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: true })).toEqual(notPossible('KEPT'));
  });

  it('decides only a REQUESTED removal', async () => {
    const rating = await rated();
    expect(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: true })).toEqual(notPossible('NONE'));
    asRating(await calls.requestRemoval(seller(), { ratingId: rating.id, ground: 'CUSTOMER_REQUEST', explanation: 'Prośba klienta' }));
    asRating(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: true }));
    expect(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: false })).toEqual(notPossible('REMOVED'));
  });

  it('nothing more happens to a REMOVED rating, even by an operator', async () => {
    const rating = await rated();
    asRating(await calls.reply(seller(), { ratingId: rating.id, body: 'Odpowiedź' }));
    asRating(await calls.requestRemoval(seller(), { ratingId: rating.id, ground: 'NOT_THIS_TRANSACTION', explanation: 'Inne zamówienie' }));
    const removed = asRating(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: true }));
    expect(await calls.reply(operator(), { ratingId: rating.id, body: 'Jeszcze raz' })).toEqual(notPossible('REMOVED'));
    expect(await calls.deleteReply(operator(), rating.id)).toEqual(notPossible('REMOVED'));
    expect(await calls.requestRemoval(operator(), { ratingId: rating.id, ground: 'RULES_VIOLATION', explanation: 'x' })).toEqual(notPossible('REMOVED'));
    expect((await t.gql(RatingNodeDocument, { id: rating.id }, operator())).node).toEqual({ __typename: 'Rating', id: rating.id, grade: 3, removal: 'REMOVED' });
    expect(removed.reply?.body).toBe('Odpowiedź');
  });

  it('deletes only a reply that exists', async () => {
    const rating = await rated();
    expect(await calls.deleteReply(seller(), rating.id)).toEqual(invalidState('NONE', 'The rating has no reply to delete'));
  });

  it.each<[string, () => Promise<unknown>, string[], string]>([
    ['a malformed id to replyToRating', () => calls.reply(seller(), { ratingId: 'x', body: 'ok' }), ['input', 'ratingId'], 'is not a rating id'],
    ['a malformed id to deleteRatingReply', () => calls.deleteReply(seller(), 'x'), ['ratingId'], 'is not a rating id'],
  ])('refuses %s with ValidationError', async (_name, call, field, message) => {
    expect(await call()).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field, message });
  });

  it('checks reply bodies and removal explanations: 1 to 2000 characters', async () => {
    const rating = await rated();
    expect(await calls.reply(seller(), { ratingId: rating.id, body: '   ' })).toMatchObject({ field: ['input', 'body'], message: 'must not be empty' });
    expect(await calls.reply(seller(), { ratingId: rating.id, body: 'x'.repeat(2001) })).toMatchObject({ field: ['input', 'body'] });
    expect(await calls.requestRemoval(seller(), { ratingId: rating.id, ground: 'RULES_VIOLATION', explanation: '' })).toMatchObject({
      field: ['input', 'explanation'],
    });
    const { node } = await t.gql(RatingNodeDocument, { id: rating.id }, seller());
    expect(node).toEqual({ __typename: 'Rating', id: rating.id, grade: 3, removal: 'NONE' });
  });

  it.each([
    ['a seller rating an order', () => t.request(RateOrderDocument, { input: { orderId: 'x', grade: 5 } }, market.keys.seller)],
    ['a customer replying', () => t.request(ReplyToRatingDocument, { input: { ratingId: 'x', body: 'x' } }, market.keys.customer)],
    ['a seller deciding a removal', () => t.request(DecideRatingRemovalDocument, { input: { ratingId: 'x', remove: true } }, market.keys.seller)],
  ])('answers FORBIDDEN to %s', async (_name, call) => {
    expect((await call()).errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('ratings of shop A and customer A, seen by outsiders', () => {
  let rating: RatingFieldsFragment;
  let orderId: string;
  let theirs: RatingFieldsFragment;
  const NOT_FOUND = { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Rating not found' };

  beforeAll(async () => {
    const order = await receivedOrder(t, market);
    orderId = order.id;
    rating = asRating(await calls.rate(customer(), { orderId, grade: 2 }));
    const other = await receivedOrder(t, market, { shopId: market.otherShop.id, customerSecret: market.keys.otherCustomer });
    theirs = asRating(await calls.rate(market.keys.otherCustomer, { orderId: other.id, grade: 5 }));
  });

  it.each(['otherSeller', 'otherCustomer'] as const)('%s: not listed (even by shopId), not a node, no order, no event', async (key) => {
    const secret = market.keys[key];
    const listed = (await t.gql(RatingsDocument, { first: 100 }, secret)).ratings;
    expect([listed.totalCount, listed.edges.map((edge) => edge.node.id)]).toEqual([1, [theirs.id]]);
    expect((await t.gql(RatingsDocument, { shopId: market.shop.id }, secret)).ratings.totalCount).toBe(0);
    expect((await t.gql(NodesDocument, { ids: [rating.id, theirs.id] }, secret)).nodes).toEqual([null, { __typename: 'Rating', id: theirs.id }]);
    expect((await t.gql(OrderRatingDocument, { id: orderId }, secret)).order).toBeNull();
    const { events } = await t.gql(RatingEventsDocument, { types: ['RATING_RECEIVED', 'RATING_UPDATED'] }, secret);
    expect(events.edges.map(({ node }) => node.rating?.id)).toEqual([theirs.id]);
  });

  it("another shop's seller gets NotFoundError for reply, reply deletion and removal; another customer cannot rate", async () => {
    const secret = market.keys.otherSeller;
    expect([
      await calls.reply(secret, { ratingId: rating.id, body: 'Nie nasze' }),
      await calls.deleteReply(secret, rating.id),
      await calls.requestRemoval(secret, { ratingId: rating.id, ground: 'RULES_VIOLATION', explanation: 'x' }),
    ]).toEqual([NOT_FOUND, NOT_FOUND, NOT_FOUND]);
    expect(await calls.rate(market.keys.otherCustomer, { orderId, grade: 1 })).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Order not found' });
    expect((await t.gql(RatingNodeDocument, { id: rating.id }, seller())).node).toEqual({ __typename: 'Rating', id: rating.id, grade: 2, removal: 'NONE' });
    expect((await t.gql(OrderRatingDocument, { id: orderId }, seller())).order!.rating).toEqual({ id: rating.id, grade: 2, removal: 'NONE' });
  });
});

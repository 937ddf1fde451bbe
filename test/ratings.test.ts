import { clock } from '../src/common/clock';
import {
  OrderRatingDocument,
  RatingDashboardDocument,
  RatingEventsDocument,
  RatingNodeDocument,
  RatingsDocument,
  ShopRatingSummaryDocument,
} from './generated/graphql';
import { asRating, HOUR, ratingCalls, receivedOrder } from './support/after-sales';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, readOrder, timelineOf } from './support/market';

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
const at = (hours: number) => {
  const instant = new Date(RECEIVED_AT.getTime() + hours * HOUR);
  clock.freeze(instant);
  return instant.toISOString();
};
const seller = () => market.keys.seller;
const customer = () => market.keys.customer;
const operator = () => market.keys.operator;

/** The rating events of one rating as the viewer sees them: type, removal move, actor, and the rating if visible. */
const ratingEvents = async (secret: string, orderId: string) =>
  (await t.gql(RatingEventsDocument, { types: ['RATING_RECEIVED', 'RATING_UPDATED'] }, secret)).events.edges
    .map(({ node }) => node)
    .filter((node) => node.order?.id === orderId)
    .map((node) => [node.type, node.fromState, node.toState, node.actor.type, node.rating?.removal ?? null]);

describe('a rating, its reply and a removal request', () => {
  it('rates a received order once; the shop replies, edits the reply and deletes it, each an event', async () => {
    const order = await receivedOrder(t, market, { receivedAt: RECEIVED_AT });
    const actions = async () => (await t.gql(OrderRatingDocument, { id: order.id }, customer())).order!.availableActions;
    expect(await actions()).toContain('RATE');

    const createdAt = at(1);
    const rating = asRating(await calls.rate(customer(), { orderId: order.id, grade: 4, comment: '  Szybko i sprawnie  ' }));
    expect(rating).toEqual({
      __typename: 'Rating',
      id: rating.id,
      grade: 4,
      comment: 'Szybko i sprawnie',
      createdAt,
      removal: 'NONE',
      removalGround: null,
      removalExplanation: null,
      reply: null,
      order: { id: order.id },
      customer: { id: market.customer.id, displayName: 'Anna Kowalska' },
    });
    expect(await actions()).not.toContain('RATE');
    expect((await t.gql(RatingDashboardDocument, {}, seller())).viewer.dashboard.ratingsWithoutReply).toBe(1);

    const repliedAt = at(2);
    const replied = asRating(await calls.reply(seller(), { ratingId: rating.id, body: ' Dziękujemy! ' }));
    expect(replied.reply).toEqual({ body: 'Dziękujemy!', createdAt: repliedAt, updatedAt: repliedAt });
    expect((await t.gql(RatingDashboardDocument, {}, seller())).viewer.dashboard.ratingsWithoutReply).toBe(0);

    const editedAt = at(3);
    const edited = asRating(await calls.reply(seller(), { ratingId: rating.id, body: 'Dziękujemy za opinię!' }));
    expect(edited.reply).toEqual({ body: 'Dziękujemy za opinię!', createdAt: repliedAt, updatedAt: editedAt });

    const deleted = asRating(await calls.deleteReply(seller(), rating.id));
    expect(deleted.reply).toBeNull();
    expect((await t.gql(RatingDashboardDocument, {}, seller())).viewer.dashboard.ratingsWithoutReply).toBe(1);

    expect(timelineOf(await readOrder(t, order.id)).slice(-4)).toEqual([
      'RATING_RECEIVED -->- by CUSTOMER',
      'RATING_UPDATED -->- by SELLER',
      'RATING_UPDATED -->- by SELLER',
      'RATING_UPDATED -->- by SELLER',
    ]);
    expect(await ratingEvents(customer(), order.id)).toEqual([
      ['RATING_RECEIVED', null, null, 'CUSTOMER', 'NONE'],
      ['RATING_UPDATED', null, null, 'SELLER', 'NONE'],
      ['RATING_UPDATED', null, null, 'SELLER', 'NONE'],
      ['RATING_UPDATED', null, null, 'SELLER', 'NONE'],
    ]);
  });

  it('the shop asks for removal with a ground; the operator keeps the rating, which stays everywhere', async () => {
    const order = await receivedOrder(t, market);
    const rating = asRating(await calls.rate(customer(), { orderId: order.id, grade: 1 }));
    const requested = asRating(
      await calls.requestRemoval(seller(), { ratingId: rating.id, ground: 'NOT_THIS_TRANSACTION', explanation: ' Opinia dotyczy innego sklepu ' }),
    );
    expect([requested.removal, requested.removalGround, requested.removalExplanation]).toEqual([
      'REQUESTED',
      'NOT_THIS_TRANSACTION',
      'Opinia dotyczy innego sklepu',
    ]);
    // The seller's explanation is for the operator; the customer sees only that removal was asked.
    const { node: forCustomer } = await t.gql(RatingNodeDocument, { id: rating.id }, customer());
    expect(forCustomer).toEqual({ __typename: 'Rating', id: rating.id, grade: 1, removal: 'REQUESTED' });

    const kept = asRating(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: false }));
    expect(kept.removal).toBe('KEPT');
    expect((await t.gql(OrderRatingDocument, { id: order.id }, seller())).order!.rating).toEqual({ id: rating.id, grade: 1, removal: 'KEPT' });
    expect(await ratingEvents(seller(), order.id)).toEqual([
      ['RATING_RECEIVED', null, null, 'CUSTOMER', 'KEPT'],
      ['RATING_UPDATED', 'NONE', 'REQUESTED', 'SELLER', 'KEPT'],
      ['RATING_UPDATED', 'REQUESTED', 'KEPT', 'OPERATOR', 'KEPT'],
    ]);
    // A kept rating may still be answered.
    expect(asRating(await calls.reply(seller(), { ratingId: rating.id, body: 'Wyjaśniliśmy sprawę.' })).reply?.body).toBe('Wyjaśniliśmy sprawę.');
  });

  it('a removed rating is gone from the shop: lists, node, the order, events; its author and operators still see it', async () => {
    const order = await receivedOrder(t, market);
    const rating = asRating(await calls.rate(customer(), { orderId: order.id, grade: 1, comment: 'Wulgarny wpis' }));
    asRating(await calls.requestRemoval(seller(), { ratingId: rating.id, ground: 'RULES_VIOLATION', explanation: 'Wulgaryzmy' }));
    const removed = asRating(await calls.decideRemoval(operator(), { ratingId: rating.id, remove: true }));
    expect(removed.removal).toBe('REMOVED');

    const listed = async (secret: string) => (await t.gql(RatingsDocument, { first: 100 }, secret)).ratings.edges.map((edge) => edge.node.id);
    expect(await listed(seller())).not.toContain(rating.id);
    expect((await t.gql(RatingNodeDocument, { id: rating.id }, seller())).node).toBeNull();
    expect((await t.gql(OrderRatingDocument, { id: order.id }, seller())).order!.rating).toBeNull();
    expect(await calls.reply(seller(), { ratingId: rating.id, body: 'Hej' })).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Rating not found' });
    // The shop still sees that something happened to it, not the rating itself.
    expect((await ratingEvents(seller(), order.id)).slice(-1)).toEqual([['RATING_UPDATED', 'REQUESTED', 'REMOVED', 'OPERATOR', null]]);

    for (const secret of [customer(), operator()]) {
      expect(await listed(secret)).toContain(rating.id);
      expect((await t.gql(RatingNodeDocument, { id: rating.id }, secret)).node).toEqual({ __typename: 'Rating', id: rating.id, grade: 1, removal: 'REMOVED' });
      expect((await t.gql(OrderRatingDocument, { id: order.id }, secret)).order!.rating).toEqual({ id: rating.id, grade: 1, removal: 'REMOVED' });
      expect((await ratingEvents(secret, order.id)).slice(-1)).toEqual([['RATING_UPDATED', 'REQUESTED', 'REMOVED', 'OPERATOR', 'REMOVED']]);
    }
  });
});

describe('Shop.ratingSummary and the ratings list', () => {
  it('counts every rating but the removed one: average rounded to two decimals, distribution by grade', async () => {
    const own = await createMarket(t);
    const ids: string[] = [];
    for (const grade of [5, 4, 4, 1]) {
      const order = await receivedOrder(t, own);
      ids.push(asRating(await calls.rate(own.keys.customer, { orderId: order.id, grade })).id);
    }
    const [five, , , one] = ids;
    asRating(await calls.requestRemoval(own.keys.seller, { ratingId: one, ground: 'CUSTOMER_REQUEST', explanation: 'Klient prosi o usunięcie' }));
    const summary = async () => {
      const { shops } = await t.gql(ShopRatingSummaryDocument, { first: 100 }, own.keys.customer);
      const find = (id: string) => shops.edges.find((edge) => edge.node.id === id)!.node.ratingSummary;
      return [find(own.shop.id), find(own.otherShop.id)];
    };
    // Asked for, not yet decided: the rating still counts.
    expect(await summary()).toEqual([
      { average: 3.5, count: 4, distribution: [1, 0, 0, 2, 1] },
      { average: null, count: 0, distribution: [0, 0, 0, 0, 0] },
    ]);
    asRating(await calls.decideRemoval(operator(), { ratingId: one, remove: true }));
    expect(await summary()).toEqual([
      { average: 4.33, count: 3, distribution: [0, 0, 0, 2, 1] },
      { average: null, count: 0, distribution: [0, 0, 0, 0, 0] },
    ]);

    const fours = (await t.gql(RatingsDocument, { filter: { grades: [4] } }, own.keys.seller)).ratings;
    expect([fours.totalCount, fours.edges.every((edge) => edge.node.grade === 4)]).toEqual([2, true]);
    asRating(await calls.reply(own.keys.seller, { ratingId: five, body: 'Dziękujemy' }));
    const unanswered = (await t.gql(RatingsDocument, { filter: { withoutReply: true } }, own.keys.seller)).ratings;
    expect([unanswered.totalCount, (await t.gql(RatingDashboardDocument, {}, own.keys.seller)).viewer.dashboard.ratingsWithoutReply]).toEqual([2, 2]);
    const answered = (await t.gql(RatingsDocument, { filter: { withoutReply: false } }, own.keys.seller)).ratings;
    expect(answered.edges.map((edge) => edge.node.id)).toEqual([five]);
    const all = (await t.gql(RatingsDocument, { shopId: own.shop.id }, operator())).ratings;
    expect(all.totalCount).toBe(4);
    const page = (await t.gql(RatingsDocument, { first: 2, shopId: own.shop.id }, operator())).ratings;
    const rest = (await t.gql(RatingsDocument, { first: 2, after: page.pageInfo.endCursor, shopId: own.shop.id }, operator())).ratings;
    expect([...page.edges, ...rest.edges].map((edge) => edge.node.id).sort()).toEqual([...ids].sort());
    expect([page.pageInfo.hasNextPage, rest.pageInfo.hasNextPage, rest.pageInfo.hasPreviousPage]).toEqual([true, false, true]);
    const bad = await t.request(RatingsDocument, { filter: { grades: [6] } }, own.keys.seller);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });
});

import { clock } from '../src/common/clock';
import {
  MarkNoReplyNeededDocument,
  MarkThreadReadDocument,
  MessageEventsDocument,
  MessageThreadFilter,
  MessageThreadsDocument,
  NodeDocument,
  ThreadMessagesDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';
import { markRead, send, sendOk, threadOf } from './support/messages';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

/** An order of `market` whose thread the customer opened with one message; the thread's id. */
async function orderWithThread(m: Market = market, body = 'Dzień dobry') {
  const order = await placeOrder(t, m);
  const message = await sendOk(t, m.keys.customer, { orderId: order.id, body });
  return { order, threadId: message.thread.id };
}

async function messageCount(orderId: string): Promise<number> {
  return (await threadOf(t, orderId, market.keys.operator))?.messages.totalCount ?? 0;
}

async function threadIds(secret: string, filter?: MessageThreadFilter): Promise<string[]> {
  const { messageThreads } = await t.gql(MessageThreadsDocument, { first: 100, filter }, secret);
  expect(messageThreads.totalCount).toBe(messageThreads.edges.length);
  return messageThreads.edges.map(({ node }) => node.id);
}

describe('sending messages', () => {
  it('creates the order thread on the first message, subject "Zamówienie <reference>", with a trimmed body and the author', async () => {
    const order = await placeOrder(t, market);
    expect(await threadOf(t, order.id, market.keys.customer)).toBeNull();

    const message = await sendOk(t, market.keys.customer, { orderId: order.id, body: '  \n Kiedy wyślecie paczkę?\t ' });
    expect(message.body).toBe('Kiedy wyślecie paczkę?');
    expect(message.author).toEqual({ type: 'CUSTOMER', displayName: 'Anna Kowalska' });
    const thread = await threadOf(t, order.id, market.keys.seller);
    expect(thread!.id).toBe(message.thread.id);
    expect(thread!.subject).toBe(`Zamówienie ${order.reference}`);
    expect(thread!.order).toEqual({ id: order.id, reference: order.reference });
    expect(thread!.messages.edges.map(({ node }) => node.body)).toEqual(['Kiedy wyślecie paczkę?']);
  });

  it('puts later messages, by threadId or by orderId, in the same thread with each author', async () => {
    const { order, threadId } = await orderWithThread();
    const reply = await sendOk(t, market.keys.seller, { threadId, body: 'Wysyłamy jutro.' });
    const again = await sendOk(t, market.keys.customer, { orderId: order.id, body: 'Dziękuję!' });
    const operator = await sendOk(t, market.keys.operator, { threadId, body: 'Zamykam zgłoszenie.' });
    expect([reply.thread.id, again.thread.id, operator.thread.id]).toEqual([threadId, threadId, threadId]);

    const thread = await threadOf(t, order.id, market.keys.customer);
    expect(thread!.messages.totalCount).toBe(4);
    expect(thread!.messages.edges.map(({ node }) => `${node.author.type} ${node.author.displayName}: ${node.body}`)).toEqual([
      'CUSTOMER Anna Kowalska: Dzień dobry',
      'SELLER Księgarnia Pod Sową: Wysyłamy jutro.',
      'CUSTOMER Anna Kowalska: Dziękuję!',
      'OPERATOR Bootstrap operator: Zamykam zgłoszenie.',
    ]);
    expect(await threadIds(market.keys.seller, { orderId: order.id })).toEqual([threadId]);
    expect(await threadIds(market.keys.customer, { orderId: order.id })).toEqual([threadId]);
  });

  it('accepts a body of exactly 5000 characters', async () => {
    const { order } = await orderWithThread();
    const message = await sendOk(t, market.keys.customer, { orderId: order.id, body: 'x'.repeat(5000) });
    expect(message.body).toHaveLength(5000);
    expect(await messageCount(order.id)).toBe(2);
  });

  it.each([
    ['an empty body', '', 'thread', ['input', 'body']],
    ['a whitespace-only body', ' \n\t ', 'thread', ['input', 'body']],
    ['a body of 5001 characters', 'x'.repeat(5001), 'thread', ['input', 'body']],
    ['both threadId and orderId', 'Halo', 'both', ['input']],
    ['neither threadId nor orderId', 'Halo', 'neither', ['input']],
  ] as const)('answers %s with a ValidationError on its field and writes nothing', async (_, body, to, field) => {
    const { order, threadId } = await orderWithThread();
    const target = { thread: { threadId }, both: { orderId: order.id, threadId }, neither: {} }[to];
    const result = await send(t, market.keys.customer, { ...target, body });
    expect(result).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', message: expect.any(String), field });
    expect(await messageCount(order.id)).toBe(1);
  });

  it.each([
    ['an order', 'order'],
    ['a thread', 'thread'],
  ] as const)('answers NotFoundError to a message for %s of another shop or customer, and writes nothing', async (_, to) => {
    const { order, threadId } = await orderWithThread();
    for (const secret of [market.keys.otherSeller, market.keys.otherCustomer]) {
      const result = await send(t, secret, { ...(to === 'order' ? { orderId: order.id } : { threadId }), body: 'Halo' });
      expect(result).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: expect.any(String) });
    }
    expect(await messageCount(order.id)).toBe(1);
  });

  it.each([
    ['a threadId that is no id', 'threadId', () => 'not-an-id', ['input', 'threadId']],
    ['a threadId that is an order id', 'threadId', (orderId: string) => orderId, ['input', 'threadId']],
    ['an orderId that is no id', 'orderId', () => 'not-an-id', ['input', 'orderId']],
    ['an orderId that is a thread id', 'orderId', (_: string, threadId: string) => threadId, ['input', 'orderId']],
  ] as const)('answers %s with a ValidationError on its field and writes nothing', async (_, key, idOf, field) => {
    const { order, threadId } = await orderWithThread();
    const result = await send(t, market.keys.customer, { [key]: idOf(order.id, threadId), body: 'Halo' });
    expect(result).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', message: expect.any(String), field });
    expect(await messageCount(order.id)).toBe(1);
  });

  it('answers NotFoundError to markThreadRead and markNoReplyNeeded on a malformed threadId (MessageThreadResult has no ValidationError)', async () => {
    const { order } = await orderWithThread();
    for (const threadId of ['not-an-id', order.id]) {
      const read = await t.gql(MarkThreadReadDocument, { threadId }, market.keys.seller);
      const noReply = await t.gql(MarkNoReplyNeededDocument, { threadId }, market.keys.seller);
      expect([read.markThreadRead.__typename, noReply.markNoReplyNeeded.__typename]).toEqual(['NotFoundError', 'NotFoundError']);
    }
    expect((await threadOf(t, order.id, market.keys.seller))!).toMatchObject({ unreadCount: 1, shopReplyNeededSince: expect.any(String) });
  });

  it('answers NotFoundError to markThreadRead and markNoReplyNeeded on a thread of another shop', async () => {
    const { order, threadId } = await orderWithThread();
    const read = await t.gql(MarkThreadReadDocument, { threadId }, market.keys.otherSeller);
    const noReply = await t.gql(MarkNoReplyNeededDocument, { threadId }, market.keys.otherSeller);
    expect([read.markThreadRead.__typename, noReply.markNoReplyNeeded.__typename]).toEqual(['NotFoundError', 'NotFoundError']);
    expect((await threadOf(t, order.id, market.keys.seller))!).toMatchObject({ unreadCount: 1, shopReplyNeededSince: expect.any(String) });
  });

  it('returns the first message again for a repeated idempotencyKey and adds no second message', async () => {
    const { order, threadId } = await orderWithThread();
    const first = await sendOk(t, market.keys.seller, { threadId, body: 'Wysłane.', idempotencyKey: 'reply-1' });
    const repeat = await sendOk(t, market.keys.seller, { threadId, body: 'Wysłane.', idempotencyKey: 'reply-1' });
    expect(repeat).toEqual(first);
    expect(await messageCount(order.id)).toBe(2);
  });
});

describe('who sees a thread', () => {
  it('shows the thread and its messages to its participants only: others get no threads and null from node', async () => {
    const order = await placeOrder(t, market);
    const { id: messageId, thread: { id: threadId } } = await sendOk(t, market.keys.customer, { orderId: order.id, body: 'Tylko dla nas' });
    for (const secret of [market.keys.otherSeller, market.keys.otherCustomer]) {
      expect((await t.gql(MessageThreadsDocument, {}, secret)).messageThreads).toMatchObject({ totalCount: 0, edges: [] });
      expect((await t.gql(NodeDocument, { id: threadId }, secret)).node).toBeNull();
      expect((await t.gql(NodeDocument, { id: messageId }, secret)).node).toBeNull();
    }
    for (const secret of [market.keys.seller, market.keys.customer, market.keys.operator]) {
      expect((await t.gql(NodeDocument, { id: threadId }, secret)).node).toEqual({ __typename: 'MessageThread', id: threadId });
      expect((await t.gql(NodeDocument, { id: messageId }, secret)).node).toEqual({ __typename: 'Message', id: messageId });
    }
  });
});

describe('unread counts', () => {
  it('counts a customer message unread for the shop only, until the shop marks the thread read', async () => {
    const { order, threadId } = await orderWithThread();
    expect((await threadOf(t, order.id, market.keys.seller))!.unreadCount).toBe(1);
    expect((await threadOf(t, order.id, market.keys.customer))!.unreadCount).toBe(0);
    expect((await markRead(t, threadId, market.keys.seller)).unreadCount).toBe(0);
    expect((await threadOf(t, order.id, market.keys.seller))!.unreadCount).toBe(0);
  });

  it("counts the shop's reply unread for the customer, and not for the shop", async () => {
    const { order, threadId } = await orderWithThread();
    await sendOk(t, market.keys.seller, { threadId, body: 'Już wysłane.' });
    expect((await threadOf(t, order.id, market.keys.customer))!.unreadCount).toBe(1);
    expect((await threadOf(t, order.id, market.keys.seller))!.unreadCount).toBe(0);
  });
});

describe('reply needed', () => {
  const friday = '2026-11-27T09:00:00'; // Friday 10:00 in Warsaw
  /** A customer's first message in a new order's thread, sent with the clock at `instant` (it keeps ticking). */
  async function customerWritesAt(instant: string) {
    const order = await placeOrder(t, market);
    clock.set(new Date(`${instant}.000Z`));
    const message = await sendOk(t, market.keys.customer, { orderId: order.id, body: 'Gdzie jest paczka?' });
    const since = message.createdAt;
    expect(since).toMatch(new RegExp(`^${instant}\\.\\d{3}Z$`)); // the clock ran for milliseconds only
    return { order, threadId: message.thread.id, since };
  }
  const sameTimeOn = (since: string, day: string) => `${day}${since.slice(10)}`;

  it('is set by a customer message to its time, due one Polish business day later (Friday -> Monday)', async () => {
    const { order, since } = await customerWritesAt(friday);
    const thread = await threadOf(t, order.id, market.keys.seller);
    expect(thread!.shopReplyNeededSince).toBe(since);
    expect(thread!.replyDueAt).toBe(sameTimeOn(since, '2026-11-30')); // Monday 10:00 in Warsaw
  });

  it('skips Polish public holidays in replyDueAt', async () => {
    const { order, since } = await customerWritesAt('2026-11-10T09:00:00'); // Tuesday; 11 November is Independence Day
    expect((await threadOf(t, order.id, market.keys.seller))!.replyDueAt).toBe(sameTimeOn(since, '2026-11-12'));
  });

  it("keeps the first customer message's time while the shop has not answered", async () => {
    const { order, since } = await customerWritesAt(friday);
    clock.advance(3_600_000);
    await sendOk(t, market.keys.customer, { orderId: order.id, body: 'Halo?' });
    const thread = await threadOf(t, order.id, market.keys.seller);
    expect([thread!.shopReplyNeededSince, thread!.replyDueAt]).toEqual([since, sameTimeOn(since, '2026-11-30')]);
  });

  it("is cleared by the shop's reply", async () => {
    const { order, threadId } = await customerWritesAt(friday);
    await sendOk(t, market.keys.seller, { threadId, body: 'Odpowiadamy.' });
    const thread = await threadOf(t, order.id, market.keys.customer);
    expect([thread!.shopReplyNeededSince, thread!.replyDueAt]).toEqual([null, null]);
  });

  it('is cleared by markNoReplyNeeded', async () => {
    const { order, threadId } = await customerWritesAt(friday);
    const { markNoReplyNeeded } = await t.gql(MarkNoReplyNeededDocument, { threadId }, market.keys.seller);
    expect(markNoReplyNeeded).toMatchObject({ __typename: 'MessageThread', id: threadId, shopReplyNeededSince: null, replyDueAt: null });
    const thread = await threadOf(t, order.id, market.keys.customer);
    expect([thread!.shopReplyNeededSince, thread!.replyDueAt]).toEqual([null, null]);
  });

  it('refuses markNoReplyNeeded to a customer with FORBIDDEN and keeps the thread waiting', async () => {
    const { order, threadId, since } = await customerWritesAt(friday);
    const response = await t.request(MarkNoReplyNeededDocument, { threadId }, market.keys.customer);
    expect(response.data).toBeNull();
    expect(response.errors!.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await threadOf(t, order.id, market.keys.seller))!.shopReplyNeededSince).toBe(since);
  });
});

describe('the messageThreads list', () => {
  /** Four threads of a fresh shop, their last messages a minute apart: A, C, D, then B's reply. */
  async function fourThreads() {
    const m = await createMarket(t);
    clock.set(new Date('2026-11-23T09:00:00.000Z'));
    const orders = [await placeOrder(t, m), await placeOrder(t, m), await placeOrder(t, m), await placeOrder(t, m)];
    const say = async (secret: string, orderId: string) => {
      clock.advance(60_000);
      return (await sendOk(t, secret, { orderId, body: 'Wiadomość' })).thread.id;
    };
    const A = await say(m.keys.customer, orders[0].id); // unread by the shop, awaiting reply
    const B = await say(m.keys.customer, orders[1].id);
    const C = await say(m.keys.customer, orders[2].id); // read by the shop, awaiting reply
    await markRead(t, C, m.keys.seller);
    const D = await say(m.keys.seller, orders[3].id); // the shop wrote first
    await say(m.keys.seller, orders[1].id); // B answered: read, not awaiting
    return { m, orders, A, B, C, D };
  }

  it('lists threads by last message, most recent first, with totalCount and pages', async () => {
    const { m, A, B, C, D } = await fourThreads();
    expect(await threadIds(m.keys.seller)).toEqual([B, D, C, A]);
    const first = (await t.gql(MessageThreadsDocument, { first: 2 }, m.keys.seller)).messageThreads;
    expect([first.totalCount, first.edges.map(({ node }) => node.id), first.pageInfo.hasNextPage]).toEqual([4, [B, D], true]);
    const rest = (await t.gql(MessageThreadsDocument, { first: 2, after: first.pageInfo.endCursor }, m.keys.seller)).messageThreads;
    expect([rest.edges.map(({ node }) => node.id), rest.pageInfo.hasNextPage, rest.pageInfo.hasPreviousPage]).toEqual([[C, A], false, true]);
  });

  it('moves a thread to the top when a message arrives in it', async () => {
    const { m, orders, A, B, C, D } = await fourThreads();
    clock.advance(3_600_000);
    await sendOk(t, m.keys.customer, { orderId: orders[0].id, body: 'Jeszcze jedno' });
    expect(await threadIds(m.keys.seller)).toEqual([A, B, D, C]);
  });

  it('filters by unread, awaitingReply and orderId with exact counts', async () => {
    const { m, orders, A, B, C, D } = await fourThreads();
    expect(await threadIds(m.keys.seller, { unread: true })).toEqual([A]);
    expect(await threadIds(m.keys.seller, { unread: false })).toEqual([B, D, C]);
    expect(await threadIds(m.keys.seller, { awaitingReply: true })).toEqual([C, A]);
    expect(await threadIds(m.keys.seller, { awaitingReply: false })).toEqual([B, D]);
    expect(await threadIds(m.keys.seller, { unread: false, awaitingReply: true })).toEqual([C]);
    expect(await threadIds(m.keys.seller, { orderId: orders[2].id })).toEqual([C]);
    expect(await threadIds(m.keys.customer, { unread: true })).toEqual([B, D]);
  });
});

describe('the messages of a thread', () => {
  let threadId: string;
  beforeAll(async () => {
    const order = await placeOrder(t, market);
    for (let n = 1; n <= 25; n += 1) threadId = (await sendOk(t, market.keys.customer, { orderId: order.id, body: `Wiadomość ${n}` })).thread.id;
  });
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Wiadomość ${from + i}`);
  async function page(args: { first?: number; after?: string | null; last?: number; before?: string | null }) {
    const { node } = await t.gql(ThreadMessagesDocument, { id: threadId, ...args }, market.keys.seller);
    if (node?.__typename !== 'MessageThread') throw new Error(`thread not visible: ${JSON.stringify(node)}`);
    const { messages } = node;
    const { hasNextPage, hasPreviousPage, startCursor, endCursor } = messages.pageInfo;
    return { bodies: messages.edges.map((edge) => edge.node.body), totalCount: messages.totalCount, hasNextPage, hasPreviousPage, startCursor, endCursor };
  }

  it('pages forward, oldest first, with first/after', async () => {
    const one = await page({ first: 10 });
    expect(one).toMatchObject({ bodies: range(1, 10), totalCount: 25, hasNextPage: true, hasPreviousPage: false });
    const two = await page({ first: 10, after: one.endCursor });
    expect(two).toMatchObject({ bodies: range(11, 20), totalCount: 25, hasNextPage: true, hasPreviousPage: true });
    const three = await page({ first: 10, after: two.endCursor });
    expect(three).toMatchObject({ bodies: range(21, 25), totalCount: 25, hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backward from the newest page with last/before', async () => {
    const newest = await page({ last: 10 });
    expect(newest).toMatchObject({ bodies: range(16, 25), totalCount: 25, hasNextPage: false, hasPreviousPage: true });
    const older = await page({ last: 10, before: newest.startCursor });
    expect(older).toMatchObject({ bodies: range(6, 15), totalCount: 25, hasNextPage: true, hasPreviousPage: true });
    const oldest = await page({ last: 10, before: older.startCursor });
    expect(oldest).toMatchObject({ bodies: range(1, 5), totalCount: 25, hasNextPage: true, hasPreviousPage: false });
  });
});

describe('message events', () => {
  it('appends one MESSAGE_ADDED per message, visible to the order’s seller and customer only', async () => {
    const m = await createMarket(t);
    const order = await placeOrder(t, m);
    const question = await sendOk(t, m.keys.customer, { orderId: order.id, body: 'Pytanie' });
    const answer = await sendOk(t, m.keys.seller, { threadId: question.thread.id, body: 'Odpowiedź' });
    const expected = [
      { type: 'MESSAGE_ADDED', order: { id: order.id }, actor: { type: 'CUSTOMER' }, message: { id: question.id, body: 'Pytanie' } },
      { type: 'MESSAGE_ADDED', order: { id: order.id }, actor: { type: 'SELLER' }, message: { id: answer.id, body: 'Odpowiedź' } },
    ];
    for (const secret of [m.keys.seller, m.keys.customer]) {
      const { events } = await t.gql(MessageEventsDocument, { types: ['MESSAGE_ADDED'] }, secret);
      expect(events.edges.map(({ node }) => node)).toMatchObject(expected);
      expect(events.edges).toHaveLength(2);
    }
    for (const secret of [m.keys.otherSeller, m.keys.otherCustomer]) {
      expect((await t.gql(MessageEventsDocument, { types: ['MESSAGE_ADDED'] }, secret)).events.edges).toEqual([]);
    }
  });
});

import { IssueApiKeyDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { subscriptionsActive } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { sendOk } from './support/messages';
import { acknowledgedSocket, eventually, RawSocket, rawSocket } from './support/raw-socket';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

async function metric(app: TestApp, name: string): Promise<number> {
  const text = await (await fetch(app.url.replace('/graphql', '/metrics'))).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('sockets per key', () => {
  it('accepts 20 open sockets for one key and closes the 21st with 4429 until one closes', async () => {
    const { issueApiKey } = await t.gql(IssueApiKeyDocument, { input: { name: 'many tabs', role: 'SELLER', shopId: market.shop.id } });
    const sockets = await Promise.all(Array.from({ length: 20 }, () => acknowledgedSocket(t, issueApiKey.secret)));
    const open = t.app.server.live.connectionCount();

    const oneTooMany = await rawSocket(t);
    oneTooMany.send({ type: 'connection_init', payload: { authorization: `Bearer ${issueApiKey.secret}` } });
    expect(await Promise.race([oneTooMany.next(), oneTooMany.closed])).toEqual({
      code: 4429,
      reason: 'This key already has 20 open connections, the most allowed; close one first',
    });
    // Other keys are not affected.
    const otherKey = await acknowledgedSocket(t, market.keys.otherSeller);

    sockets[0].socket.close();
    await eventually('the server let go of the closed socket', () => t.app.server.live.connectionCount() === open);
    const replacement = await acknowledgedSocket(t, issueApiKey.secret);
    expect(await metric(t, 'websocket_limit_closes_total{reason="sockets_per_key"}')).toBe(1);
    for (const socket of [...sockets.slice(1), otherKey, replacement]) socket.socket.close();
  });
});

describe('a subscriber that never reads', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ databaseUrl: t.databaseUrl, env: { WS_MAX_BUFFERED_BYTES: String(64 * 1024) } });
  });
  afterAll(() => small.close());

  /** About 200 KB per event and subscription: 40 copies of a 5,000-character message. */
  const BULKY = `subscription { events(types: [MESSAGE_ADDED]) { cursor message { id } ${Array.from({ length: 40 }, (_, i) => `b${i}: message { body }`).join(' ')} } }`;
  const BODY = 'Proszę o fakturę na firmę. '.repeat(185);
  const events = (socket: RawSocket, id: string) =>
    socket.pending
      .filter((message) => message.id === id && message.type === 'next')
      .map((message) => (message.payload as { data: { events: { cursor: string; message: { id: string } } } }).data.events);

  it('is closed with 4008 once its unread data passes the cap, and resumes with its last cursor without a gap', async () => {
    const order = await placeOrder(small, market);
    const subscribers = small.app.bus.subscriberCount;
    const socket = await acknowledgedSocket(small, market.keys.seller);
    for (const id of ['1', '2', '3', '4', '5']) socket.send({ type: 'subscribe', id, payload: { query: BULKY } });
    await subscriptionsActive(small, subscribers + 5);
    // One event read normally gives a cursor to resume from.
    await sendOk(small, market.keys.customer, { orderId: order.id, body: 'Dzień dobry' });
    await eventually('the first event arrived', () => events(socket, '1').length === 1);
    const [{ cursor: firstCursor }] = events(socket, '1');
    socket.pending.length = 0;

    socket.socket.pause(); // the client stops reading: the kernel's buffers fill, then the server's
    const sent: string[] = [];
    while ((await metric(small, 'websocket_limit_closes_total{reason="slow_consumer"}')) === 0) {
      if (sent.length === 200) throw new Error('200 events and the slow consumer is still connected');
      sent.push((await sendOk(small, market.keys.customer, { orderId: order.id, body: BODY })).id);
    }
    socket.socket.resume();
    expect(await socket.closed).toEqual({ code: 4008, reason: 'Slow consumer: too much unread data; reconnect and resume with your last cursor' });

    // What did arrive is each subscription's events in order, up to the cut.
    const before = events(socket, '1');
    expect(before.map((event) => event.message.id)).toEqual(sent.slice(0, before.length));
    // Two more while the client is away: resuming must bring them as well.
    for (const body of ['Czy paczka już wyszła?', 'Dziękuję']) sent.push((await sendOk(small, market.keys.customer, { orderId: order.id, body })).id);

    const resumed = await acknowledgedSocket(small, market.keys.seller);
    resumed.send({
      type: 'subscribe',
      id: 'resume',
      payload: {
        query: 'subscription ($after: String) { events(after: $after, types: [MESSAGE_ADDED]) { message { id } } }',
        variables: { after: before.at(-1)?.cursor ?? firstCursor },
      },
    });
    const rest: string[] = [];
    while (rest.length < sent.length - before.length) {
      const message = (await resumed.next()) as { payload: { data: { events: { message: { id: string } } } } };
      rest.push(message.payload.data.events.message.id);
    }
    expect([...before.map((event) => event.message.id), ...rest]).toEqual(sent);
    resumed.socket.close();
  });
});

import WebSocket from 'ws';
import { IssueApiKeyDocument, LiveEventsDocument, RevokeApiKeyDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { connected, liveClient, subscribe, subscriptionsActive } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { rawSocket } from './support/raw-socket';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp({ connectionInitWaitTimeoutMs: 300 });
  market = await createMarket(t);
});
afterAll(() => t.close());

const send = (socket: WebSocket, message: unknown) => socket.send(JSON.stringify(message));
const EVENTS_QUERY = 'subscription { events { id type } }';

describe('the graphql-ws protocol', () => {
  it('closes with 4408 when connection_init does not come in time', async () => {
    const { closed } = await rawSocket(t);
    expect((await closed).code).toBe(4408);
  });

  it('keeps a socket whose connection_init came in time but was read late because the server was busy (a reconnect storm)', async () => {
    const { socket, next, closed } = await rawSocket(t);
    send(socket, { type: 'connection_init', payload: { authorization: `Bearer ${market.keys.seller}` } });
    // This process (the server's too) stays busy past the 300 ms wait: the frame waits unread in the server's socket.
    const busyUntil = Date.now() + 700;
    while (Date.now() < busyUntil);
    const outcome = await Promise.race([next(), closed.then(({ code }) => ({ closedWith: code }))]);
    expect(outcome).toMatchObject({ type: 'connection_ack' });
    socket.close();
  });

  it('closes with 4401 when a subscribe comes before the connection is acknowledged', async () => {
    const { socket, closed } = await rawSocket(t);
    send(socket, { type: 'subscribe', id: '1', payload: { query: EVENTS_QUERY } });
    expect((await closed).code).toBe(4401);
  });

  it('closes with 4409 when an operation id is used twice', async () => {
    const { socket, closed, next } = await rawSocket(t);
    send(socket, { type: 'connection_init', payload: { authorization: `Bearer ${market.keys.seller}` } });
    expect((await next()).type).toBe('connection_ack');
    send(socket, { type: 'subscribe', id: 'same', payload: { query: EVENTS_QUERY } });
    send(socket, { type: 'subscribe', id: 'same', payload: { query: EVENTS_QUERY } });
    expect(await closed).toEqual({ code: 4409, reason: 'Subscriber for same already exists' });
  });

  it('closes with 4403 when the key is unknown', async () => {
    const { socket, closed } = await rawSocket(t);
    send(socket, { type: 'connection_init', payload: { authorization: 'Bearer sk_not_a_key' } });
    expect((await closed).code).toBe(4403);
  });

  it('closes with 4403 when connection_init carries no key', async () => {
    const { socket, closed } = await rawSocket(t);
    send(socket, { type: 'connection_init' });
    expect((await closed).code).toBe(4403);
  });

  it('refuses an operation over the limits with QUERY_TOO_COMPLEX, as over HTTP', async () => {
    const { socket, next } = await rawSocket(t);
    send(socket, { type: 'connection_init', payload: { authorization: `Bearer ${market.keys.seller}` } });
    await next();
    // 16 levels: events > (order > thread) x 7 > id
    const nested = `subscription { events { ${'order { thread { '.repeat(7)}id${' } }'.repeat(7)} } }`;
    send(socket, { type: 'subscribe', id: 'deep', payload: { query: nested } });
    const answer = await next();
    expect(answer.type).toBe('error');
    expect((answer.payload as { extensions?: { code?: string } }[])[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    socket.close();
  });
});

describe('keys and instances', () => {
  it('closes an open socket with 4403 as soon as its key is revoked', async () => {
    const { issueApiKey } = await t.gql(IssueApiKeyDocument, { input: { name: 'frontend', role: 'SELLER', shopId: market.shop.id } });
    let closedWith: number | undefined;
    const client = liveClient(t, issueApiKey.secret, (code) => (closedWith = code));
    await connected(client);
    const closed = new Promise<void>((resolve) => client.on('closed', () => resolve()));
    await t.gql(RevokeApiKeyDocument, { id: issueApiKey.apiKey.id });
    await closed;
    expect(closedWith).toBe(4403);
    await client.dispose();
  });

  it('delivers to a subscriber on instance B what was done through instance A', async () => {
    const b = await startTestApp({ databaseUrl: t.databaseUrl });
    try {
      const client = liveClient(b, market.keys.seller);
      await connected(client);
      const seller = subscribe(client, LiveEventsDocument, {});
      await subscriptionsActive(b, 1);
      const order = await placeOrder(t, market);
      const [{ events }] = await seller.until(1);
      expect([events.type, events.order?.id]).toEqual(['ORDER_PLACED', order.id]);
      await client.dispose();
    } finally {
      await b.close();
    }
  });

  it('closes sockets with 1001 when the server drains, and /readyz answers 503 meanwhile', async () => {
    const c = await startTestApp({ databaseUrl: t.databaseUrl });
    let closedWith: number | undefined;
    const client = liveClient(c, market.keys.seller, (code) => (closedWith = code));
    await connected(client);
    const readyBefore = await fetch(c.url.replace('/graphql', '/readyz'));
    expect(readyBefore.status).toBe(200);
    const closed = new Promise<void>((resolve) => client.on('closed', () => resolve()));
    const stopping = c.close();
    const readyWhileDraining = await fetch(c.url.replace('/graphql', '/readyz'));
    expect([readyWhileDraining.status, await readyWhileDraining.json()]).toEqual([503, { status: 'draining' }]);
    await closed;
    expect(closedWith).toBe(1001);
    await stopping;
    await client.dispose();
  });
});

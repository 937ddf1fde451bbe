import WebSocket from 'ws';
import { LiveOrderChangedDocument, MarkReadyForPickupDocument, OpenIncidentDocument, RecordCarrierDeliveryDocument, SetTrackingDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { orderIn } from './support/incidents';
import { connected, liveClient, subscribe, subscriptionsActive, wsUrl } from './support/live';
import { asOrder, createMarket, Market, placeOrder } from './support/market';
import { AcceptOrderDocument, RecordPaymentDocument } from './generated/graphql';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp({ env: { NODE_ENV: 'production' } });
  market = await createMarket(t);
});
afterAll(() => t.close());

/** One operation over a raw graphql-transport-ws socket; resolves to the first answer for it. */
async function once(secret: string, query: string, variables: Record<string, unknown> = {}) {
  const socket = new WebSocket(wsUrl(t), 'graphql-transport-ws');
  const answers: Record<string, unknown>[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else answers.push(message);
  });
  const next = () => (answers.length ? Promise.resolve(answers.shift()!) : new Promise<Record<string, unknown>>((r) => waiting.push(r)));
  await new Promise((resolve) => socket.on('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${secret}` } }));
  await next();
  return {
    socket,
    next,
    send: (id: string) => socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query, variables } })),
  };
}

describe('GraphQL over WebSocket gets the same hardening as over HTTP', () => {
  it('refuses introspection in production over WebSocket, as over HTTP', async () => {
    const { socket, next, send } = await once(market.keys.seller, '{ __schema { queryType { name } } }');
    send('1');
    const answer = await next();
    expect(answer.type).toBe('error');
    expect((answer.payload as { extensions: { code: string } }[])[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    socket.close();
  });

  it('answers a subscription filter with a malformed id with BAD_REQUEST instead of silence', async () => {
    const { socket, next, send } = await once(market.keys.seller, 'subscription { orderChanged(orderId: "garbage") { id } }');
    send('1');
    const answer = await next();
    expect(answer).toEqual({
      id: '1',
      type: 'next',
      payload: { errors: [{ message: 'orderId is not a valid Order id', locations: [{ line: 1, column: 16 }], path: ['orderChanged'], extensions: { code: 'BAD_REQUEST' } }] },
    });
    socket.close();
  });

  it('refuses the 51st operation on one connection with RATE_LIMITED', async () => {
    const { socket, next, send } = await once(market.keys.seller, 'subscription { events { id } }');
    for (let i = 1; i <= 51; i += 1) send(String(i));
    const answer = await next();
    expect(answer).toEqual({
      id: '51',
      type: 'error',
      payload: [{ message: 'At most 50 operations at once per connection; complete some or open another connection', extensions: { code: 'RATE_LIMITED' } }],
    });
    socket.close();
  });
});

describe('orderChanged', () => {
  it('pushes the order when an incident moves its lines', async () => {
    const shipped = await orderIn(t, market, 'SHIPPED');
    const client = liveClient(t, market.keys.seller);
    await connected(client);
    const active = t.app.bus.subscriberCount;
    const changes = subscribe(client, LiveOrderChangedDocument, { orderId: shipped.id });
    await subscriptionsActive(t, active + 1);
    await t.gql(OpenIncidentDocument, { input: { orderId: shipped.id, reason: 'DEFECTIVE', message: 'Ekran jest pęknięty' } }, market.keys.customer);
    expect(await changes.until(1)).toEqual([{ orderChanged: { id: shipped.id, state: 'SHIPPED', version: shipped.version + 1 } }]);
    await client.dispose();
  });
});

describe('recordCarrierDelivery', () => {
  it('delivers a parcel-locker order that is ready for pickup', async () => {
    const placed = await placeOrder(t, market);
    const input = { orderId: placed.id };
    asOrder((await t.gql(AcceptOrderDocument, { input }, market.keys.seller)).acceptOrder);
    asOrder((await t.gql(RecordPaymentDocument, { input: { ...input, outcome: 'PAID' } })).recordPayment);
    asOrder((await t.gql(SetTrackingDocument, { input: { ...input, carrierCode: 'INPOST', trackingNumber: `LOCKER-${placed.reference}` } }, market.keys.seller)).setTracking);
    asOrder((await t.gql(MarkReadyForPickupDocument, { input }, market.keys.seller)).markReadyForPickup);
    const delivered = asOrder(
      (await t.gql(RecordCarrierDeliveryDocument, { input: { carrierCode: 'INPOST', trackingNumber: `LOCKER-${placed.reference}` } })).recordCarrierDelivery,
    );
    expect([delivered.state, delivered.lines.map((line) => line.state)]).toEqual(['RECEIVED', ['RECEIVED', 'RECEIVED']]);
  });
});

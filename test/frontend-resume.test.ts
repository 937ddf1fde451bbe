import WebSocket from 'ws';
import { followEvents, LiveEvent } from '../examples/follow-events';
import { createLiveClient } from '../examples/live-client';
import { EventsDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { wsUrl } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { eventually } from './support/raw-socket';

/**
 * The README's way to stay live without losing anything (examples/live-client.ts and
 * follow-events.ts): a seller's page on instance A, A restarts, orders come in through instance B
 * meanwhile, and the page ends up with exactly the log the server holds.
 */
let a: TestApp;
let b: TestApp;
let market: Market;

beforeAll(async () => {
  a = await startTestApp();
  market = await createMarket(a);
  b = await startTestApp({ databaseUrl: a.databaseUrl });
});
const disposals: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposals.splice(0)) await dispose();
});
afterAll(async () => {
  await a.close();
  await b.close();
});

/** The seller's whole event log after `after`, read over HTTP: what a lossless follower must have seen. */
async function logAfter(t: TestApp, after: string | null): Promise<string[]> {
  const { events } = await t.gql(EventsDocument, { after, first: 100 }, market.keys.seller);
  expect(events.pageInfo.hasNextPage).toBe(false);
  return events.edges.map((edge) => edge.cursor);
}

it('resumes from the last cursor after a server restart: every event once, in order, the missed ones too', async () => {
  await placeOrder(a, market);
  const [start] = (await logAfter(a, null)).slice(-1);

  const received: LiveEvent[] = [];
  const problems: unknown[] = [];
  let closes = 0;
  const live = createLiveClient({ url: wsUrl(a), apiKey: market.keys.seller, webSocketImpl: WebSocket, onRefused: (closeEvent) => problems.push(closeEvent) });
  live.on('closed', () => (closes += 1));
  const stop = followEvents(live, { after: start, onEvent: (event) => received.push(event), onError: (error) => problems.push(error) });
  // It reconnects for ever: disposed even when the test fails, or jest would never exit.
  disposals.push(async () => {
    stop();
    await live.dispose();
  });
  const seen = (orderId: string) => () => received.some((event) => event.order?.id === orderId);

  const beforeRestart = await placeOrder(a, market);
  await eventually('the order placed before the restart arrives', seen(beforeRestart.id));

  const port = a.app.port;
  await a.close();
  await eventually('the page notices the restart', () => closes > 0);
  const whileAway = [await placeOrder(b, market), await placeOrder(b, market)];
  a = await startTestApp({ databaseUrl: b.databaseUrl, env: { PORT: String(port) } });
  const afterRestart = await placeOrder(a, market);
  await eventually('the order placed after the restart arrives', seen(afterRestart.id));

  const expected = await logAfter(b, start);
  expect(received.map((event) => event.cursor)).toEqual(expected);
  expect(whileAway.every((order) => received.some((event) => event.order?.reference === order.reference))).toBe(true);
  expect(problems).toEqual([]);
});

import { gql } from '@urql/core';
import { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createLiveClient } from '../examples/live-client';
import { createUrqlClient } from '../examples/urql-client';
import { startTestApp, TestApp } from './support/app';
import { subscriptionsActive, wsUrl } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { eventually } from './support/raw-socket';

/** The README's urql set-up (examples/urql-client.ts, Graphcache) against the real server over HTTP and graphql-ws. */
let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

const refusals: unknown[] = [];
const liveClients: Client[] = [];
afterEach(async () => {
  await Promise.all(liveClients.splice(0).map((live) => live.dispose()));
  expect(refusals).toEqual([]);
});

function urqlClient(apiKey: string) {
  const live = createLiveClient({ url: wsUrl(t), apiKey, webSocketImpl: WebSocket, onRefused: (closeEvent) => refusals.push(closeEvent) });
  liveClients.push(live);
  return createUrqlClient({ url: t.url, apiKey, live });
}

interface DashboardCounts {
  id: string;
  ordersAwaitingAcceptance: number;
}

it('keeps code and message of an error result (InvalidStateError) through Graphcache', async () => {
  const order = await placeOrder(t, market);
  const client = urqlClient(market.keys.seller);
  const result = await client
    .mutation(
      gql`
        mutation ConfirmShipment($input: OrderActionInput!) {
          confirmShipment(input: $input) {
            __typename
            ... on Order { id state }
            ... on ErrorResult { code message }
          }
        }
      `,
      { input: { orderId: order.id } },
    )
    .toPromise();
  expect(result.data).toEqual({
    confirmShipment: {
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
      message: 'This action is not possible while the order is WAITING_ACCEPTANCE',
    },
  });
});

it('shows the counts a dashboardChanged push brought when `viewer { dashboard }` is read from the cache', async () => {
  const VIEWER_DASHBOARD = gql`
    query ViewerDashboard {
      viewer { dashboard { id ordersAwaitingAcceptance } }
    }
  `;
  const client = urqlClient(market.keys.seller);
  const before = await client.query(VIEWER_DASHBOARD, {}).toPromise();
  const waiting = (before.data as { viewer: { dashboard: DashboardCounts } }).viewer.dashboard;

  const pushes: DashboardCounts[] = [];
  const subscription = client
    .subscription(gql`subscription DashboardChanged { dashboardChanged(initial: true) { id ordersAwaitingAcceptance } }`, {})
    .subscribe((result) => {
      if (result.data) pushes.push((result.data as { dashboardChanged: DashboardCounts }).dashboardChanged);
    });
  try {
    await eventually('the initial counts arrive', () => pushes.length > 0);
    await subscriptionsActive(t, 1);
    await placeOrder(t, market);
    await eventually('the new counts arrive', () => pushes.some((dashboard) => dashboard.ordersAwaitingAcceptance === waiting.ordersAwaitingAcceptance + 1));

    const cached = await client.query(VIEWER_DASHBOARD, {}, { requestPolicy: 'cache-only' }).toPromise();
    expect(cached.data).toEqual({
      viewer: { dashboard: { id: waiting.id, ordersAwaitingAcceptance: waiting.ordersAwaitingAcceptance + 1 } },
    });
  } finally {
    subscription.unsubscribe();
  }
});

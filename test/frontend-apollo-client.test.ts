import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { firstValueFrom, ReplaySubject } from 'rxjs';
import { filter } from 'rxjs/operators';
import { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createApolloClient } from '../examples/apollo-client';
import { createLiveClient } from '../examples/live-client';
import { startTestApp, TestApp } from './support/app';
import { subscriptionsActive, wsUrl } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';

/**
 * The README's Apollo Client set-up (examples/apollo-client.ts) against the real server over HTTP and
 * graphql-ws: what the shipped possibleTypes and Dashboard.id do for a client's normalised cache.
 */
let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

const CONFIRM_SHIPMENT = gql`
  mutation ConfirmShipment($input: OrderActionInput!) {
    confirmShipment(input: $input) {
      __typename
      ... on Order { id state }
      ... on ErrorResult { code message }
    }
  }
`;
const VIEWER_DASHBOARD = gql`
  query ViewerDashboard {
    viewer { dashboard { id ordersAwaitingAcceptance } }
  }
`;
const DASHBOARD_CHANGED = gql`
  subscription DashboardChanged {
    dashboardChanged(initial: true) { id ordersAwaitingAcceptance }
  }
`;

const refusals: unknown[] = [];
const liveClients: Client[] = [];
afterEach(async () => {
  await Promise.all(liveClients.splice(0).map((live) => live.dispose()));
  expect(refusals).toEqual([]);
});

function apolloClient(apiKey: string): ApolloClient {
  const live = createLiveClient({ url: wsUrl(t), apiKey, webSocketImpl: WebSocket, onRefused: (closeEvent) => refusals.push(closeEvent) });
  liveClients.push(live);
  return createApolloClient({ url: t.url, apiKey, live });
}

describe('an error result of a mutation (InvalidStateError, an ErrorResult in OrderResult)', () => {
  it('keeps code and message with the shipped possibleTypes', async () => {
    const order = await placeOrder(t, market);
    const client = apolloClient(market.keys.seller);
    const { data } = await client.mutate({ mutation: CONFIRM_SHIPMENT, variables: { input: { orderId: order.id } } });
    expect(data).toEqual({
      confirmShipment: {
        __typename: 'InvalidStateError',
        code: 'INVALID_STATE',
        message: 'This action is not possible while the order is WAITING_ACCEPTANCE',
      },
    });
    client.stop();
  });

  it('loses code and message without them: the cache cannot match `... on ErrorResult`', async () => {
    const order = await placeOrder(t, market);
    const client = new ApolloClient({
      link: new HttpLink({ uri: t.url, headers: { authorization: `Bearer ${market.keys.seller}` } }),
      cache: new InMemoryCache(),
    });
    const { data } = await client.mutate({ mutation: CONFIRM_SHIPMENT, variables: { input: { orderId: order.id } } });
    expect(data).toEqual({ confirmShipment: { __typename: 'InvalidStateError' } });
    client.stop();
  });
});

describe('the dashboard in the cache', () => {
  it('shows the counts a dashboardChanged push brought when `viewer { dashboard }` is read from the cache', async () => {
    const client = apolloClient(market.keys.seller);
    const { data: before } = await client.query({ query: VIEWER_DASHBOARD });
    const waiting = (before as { viewer: { dashboard: { id: string; ordersAwaitingAcceptance: number } } }).viewer.dashboard;

    const pushes = new ReplaySubject<{ id: string; ordersAwaitingAcceptance: number }>();
    const subscription = client.subscribe({ query: DASHBOARD_CHANGED }).subscribe((result) => {
      if (result.data) pushes.next((result.data as { dashboardChanged: { id: string; ordersAwaitingAcceptance: number } }).dashboardChanged);
    });
    await firstValueFrom(pushes); // the initial counts: the subscription is live from here
    await subscriptionsActive(t, 1);
    await placeOrder(t, market);
    const pushed = await firstValueFrom(pushes.pipe(filter((dashboard) => dashboard.ordersAwaitingAcceptance === waiting.ordersAwaitingAcceptance + 1)));

    expect(pushed.id).toBe(waiting.id);
    expect(client.readQuery({ query: VIEWER_DASHBOARD })).toEqual({
      viewer: { __typename: 'Viewer', dashboard: { __typename: 'Dashboard', id: waiting.id, ordersAwaitingAcceptance: waiting.ordersAwaitingAcceptance + 1 } },
    });
    subscription.unsubscribe();
    client.stop();
  });
});

/**
 * The GraphQL documents the benchmark sends, as a seller back office and a storefront would. The
 * read floor (read-floor.ts) answers the three reads with the same JSON, field for field.
 */

/** The fields of an order in a seller's list: what the read floor builds in SQL (read-floor-sql.ts). */
const ORDER_FIELDS = `id reference state stateLabel createdAt
      totalPrice { amount currency }
      customer { id displayName }
      lines { id productTitle quantity state unitPrice { amount } }
      tracking { carrierName trackingNumber trackingUrl }`;

export const READS = {
  /** (a) the first page of a seller's orders, newest first. */
  OrdersPage: `query OrdersPage($first: Int!) {
  orders(first: $first) {
    edges { node { ${ORDER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  /** (b) the orders waiting to be shipped, the most urgent first. */
  ShippingPage: `query ShippingPage($first: Int!) {
  orders(first: $first, filter: { states: [SHIPPING] }, sort: { field: SHIPPING_DEADLINE, direction: ASC }) {
    edges { node { ${ORDER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  /** (c) one order by id with its lines. */
  OrderById: `query OrderById($id: ID!) {
  order(id: $id) { ${ORDER_FIELDS} }
}`,
} as const;

export type ReadName = keyof typeof READS;

/**
 * The fixed cost of a GraphQL request (`BENCH_ONLY=baseline`): an authenticated `{ __typename }`,
 * which reads nothing — what every request pays before its first resolver. The floor answers the
 * same JSON without reading the body's query.
 */
export const BASELINE = {
  Typename: `query Typename { __typename }`,
} as const;

export type BaselineName = keyof typeof BASELINE;

export const BASELINE_ANSWER = '{"data":{"__typename":"Query"}}';

export const PAGE_SIZE = 20;

/** The placeOrder input of the write benchmarks: one line (a mug), cash on delivery, to Gdańsk. */
export function benchOrderInput(shopId: string, offerSku: string): Record<string, unknown> {
  return {
    shopId,
    paymentWorkflow: 'PAY_ON_DELIVERY',
    lines: [{ offerSku, productTitle: 'Kubek z logo', quantity: 1, unitPrice: '19.99' }],
    shippingPrice: '9.99',
    shippingAddress: { name: 'Jan Testowy', street: 'ul. Długa 1', postalCode: '80-001', city: 'Gdańsk', countryCode: 'PL' },
    leadTimeToShipDays: 2,
  };
}

const RESULT = `__typename ... on Order { id version } ... on ErrorResult { code message }`;

/** A short order lifecycle, with the selections a client needs to go on (id, version). */
export const WRITES = {
  PlaceOrder: `mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { ${RESULT} } }`,
  AcceptOrder: `mutation AcceptOrder($input: AcceptOrderInput!) { acceptOrder(input: $input) { ${RESULT} } }`,
  SetTracking: `mutation SetTracking($input: SetTrackingInput!) { setTracking(input: $input) { ${RESULT} } }`,
  ConfirmShipment: `mutation ConfirmShipment($input: OrderActionInput!) { confirmShipment(input: $input) { ${RESULT} } }`,
} as const;

export type WriteName = keyof typeof WRITES;

/** The event each mutation of the lifecycle appends to the log, exactly once when it answers an Order. */
export const EVENT_OF: Record<WriteName, string> = {
  PlaceOrder: 'ORDER_PLACED',
  AcceptOrder: 'ORDER_ACCEPTED',
  SetTracking: 'ORDER_TRACKING_SET',
  ConfirmShipment: 'ORDER_SHIPPED',
};

export const ADMIN = {
  CreateShop: `mutation CreateShop($input: CreateShopInput!) { createShop(input: $input) { id } }`,
  CreateCustomer: `mutation CreateCustomer($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
  IssueApiKey: `mutation IssueApiKey($input: IssueApiKeyInput!) { issueApiKey(input: $input) { secret } }`,
  SendMessage: `mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) { __typename ... on Message { id createdAt } ... on ErrorResult { code message } }
}`,
} as const;

const DASHBOARD_FIELDS = `openIncidents ordersAwaitingAcceptance ordersPastShippingDeadline ordersToShip ratingsWithoutReply returnsAwaitingDecision threadsAwaitingReply unreadThreads`;

export const DASHBOARD_QUERY = `query Dashboard { viewer { dashboard { ${DASHBOARD_FIELDS} } } }`;

/** What a seller's frontend keeps open: graphql-ws operation ids are ours to choose. */
export const SUBSCRIPTIONS = {
  messageAdded: { id: 'm', query: `subscription MessageAdded { messageAdded { id createdAt } }` },
  orderChanged: { id: 'o', query: `subscription OrderChanged { orderChanged { id state version updatedAt } }` },
  dashboardChanged: { id: 'd', query: `subscription DashboardChanged { dashboardChanged(initial: true) { ${DASHBOARD_FIELDS} } }` },
} as const;

export type SubscriptionName = keyof typeof SUBSCRIPTIONS;

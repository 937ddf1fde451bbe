import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLObjectType, parse } from 'graphql';
import { buildAppSchema } from '../src/schema';
import {
  AcceptOrderDocument,
  AuthApiKeyNodeDocument,
  AuthCarriersAndOrdersDocument,
  AuthIntrospectionDocument,
  AuthOrderTimelineDocument,
  AuthShopNamesDocument,
  AuthTypenameDocument,
  CarriersDocument,
  CreateShopDocument,
  EventsDocument,
  IssueApiKeyDocument,
  NodesDocument,
  OrderDocument,
  OrdersDocument,
  PlaceOrderDocument,
  RecordPaymentDocument,
  RevokeApiKeyDocument,
  ShopsDocument,
  UpdateShopSettingsDocument,
  ViewerDocument,
} from './generated/graphql';
import { GraphQLResponse, OPERATOR_SECRET, startTestApp, TestApp } from './support/app';
import { createMarket, Market, orderInput, placeOrder } from './support/market';

let t: TestApp;
let market: Market;
let orderId: string;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  orderId = (await placeOrder(t, market)).id;
});
afterAll(() => t.close());

const codes = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.map((error) => error.extensions?.code);
const shopCount = async () => (await t.gql(ShopsDocument, { first: 1 })).shops.totalCount;
/** A document built at run time (limits), sent like any typed operation. */
const doc = (source: string) => parse(source) as unknown as TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;

describe('authentication', () => {
  it('answers carriers without a key', async () => {
    const { carriers } = await t.gql(CarriersDocument, {}, null);
    expect(carriers.map((carrier) => carrier.code)).toEqual(['INPOST', 'DPD', 'DHL', 'UPS', 'POCZTA_POLSKA', 'FEDEX', 'GLS', 'ORLEN_PACZKA']);
  });

  it('answers __typename without a key', async () => {
    expect(await t.gql(AuthTypenameDocument, {}, null)).toEqual({ __typename: 'Query' });
  });

  it.each([
    ['viewer', ViewerDocument, {}],
    ['orders', OrdersDocument, {}],
    ['carriers together with orders', AuthCarriersAndOrdersDocument, {}],
    ['introspection', AuthIntrospectionDocument, {}],
    ['a mutation', CreateShopDocument, { input: { name: 'Sklep bez klucza' } }],
  ] as [string, TypedDocumentNode<unknown, object>, object][])('answers %s without a key with UNAUTHENTICATED and runs nothing', async (_name, document, variables) => {
    const shops = await shopCount();
    const response = await t.request(document, variables, null);
    expect([response.status, codes(response), response.data]).toEqual([401, ['UNAUTHENTICATED'], undefined]);
    expect(await shopCount()).toBe(shops);
  });

  it.each([
    ['an alias named carriers', '{ carriers: orders(first: 1) { totalCount } }'],
    ['an inline fragment on Query', '{ carriers { code } ... on Query { orders(first: 1) { totalCount } } }'],
    ['a named fragment on Query', 'query { ...F } fragment F on Query { orders(first: 1) { totalCount } }'],
  ])('cannot smuggle orders past the key check through %s', async (_name, source) => {
    const response = await t.request(doc(source), {}, null);
    expect([codes(response), response.data]).toEqual([['UNAUTHENTICATED'], undefined]);
  });

  it('answers UNAUTHENTICATED to an unknown key, even for carriers', async () => {
    const response = await t.request(CarriersDocument, {}, 'sk_this_key_was_never_issued');
    expect([response.status, codes(response), response.data]).toEqual([401, ['UNAUTHENTICATED'], undefined]);
  });

  it('answers UNAUTHENTICATED to an Authorization header that is not a Bearer key, even for carriers', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('a:b').toString('base64')}` };
    const response = await fetch(t.url, { method: 'POST', headers, body: JSON.stringify({ query: '{ carriers { code } }' }) });
    expect(response.status).toBe(401);
    expect(codes((await response.json()) as GraphQLResponse<unknown>)).toEqual(['UNAUTHENTICATED']);
  });

  it('the harness key, BOOTSTRAP_OPERATOR_KEY, is the operator key "Bootstrap operator"', async () => {
    expect((await t.gql(ViewerDocument, {}, OPERATOR_SECRET)).viewer).toEqual({ role: 'OPERATOR', displayName: 'Bootstrap operator', shop: null, customer: null });
  });

  it('a restart with the same BOOTSTRAP_OPERATOR_KEY keeps it working, and a new one adds a working operator key', async () => {
    const again = await startTestApp({ databaseUrl: t.databaseUrl });
    const another = await startTestApp({ databaseUrl: t.databaseUrl, env: { BOOTSTRAP_OPERATOR_KEY: 'sk_second_bootstrap_key_0123456789' } });
    await again.close();
    await another.close();
    expect((await t.gql(ViewerDocument, {}, OPERATOR_SECRET)).viewer.role).toBe('OPERATOR');
    expect((await t.gql(ViewerDocument, {}, 'sk_second_bootstrap_key_0123456789')).viewer.role).toBe('OPERATOR');
  });
});

describe('roles', () => {
  it.each([
    ['a customer', 'acceptOrder', 'CUSTOMER', () => t.request(AcceptOrderDocument, { input: { orderId } }, market.keys.customer)],
    ['a customer', 'createShop', 'CUSTOMER', () => t.request(CreateShopDocument, { input: { name: 'Sklep klienta' } }, market.keys.customer)],
    ['a customer', 'updateShopSettings', 'CUSTOMER', () => t.request(UpdateShopSettingsDocument, { input: { shopId: market.shop.id, returnPolicyDays: 30 } }, market.keys.customer)],
    ['a seller', 'recordPayment', 'SELLER', () => t.request(RecordPaymentDocument, { input: { orderId, outcome: 'PAID' } }, market.keys.seller)],
    ['a seller', 'placeOrder', 'SELLER', () => t.request(PlaceOrderDocument, { input: orderInput(market.shop.id) }, market.keys.seller)],
    ['a seller', 'issueApiKey', 'SELLER', () => t.request(IssueApiKeyDocument, { input: { name: 'x', role: 'OPERATOR' } }, market.keys.seller)],
  ] as const)('%s calling %s gets FORBIDDEN and nothing changes', async (_who, _field, role, send) => {
    const shops = await shopCount();
    const response = await send();
    expect([codes(response), response.errors![0].message, response.data]).toEqual([['FORBIDDEN'], `This field is not available to the ${role} role`, null]);
    const { order } = await t.gql(OrderDocument, { id: orderId });
    expect([order!.state, order!.version, await shopCount()]).toEqual(['WAITING_ACCEPTANCE', 1, shops]);
  });

  it.each(['operator', 'seller', 'customer'] as const)('viewer describes the %s', async (role) => {
    const expected = {
      operator: { role: 'OPERATOR', displayName: 'Bootstrap operator', shop: null, customer: null },
      seller: { role: 'SELLER', displayName: market.shop.name, shop: { id: market.shop.id, name: market.shop.name }, customer: null },
      customer: { role: 'CUSTOMER', displayName: 'Anna Kowalska', shop: null, customer: market.customer },
    }[role];
    expect((await t.gql(ViewerDocument, {}, market.keys[role])).viewer).toEqual(expected);
  });
});

describe('API keys', () => {
  it('issueApiKey shows the secret once, starting with the key prefix', async () => {
    const { issueApiKey } = await t.gql(IssueApiKeyDocument, { input: { name: 'Kasa 2', role: 'CUSTOMER', customerId: market.customer.id } });
    expect(issueApiKey.secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(issueApiKey.apiKey).toMatchObject({ name: 'Kasa 2', role: 'CUSTOMER', prefix: issueApiKey.secret.slice(0, 10), revokedAt: null });
    const fields = Object.keys((buildAppSchema().getType('ApiKey') as GraphQLObjectType).getFields()).sort();
    expect(fields).toEqual(['createdAt', 'id', 'name', 'prefix', 'revokedAt', 'role']);
    const { node } = await t.gql(AuthApiKeyNodeDocument, { id: issueApiKey.apiKey.id });
    expect(node).toEqual({ __typename: 'ApiKey', id: issueApiKey.apiKey.id, name: 'Kasa 2', role: 'CUSTOMER', prefix: issueApiKey.apiKey.prefix, revokedAt: null });
    expect((await t.gql(ViewerDocument, {}, issueApiKey.secret)).viewer.displayName).toBe('Anna Kowalska');
  });

  it('issueApiKey answers BAD_USER_INPUT for a SELLER key without a shop', async () => {
    const response = await t.request(IssueApiKeyDocument, { input: { name: 'bez sklepu', role: 'SELLER' } });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]).toMatchObject({ message: 'input.shopId must name an existing shop for a SELLER key', extensions: { field: ['input', 'shopId'] } });
  });

  it('revokeApiKey makes the key fail on the very next request', async () => {
    const { issueApiKey } = await t.gql(IssueApiKeyDocument, { input: { name: 'do odwołania', role: 'SELLER', shopId: market.shop.id } });
    expect((await t.gql(ViewerDocument, {}, issueApiKey.secret)).viewer.role).toBe('SELLER');
    const { revokeApiKey } = await t.gql(RevokeApiKeyDocument, { id: issueApiKey.apiKey.id });
    expect(revokeApiKey!.id).toBe(issueApiKey.apiKey.id);
    expect(revokeApiKey!.revokedAt).not.toBeNull();
    expect(codes(await t.request(ViewerDocument, {}, issueApiKey.secret))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.request(CarriersDocument, {}, issueApiKey.secret))).toEqual(['UNAUTHENTICATED']);
  });

  it('revokeApiKey answers null for an id that names no key', async () => {
    expect(await t.gql(RevokeApiKeyDocument, { id: market.shop.id })).toEqual({ revokeApiKey: null });
    expect(await t.gql(RevokeApiKeyDocument, { id: 'garbage' })).toEqual({ revokeApiKey: null });
  });
});

describe('shops', () => {
  it('createShop with returnPolicyDays 13 answers a top-level BAD_USER_INPUT and creates nothing', async () => {
    const before = await shopCount();
    const response = await t.request(CreateShopDocument, { input: { name: 'Sklep 13 dni', returnPolicyDays: 13 } });
    expect([codes(response), response.data]).toEqual([['BAD_USER_INPUT'], null]);
    expect(response.errors![0]).toMatchObject({ message: 'input.returnPolicyDays must be from 14 to 365 days', extensions: { field: ['input', 'returnPolicyDays'] } });
    expect(await shopCount()).toBe(before);
  });

  it('updateShopSettings with returnPolicyDays 13 answers ValidationError and changes nothing', async () => {
    const { updateShopSettings } = await t.gql(UpdateShopSettingsDocument, { input: { shopId: market.otherShop.id, returnPolicyDays: 13, autoAccept: true } });
    expect(updateShopSettings).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'must be from 14 to 365 days',
      field: ['input', 'returnPolicyDays'],
    });
    const unchanged = await t.gql(UpdateShopSettingsDocument, { input: { shopId: market.otherShop.id } });
    expect(unchanged.updateShopSettings).toEqual({ __typename: 'Shop', id: market.otherShop.id, returnPolicyDays: 14, autoAccept: false, partialAcceptance: true });
  });

  it("a seller updates its own shop's settings", async () => {
    const { updateShopSettings } = await t.gql(UpdateShopSettingsDocument, { input: { shopId: market.shop.id, returnPolicyDays: 30 } }, market.keys.seller);
    expect(updateShopSettings).toEqual({ __typename: 'Shop', id: market.shop.id, returnPolicyDays: 30, autoAccept: false, partialAcceptance: true });
  });

  it("a seller gets NotFoundError for another shop's settings, which stay unchanged", async () => {
    const { updateShopSettings } = await t.gql(UpdateShopSettingsDocument, { input: { shopId: market.otherShop.id, returnPolicyDays: 60 } }, market.keys.seller);
    expect(updateShopSettings).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Shop not found' });
    const unchanged = await t.gql(UpdateShopSettingsDocument, { input: { shopId: market.otherShop.id } });
    expect(unchanged.updateShopSettings).toMatchObject({ returnPolicyDays: 14 });
  });

  describe('pagination', () => {
    let own: TestApp;
    let ownMarket: Market;
    beforeAll(async () => {
      own = await startTestApp();
      ownMarket = await createMarket(own);
      for (const name of ['Sklep C', 'Sklep D', 'Sklep E']) await own.gql(CreateShopDocument, { input: { name } });
    });
    afterAll(() => own.close());

    it('an operator pages through every shop, oldest first, two at a time', async () => {
      const pages: string[][] = [];
      let after: string | null = null;
      for (;;) {
        const { shops }: { shops: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { name: string } }[] } } =
          await own.gql(AuthShopNamesDocument, { first: 2, after });
        expect(shops.totalCount).toBe(5);
        pages.push(shops.edges.map((edge) => edge.node.name));
        if (!shops.pageInfo.hasNextPage) break;
        after = shops.pageInfo.endCursor;
      }
      expect(pages).toEqual([['Księgarnia Pod Sową', 'Elektro-Max'], ['Sklep C', 'Sklep D'], ['Sklep E']]);
    });

    it('a seller sees only its own shop; a customer sees every shop', async () => {
      const seller = (await own.gql(AuthShopNamesDocument, { first: 10 }, ownMarket.keys.seller)).shops;
      expect([seller.totalCount, seller.edges.map((edge) => edge.node.name)]).toEqual([1, ['Księgarnia Pod Sową']]);
      const customer = (await own.gql(AuthShopNamesDocument, { first: 10 }, ownMarket.keys.customer)).shops;
      expect([customer.totalCount, customer.edges.length]).toEqual([5, 5]);
    });
  });
});

describe('limits', () => {
  /** `cycles` nested order -> timeline -> edges -> node levels (4 fields each) around `leaf`. */
  const chain = (cycles: number, leaf: string) => {
    let inner = leaf;
    for (let i = 0; i < cycles; i += 1) inner = `order { timeline(first: 1) { edges { node { ${inner} } } } }`;
    return inner;
  };
  const depth15 = `query Deep($id: ID!) { order(id: $id) { timeline(first: 1) { edges { node { ${chain(2, 'order { shop { id } }')} } } } } }`;
  const depth16 = `query Deeper($id: ID!) { order(id: $id) { timeline(first: 1) { edges { node { ${chain(2, 'order { timeline(first: 1) { pageInfo { hasNextPage } } }')} } } } } }`;

  it('serves a query 15 fields deep', async () => {
    const response = await t.request(doc(depth15), { id: orderId });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ order: { timeline: { edges: [{ node: { order: { timeline: { edges: [{ node: { order: { timeline: { edges: [{ node: { order: { shop: { id: market.shop.id } } } }] } } } }] } } } }] } } });
  });

  it('refuses a query 16 fields deep with QUERY_TOO_COMPLEX before it runs', async () => {
    const response = await t.request(doc(depth16), { id: orderId });
    expect([codes(response), response.errors![0].message, response.data]).toEqual([['QUERY_TOO_COMPLEX'], 'Query depth limit of 15 exceeded, found 16.', undefined]);
  });

  it('counts field depth, not fragments: 15 fields through fragments are served, 16 refused', async () => {
    const fragment = (leaf: string) =>
      `query F($id: ID!) { node(id: $id) { ... on Order { timeline(first: 1) { edges { node { ...E } } } } } } fragment E on Event { ${chain(2, leaf)} }`;
    const served = await t.request(doc(fragment('order { shop { id } }')), { id: orderId });
    expect([served.errors, Object.keys(served.data!)]).toEqual([undefined, ['node']]);
    const refused = await t.request(doc(fragment('order { timeline(first: 1) { pageInfo { hasNextPage } } }')), { id: orderId });
    expect([codes(refused), refused.errors![0].message]).toEqual([['QUERY_TOO_COMPLEX'], 'Query depth limit of 15 exceeded, found 16.']);
  });

  const aliases = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

  it('serves 50 aliases and refuses 51 with QUERY_TOO_COMPLEX', async () => {
    const fifty = await t.request(doc(`query { ${aliases(50, 'viewer { role }')} }`), {});
    expect([fifty.errors, Object.keys(fifty.data!).length]).toEqual([undefined, 50]);
    const more = await t.request(doc(`query { ${aliases(51, 'viewer { role }')} }`), {});
    expect([codes(more), more.errors![0].message, more.data]).toEqual([['QUERY_TOO_COMPLEX'], 'Aliases limit of 50 exceeded, found 51.', undefined]);
  });

  it('refuses 51 aliased createShop mutations before any runs', async () => {
    const before = await shopCount();
    const response = await t.request(doc(`mutation { ${aliases(51, 'createShop(input: { name: "Sklep" }) { id }')} }`), {});
    expect(codes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(await shopCount()).toBe(before);
  });

  it('refuses a document above 64 KiB with HTTP 413 and serves one of 60 KiB', async () => {
    const send = (padding: number) =>
      fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_SECRET}` },
        body: JSON.stringify({ query: `query Big { __typename }\n#${'x'.repeat(padding)}` }),
      });
    expect((await send(65 * 1024)).status).toBe(413);
    const served = await send(60 * 1024);
    expect([served.status, await served.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it.each([
    ['orders(first: 0)', OrdersDocument, { first: 0 }, 'first must be between 1 and 100'],
    ['orders(first: 101)', OrdersDocument, { first: 101 }, 'first must be between 1 and 100'],
    ['orders(last: 0)', OrdersDocument, { last: 0 }, 'last must be between 1 and 100'],
    ['orders(last: 101)', OrdersDocument, { last: 101 }, 'last must be between 1 and 100'],
    ['events(first: 0)', EventsDocument, { first: 0 }, 'first must be between 1 and 100'],
    ['events(first: 101)', EventsDocument, { first: 101 }, 'first must be between 1 and 100'],
    ['shops(first: 0)', ShopsDocument, { first: 0 }, 'first must be between 1 and 100'],
    ['shops(first: 101)', ShopsDocument, { first: 101 }, 'first must be between 1 and 100'],
    ['Order.timeline(first: 101)', AuthOrderTimelineDocument, { first: 101 }, 'first must be between 1 and 100'],
    ['nodes with 101 ids', NodesDocument, { ids: Array(101).fill('garbage') }, 'nodes takes at most 100 ids'],
  ] as [string, TypedDocumentNode<unknown, object>, object, string][])('answers %s with BAD_REQUEST', async (_name, document, variables, message) => {
    const response = await t.request(document, { id: orderId, ...variables });
    expect([codes(response), response.errors![0].message]).toEqual([['BAD_REQUEST'], message]);
  });
});

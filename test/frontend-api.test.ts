import { startTestApp, TestApp } from './support/app';
import { createMarket, Market } from './support/market';

/** What a frontend's client cache and code generator rely on: stable dashboard ids, a clear word on introspection. */
let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

async function raw(query: string, secret?: string): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers.authorization = `Bearer ${secret}`;
  const response = await fetch(t.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as Awaited<ReturnType<typeof raw>>["body"] };
}

it('gives each audience one stable dashboard id: the same for a shop\'s sellers, another for each shop and customer', async () => {
  const ids = async (secret: string) => ((await raw('{ viewer { dashboard { id } } }', secret)).body.data as { viewer: { dashboard: { id: string } } }).viewer.dashboard.id;
  const [seller, sellerAgain, otherSeller, customer, operator] = await Promise.all([
    ids(market.keys.seller),
    ids(market.keys.seller),
    ids(market.keys.otherSeller),
    ids(market.keys.customer),
    ids(market.keys.operator),
  ]);
  expect(seller).toBe(sellerAgain);
  expect(new Set([seller, otherSeller, customer, operator]).size).toBe(4);
  expect(Buffer.from(operator, 'base64').toString()).toBe('Dashboard:marketplace');
});

it('answers anonymous introspection with UNAUTHENTICATED saying how to send a key', async () => {
  const { status, body } = await raw('{ __schema { queryType { name } } }');
  expect([status, body.errors?.[0].extensions.code, body.errors?.[0].message.startsWith('Introspection needs an API key: send `Authorization: Bearer <secret>`')]).toEqual([401, 'UNAUTHENTICATED', true]);
});

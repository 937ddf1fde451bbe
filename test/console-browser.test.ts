import { createServer, Server } from 'node:http';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { findChromium, launchChromium } from '../scripts/chromium';
import { AcceptOrderDocument, IncidentNodeDocument as IncidentNode, IssueApiKeyDocument, OrderDocument, OrdersDocument, RevokeApiKeyDocument, ReturnNodeDocument as ReturnNode, SendMessageDocument } from './generated/graphql';
import { asRating, asReturn, ratingCalls, returnCalls } from './support/after-sales';
import { asIncident, incidentCalls, orderIn } from './support/incidents';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';
import { buildServer, freePort } from './support/server-process';

/**
 * The seller console in a real headless Chromium against a real server: sign-in, the live
 * dashboard and orders, acting on an order, live messages, a server restart, and CORS from pages
 * on other origins. One browser and one server for the whole file.
 */
const CHROMIUM = findChromium();
const describeInBrowser = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) {
  // The one case a skip is allowed: no browser on this machine (CI installs Debian's chromium).
  console.warn('SKIPPED test/console-browser.test.ts: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
}

const KEY_STORAGE = 'seller-console.api-key';
/** Only this file reads a rating's reply by id. */
const RATING_REPLY: TypedDocumentNode<{ node: { reply: { body: string } | null } | null }, { id: string }> = parse(
  'query RatingReply($id: ID!) { node(id: $id) { ... on Rating { reply { body } } } }',
);
const ACTION_LABELS: Record<string, string> = {
  ACCEPT: 'Przyjmij zamówienie',
  REFUSE: 'Odrzuć zamówienie',
  SET_TRACKING: 'Zapisz numer przesyłki',
  CONFIRM_SHIPMENT: 'Potwierdź wysyłkę',
  MARK_READY_FOR_PICKUP: 'Gotowe do odbioru',
  CANCEL: 'Anuluj zamówienie',
  REFUND: 'Zwróć pieniądze',
};

/** Text as a reader sees it: runs of white space (Intl's no-break spaces included) as one space. */
function normalise(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

async function textOf(page: Page, selector: string): Promise<string> {
  return normalise(await page.$eval(selector, (element) => element.textContent));
}

async function textsOf(page: Page, selector: string): Promise<string[]> {
  return (await page.$$eval(selector, (elements) => elements.map((element) => element.textContent))).map(normalise);
}

/** Waits until the element's normalised text equals `expected` (fails with what was there instead). */
async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  try {
    await page.waitForFunction(
      (sel: string, want: string) => {
        const element = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(sel);
        return !!element && (element.textContent ?? '').replace(/\s+/g, ' ').trim() === want;
      },
      { timeout: 20_000 },
      selector,
      expected,
    );
  } catch {
    const actual = await page.$eval(selector, (element) => element.textContent).catch(() => '<no such element>');
    throw new Error(`${selector}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(normalise(actual))}`);
  }
}

async function sessionKey(page: Page): Promise<string | null> {
  return page.evaluate(`sessionStorage.getItem(${JSON.stringify(KEY_STORAGE)})`) as Promise<string | null>;
}

/** A blank page served from another origin (another port), for the CORS checks. */
function blankPage(): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other origin</title>'));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

/**
 * Runs in a page on another origin: a query, a mutation and a subscription against the API, as a
 * frontend there would. Each answers what it got, or 'blocked' when the browser (CORS) or the
 * server (WebSocket origin check) refused it.
 */
const CROSS_ORIGIN_CLIENT = `async ({ api, key, orderId }) => {
  const post = async (query, variables) => {
    try {
      const response = await fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
        body: JSON.stringify({ query, variables }),
      });
      return await response.json();
    } catch (error) {
      return 'blocked';
    }
  };
  const query = await post('{ viewer { role } }');
  const mutation = await post('mutation ($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }', { input: { orderId, body: 'Z innej strony' } });
  const subscription = await new Promise((resolve) => {
    const socket = new WebSocket(api.replace('http', 'ws'), 'graphql-transport-ws');
    const timer = setTimeout(() => resolve('timeout'), 15000);
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer ' + key } }));
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { dashboardChanged(initial: true) { ordersToShip } }' } }));
      } else if (message.type === 'next') {
        clearTimeout(timer);
        socket.close();
        resolve(message.payload);
      }
    };
    socket.onerror = () => {
      clearTimeout(timer);
      resolve('blocked');
    };
  });
  return { query, mutation, subscription };
}`;

describeInBrowser('the seller console in Chromium', () => {
  let t: TestApp;
  let market: Market;
  let browser: Browser;
  let page: Page;
  let port: number;
  let base: string;
  let listed: { server: Server; origin: string };
  let unlisted: { server: Server; origin: string };
  let firstOrders: { id: string; reference: string }[];
  let liveOrder: { id: string; reference: string };
  const env = () => ({ PORT: String(port), CORS_ORIGINS: listed.origin });

  beforeAll(async () => {
    await buildServer(); // npm run build: the console's bundle too
    port = await freePort();
    listed = await blankPage();
    unlisted = await blankPage();
    t = await startTestApp({ env: env() });
    base = `http://127.0.0.1:${port}`;
    market = await createMarket(t);
    firstOrders = [];
    for (let i = 0; i < 2; i += 1) firstOrders.push(await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' }));
    browser = await launchChromium(CHROMIUM!);
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    listed?.server.close();
    unlisted?.server.close();
  });

  it('is served at / and /console/: one field labelled "API key"; a customer key is refused with a clear message and kept nowhere', async () => {
    const consolePage = await page.goto(`${base}/console/`);
    expect(consolePage?.status()).toBe(200);
    await page.goto(`${base}/`);
    await page.waitForSelector('#api-key');
    expect(await textOf(page, 'label[for=api-key]')).toBe('API key');
    expect(await page.$$eval('form input', (inputs) => inputs.length)).toBe(1);

    await page.type('#api-key', market.keys.customer);
    await page.click('button[type=submit]');
    await waitForText(page, '[role=alert]', 'To klucz klienta: panel jest dla sprzedawców i operatorów. Użyj klucza sprzedawcy.');
    expect(await sessionKey(page)).toBeNull();
    expect(page.url()).toBe(`${base}/`);
  });

  it('signs in with a seller key kept in sessionStorage, never in the URL; the dashboard counts arrive and change live', async () => {
    await page.$eval('#api-key', (input) => ((input as unknown as { value: string }).value = ''));
    await page.type('#api-key', market.keys.seller);
    await page.click('button[type=submit]');
    await waitForText(page, '[data-count=ordersAwaitingAcceptance] .count', '2');
    expect(await sessionKey(page)).toBe(market.keys.seller);
    expect(page.url()).not.toContain(market.keys.seller);
    expect(await textOf(page, 'h1')).toBe('Bądź na bieżąco');
    expect(await page.$eval('[data-count=ordersAwaitingAcceptance]', (link) => link.getAttribute('href'))).toBe('#/orders?states=WAITING_ACCEPTANCE');

    await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' }).then((order) => firstOrders.push(order));
    await waitForText(page, '[data-count=ordersAwaitingAcceptance] .count', '3');
  });

  it('lists the orders with reference, Polish state label, customer, total and a live countdown to the deadline', async () => {
    await page.click('[data-count=ordersAwaitingAcceptance]');
    await page.waitForSelector('table.orders tbody tr');
    await waitForText(page, 'section > p[aria-live]', 'Zamówień: 3');
    const rows = await page.$$eval('table.orders tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td as { textContent: string | null }).textContent)));
    expect(rows.map((cells) => normalise(cells[0]))).toEqual([...firstOrders].reverse().map((order) => order.reference));
    const [reference, state, customer, total, deadline] = rows[0].map(normalise);
    expect(reference).toBe(firstOrders[2].reference);
    expect(state).toBe('Przyjęcie w toku');
    expect(customer).toBe('Anna Kowalska');
    expect(total).toBe('148,47 zł'); // 2 × 49.99 + 35.50 + 12.99 shipping
    expect(deadline).toMatch(/^przyjęcie: za 2 d 23 h$/); // ACCEPTANCE_TIMEOUT PT72H from placement
  });

  it('shows an order a customer places through the API at the top of the list, live, without a reload', async () => {
    await page.evaluate('window.__sameDocument = true');
    liveOrder = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    await waitForText(page, 'table.orders tbody tr:first-child td:first-child', liveOrder.reference);
    await waitForText(page, 'section > p[aria-live]', 'Zamówień: 4');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  });

  it('searches the orders and filters them by state, keeping both in the link', async () => {
    await page.type('form[role=search] input[type=search]', liveOrder.reference);
    await page.click('form[role=search] button[type=submit]');
    await waitForText(page, 'section > p[aria-live]', 'Zamówień: 1');
    expect(await textsOf(page, 'table.orders tbody tr td:first-child')).toEqual([liveOrder.reference]);
    expect(page.url()).toBe(`${base}/#/orders?states=WAITING_ACCEPTANCE&search=${liveOrder.reference}`);

    await page.select('select[name=states]', 'SHIPPED');
    await waitForText(page, 'section > p[aria-live]', 'Zamówień: 0');
    await page.select('select[name=states]', '');
    await waitForText(page, 'section > p[aria-live]', 'Zamówień: 1');
    expect(page.url()).toBe(`${base}/#/orders?search=${liveOrder.reference}`);
  });

  it('offers exactly the order\'s availableActions; accepts, refuses a bad tracking number in words next to the form, sets tracking and confirms shipment', async () => {
    await page.click(`table.orders tbody tr[data-order-id="${liveOrder.id}"] a`);
    await page.waitForSelector('article.order .actions');
    const asSeller = async () => (await t.gql(OrderDocument, { id: liveOrder.id }, market.keys.seller)).order!;
    const buttons = async () => (await textsOf(page, '.actions button')).sort();
    const expectedButtons = async () =>
      (await asSeller()).availableActions
        .filter((action) => ACTION_LABELS[action])
        .map((action) => ACTION_LABELS[action])
        .sort();

    expect(await buttons()).toEqual(await expectedButtons());
    expect(await buttons()).toEqual(['Odrzuć zamówienie', 'Przyjmij zamówienie']);

    await page.click('#action-accept');
    await waitForText(page, 'article.order dd.state', 'Oczekuje na wysyłkę');
    await page.waitForSelector('input[name=trackingNumber]');
    expect(await buttons()).toEqual(await expectedButtons());

    const before = await asSeller();
    await page.type('input[name=trackingNumber]', 'X'.repeat(101));
    await page.click('.action:has(input[name=trackingNumber]) button[type=submit]');
    await page.waitForSelector('.action [role=alert][data-code=VALIDATION_FAILED]');
    expect(await textOf(page, '.action [role=alert]')).toMatch(/^Popraw dane formularza\. .+ \(input\.trackingNumber\)$/);
    const unchanged = await asSeller();
    expect({ version: unchanged.version, tracking: unchanged.tracking }).toEqual({ version: before.version, tracking: null });

    await page.$eval('input[name=trackingNumber]', (input) => ((input as unknown as { value: string }).value = ''));
    await page.type('input[name=trackingNumber]', 'INP-123456789');
    await page.click('.action:has(input[name=trackingNumber]) button[type=submit]');
    await page.waitForFunction(`document.querySelector('.tracking')?.textContent.includes('INP-123456789')`, { timeout: 20_000 });
    expect(await buttons()).toEqual(await expectedButtons());
    expect(await buttons()).toContain('Potwierdź wysyłkę');

    await page.click('xpath///button[normalize-space()="Potwierdź wysyłkę"]');
    await waitForText(page, 'article.order dd.state', 'Wysłano');
    const shipped = await asSeller();
    expect({ state: shipped.state, trackingNumber: shipped.tracking?.trackingNumber }).toEqual({ state: 'SHIPPED', trackingNumber: 'INP-123456789' });
  });

  it('shows a new customer message live: the thread appears unread in the list, and the next message in the open conversation', async () => {
    await page.click('nav a[href="#/messages"]');
    await page.waitForSelector('.threads');
    await t.gql(SendMessageDocument, { input: { orderId: liveOrder.id, body: 'Dzień dobry, kiedy dotrze paczka?' } }, market.keys.customer);
    await page.waitForSelector('.threads .thread .tag.unread');
    expect(await textsOf(page, '.threads .thread .tag')).toEqual(['1 nieprzeczytane', 'czeka na odpowiedź']);

    await page.click('.threads .thread a');
    await waitForText(page, '.messages .message:last-child .body', 'Dzień dobry, kiedy dotrze paczka?');
    await t.gql(SendMessageDocument, { input: { orderId: liveOrder.id, body: 'Proszę o numer przesyłki.' } }, market.keys.customer);
    await waitForText(page, '.messages .message:last-child .body', 'Proszę o numer przesyłki.');
    expect(await textsOf(page, '.messages .message .body')).toEqual(['Dzień dobry, kiedy dotrze paczka?', 'Proszę o numer przesyłki.']);
  });

  it('survives a server restart: shows the reconnecting banner, reconnects by itself and catches up through events(after:)', async () => {
    await page.click('nav a[href="#/orders"]');
    await waitForText(page, 'table.orders tbody tr:first-child td:first-child', liveOrder.reference);
    await page.evaluate('window.__sameDocument = "before the restart"');
    // Requests over HTTP from now on: none may be needed, the events replay over the socket carries what was missed.
    const httpRequests: string[] = [];
    const record = (request: HTTPRequest) => void (request.url().startsWith(base) && httpRequests.push(`${request.method()} ${request.url()}`));
    page.on('request', record);

    await t.close();
    await waitForText(page, '.banner', 'Brak połączenia na żywo — łączę ponownie…');
    // While the console's server is down, another instance on the same database takes an order.
    const other = await startTestApp({ databaseUrl: t.databaseUrl });
    const missed = await placeOrder(other, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    await other.close();
    t = await startTestApp({ databaseUrl: t.databaseUrl, env: env() });

    await waitForText(page, 'table.orders tbody tr:first-child td:first-child', missed.reference);
    await page.waitForFunction(`!document.querySelector('.banner')`, { timeout: 20_000 });
    expect(await page.evaluate('window.__sameDocument')).toBe('before the restart');
    expect(await textOf(page, 'table.orders tbody tr:first-child td.state')).toBe('Przyjęcie w toku');
    page.off('request', record);
    // orderChanged only pushes what commits after it resubscribes: the missed order came from events(after: <last cursor>).
    expect(httpRequests).toEqual([]);
  });

  it('CORS: a page on a listed origin can query, mutate and subscribe; a page on another origin can do none of it', async () => {
    const api = `${base}/graphql`;
    const visit = async (origin: string) => {
      const other = await browser.newPage();
      try {
        await other.goto(`${origin}/`);
        return (await other.evaluate(`(${CROSS_ORIGIN_CLIENT})(${JSON.stringify({ api, key: market.keys.seller, orderId: liveOrder.id })})`)) as Record<string, unknown>;
      } finally {
        await other.close();
      }
    };
    expect(await visit(listed.origin)).toEqual({
      query: { data: { viewer: { role: 'SELLER' } } },
      mutation: { data: { sendMessage: { __typename: 'Message' } } },
      subscription: { data: { dashboardChanged: { ordersToShip: 0 } } },
    });
    expect(await visit(unlisted.origin)).toEqual({ query: 'blocked', mutation: 'blocked', subscription: 'blocked' });
  });

  it('lists incidents, returns and ratings with their actions: resolves an incident, accepts a return, replies to a rating', async () => {
    const { customer } = market.keys;
    const incidentOrder = await orderIn(t, market, 'RECEIVED');
    const incident = asIncident(await incidentCalls(t).open(customer, { orderId: incidentOrder.id, reason: 'DEFECTIVE', message: 'Okładka jest pęknięta.' }));
    const returnOrder = await orderIn(t, market, 'RECEIVED');
    const lines = [{ lineId: returnOrder.lines[0].id, quantity: 1 }];
    const requested = asReturn(await returnCalls(t).request(customer, { orderId: returnOrder.id, reason: 'WITHDRAWAL_NO_REASON', lines }));
    const ratedOrder = await orderIn(t, market, 'RECEIVED');
    const rating = asRating(await ratingCalls(t).rate(customer, { orderId: ratedOrder.id, grade: 4, comment: 'Szybko i sprawnie.' }));

    await page.click('nav a[href="#/incidents"]');
    const incidentRow = `tr[data-incident-id="${incident.id}"]`;
    await page.waitForSelector(`${incidentRow} select[name=resolution]`);
    await page.select(`${incidentRow} select[name=resolution]`, 'REPLACED');
    await page.click(`${incidentRow} button[type=submit]`);
    await waitForText(page, `${incidentRow} td:nth-child(3)`, 'Rozwiązany');
    expect(await page.$$(`${incidentRow} button`)).toHaveLength(0); // RESOLVE is no longer among its availableActions
    const { node: resolved } = await t.gql(IncidentNode, { id: incident.id }, market.keys.seller);
    expect(resolved?.__typename === 'Incident' && resolved.status).toBe('RESOLVED');

    await page.click('nav a[href="#/returns"]');
    const returnRow = `tr[data-return-id="${requested.id}"]`;
    await page.waitForSelector(returnRow);
    expect(await textsOf(page, `${returnRow} button`)).toEqual(['Akceptuj zwrot', 'Odrzuć zwrot']);
    await page.click(`xpath///tr[@data-return-id="${requested.id}"]//button[normalize-space()="Akceptuj zwrot"]`);
    await waitForText(page, `${returnRow} td:nth-child(4)`, 'Zaakceptowany');
    const { node: accepted } = await t.gql(ReturnNode, { id: requested.id }, market.keys.seller);
    expect(accepted?.__typename === 'Return' && accepted.status).toBe('ACCEPTED');

    await page.click('nav a[href="#/ratings"]');
    const ratingItem = `li[data-rating-id="${rating.id}"]`;
    await page.waitForSelector(`${ratingItem} input[name=body]`);
    await page.type(`${ratingItem} input[name=body]`, 'Dziękujemy za zakupy!');
    await page.click(`xpath///li[@data-rating-id="${rating.id}"]//button[normalize-space()="Odpowiedz"]`);
    await waitForText(page, `${ratingItem} .reply`, '↳ Dziękujemy za zakupy!');
    const { node: replied } = await t.gql(RATING_REPLY, { id: rating.id }, market.keys.seller);
    expect(replied?.reply?.body).toBe('Dziękujemy za zakupy!');
    await page.click('xpath///label[normalize-space()="tylko bez odpowiedzi"]/input');
    await page.waitForFunction(`location.hash === '#/ratings?withoutReply=1' && !document.querySelector('[data-rating-id="${rating.id}"]')`, { timeout: 20_000 });
  });

  it('signs out: the key leaves sessionStorage and the sign-in form is back', async () => {
    await page.click('xpath///button[normalize-space()="Wyloguj"]');
    await page.waitForSelector('#api-key');
    expect(await sessionKey(page)).toBeNull();
  });

  it('works for an operator key: every shop, narrowed with the shop picker; English is one switch away', async () => {
    await page.type('#api-key', market.keys.operator);
    await page.click('button[type=submit]');
    await page.waitForFunction(`document.querySelectorAll('.shop-picker option').length === 3`, { timeout: 20_000 });
    expect(await textsOf(page, '.shop-picker option')).toEqual(['Wszystkie sklepy', market.shop.name, market.otherShop.name]);
    const { orders: everyOrder } = await t.gql(OrdersDocument, {});
    await page.click('nav a[href="#/orders"]');
    await waitForText(page, 'section > p[aria-live]', `Zamówień: ${everyOrder.totalCount}`);

    await page.select('.shop-picker select', market.otherShop.id);
    await waitForText(page, 'section > p[aria-live]', 'Zamówień: 0');
    await page.select('.shop-picker select', market.shop.id);
    await waitForText(page, 'section > p[aria-live]', `Zamówień: ${everyOrder.totalCount}`); // every order so far is the first shop's

    await page.click('button.language');
    await waitForText(page, 'h1', 'Orders');
    await waitForText(page, 'section > p[aria-live]', `Orders: ${everyOrder.totalCount}`);
    await waitForText(page, 'table.orders tbody tr:first-child td.state', 'Received'); // the newest: the rated order above
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await textsOf(page, 'nav li a')).toEqual(['Stay up to date', 'Orders', 'Messages', 'Incidents', 'Returns', 'Ratings']);
  });

  it('signs out by itself, with a message, when its key is revoked while it is open', async () => {
    const { issueApiKey } = await t.gql(IssueApiKeyDocument, { input: { name: 'console seller', role: 'SELLER', shopId: market.shop.id } });
    await page.click('xpath///button[normalize-space()="Sign out"]');
    await page.waitForSelector('#api-key');
    await page.type('#api-key', issueApiKey.secret);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.top'); // signed in (on the screen the last session left in the link)

    await t.gql(RevokeApiKeyDocument, { id: issueApiKey.apiKey.id });
    await waitForText(page, '[role=alert]', 'The server did not accept this key (unknown or revoked).');
    expect(await sessionKey(page)).toBeNull();
  });

  it('GraphiQL at /graphql (outside production): introspects with the key typed in its "API key" field, runs a subscription over graphql-ws', async () => {
    const ide = await browser.newPage();
    try {
      await ide.evaluateOnNewDocument(`localStorage.setItem('graphiql:query', 'subscription { dashboardChanged(initial: true) { ordersToShip } }')`);
      await ide.goto(`${base}/graphql`);
      await ide.waitForSelector('#ide-api-key');
      expect(await textOf(ide, 'label[for=ide-api-key]')).toBe('API key');
      await ide.type('#ide-api-key', market.keys.seller);
      await ide.click('.ide-key button[type=submit]');
      await ide.waitForSelector('button[aria-label="Show Documentation Explorer"]');
      await ide.click('button[aria-label="Show Documentation Explorer"]');
      await ide.waitForFunction(`document.querySelector('.graphiql-doc-explorer')?.textContent.includes('subscription: Subscription')`, { timeout: 20_000 });

      const { orders } = await t.gql(OrdersDocument, { filter: { states: ['SHIPPING'] } }, market.keys.seller);
      await ide.click('.graphiql-execute-button');
      const response = (count: number) =>
        ide.waitForFunction(
          `document.querySelector('.graphiql-response')?.textContent.replace(/\\s+/g, '').endsWith('{"data":{"dashboardChanged":{"ordersToShip":${count}}}}')`,
          { timeout: 20_000 },
        );
      await response(orders.totalCount);
      await t.gql(AcceptOrderDocument, { input: { orderId: firstOrders[0].id } }, market.keys.seller); // cash on delivery: straight to SHIPPING
      await response(orders.totalCount + 1);
    } finally {
      await ide.close();
    }
  });
});

import { startTestApp, TestApp } from './support/app';

/** GraphiQL in development: served from npm packages (no CDN), only to browsers, never in production. */

let dev: TestApp;
let production: TestApp;

beforeAll(async () => {
  dev = await startTestApp();
  production = await startTestApp({ env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  await dev?.close();
  await production?.close();
});

const origin = (t: TestApp) => new URL(t.url).origin;
const browserGet = (url: string) => fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });

describe('GraphiQL', () => {
  it('answers a browser at /graphql with the page: an "API key" field, scripts only from this origin', async () => {
    const response = await browserGet(dev.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await response.text();
    expect(page).toContain('<label for="api-key">API key</label>');
    expect(page).toContain('<input id="api-key"');
    expect(page).not.toMatch(/<script>|https?:\/\//); // no inline script, nothing from another host
  });

  it('serves every file the page loads, from node_modules, with its type', async () => {
    const page = await (await browserGet(dev.url)).text();
    const files = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, path]) => path);
    expect(files).toEqual([
      '/ide/graphiql.min.css',
      '/ide/page.css',
      '/ide/react.production.min.js',
      '/ide/react-dom.production.min.js',
      '/ide/graphql-ws.min.js',
      '/ide/graphiql.min.js',
      '/ide/page.js',
    ]);
    const answers = await Promise.all(files.map(async (path) => {
      const response = await fetch(`${origin(dev)}${path}`);
      const body = await response.text();
      return [path, response.status, response.headers.get('content-type'), body.length > 0];
    }));
    expect(answers).toEqual(files.map((path) => [path, 200, `text/${path.endsWith('.css') ? 'css' : 'javascript'}; charset=utf-8`, true]));
  });

  it('leaves API clients alone: a GET asking for JSON, or carrying a query, reaches the GraphQL endpoint', async () => {
    const json = await fetch(dev.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toContain('application/json');
    const query = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html, application/json;q=0.9', 'apollo-require-preflight': 'true', authorization: 'Bearer sk_test_operator_secret_0123456789' },
    });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('is not served in production, and Apollo offers no landing page there either', async () => {
    const page = await browserGet(production.url);
    expect(page.headers.get('content-type')).toContain('application/json');
    expect(await page.text()).not.toContain('GraphiQL');
    expect((await fetch(`${origin(production)}/ide/page.js`)).status).toBe(404);
  });
});

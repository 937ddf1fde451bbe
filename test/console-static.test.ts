import { startTestApp, TestApp } from './support/app';
import { buildServer } from './support/server-process';

/** How the server serves the seller console's files (the console itself: test/console-browser.test.ts). */
describe('the seller console\'s static files', () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    await buildServer(); // npm run build: bundles src/console into dist/console
    t = await startTestApp();
    origin = new URL(t.url).origin;
  }, 180_000);

  afterAll(() => t?.close());

  it.each(['/', '/console/', '/console'])('%s answers the console page, revalidated on every visit, with a CSP that allows only this server', async (path) => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(/<script type="module" src="\/console\/assets\/console-[A-Z0-9]+\.js"><\/script>/);
  });

  it('serves the content-hashed assets the page names, cached for a year as immutable', async () => {
    const page = await (await fetch(`${origin}/`)).text();
    const assets = [...page.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const response = await fetch(`${origin}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /^(text|application)\/javascript; charset=utf-8$/ : /^text\/css; charset=utf-8$/);
    }
  });

  it('answers an unknown asset with the API\'s JSON 404, like any unknown path', async () => {
    const response = await fetch(`${origin}/console/assets/console-NOSUCHFILE.js`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'Not found; the GraphQL endpoint is /graphql', extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('GraphiQL at /graphql', () => {
  let t: TestApp;
  let production: TestApp;

  beforeAll(async () => {
    await buildServer();
    t = await startTestApp();
    production = await startTestApp({ env: { NODE_ENV: 'production' } });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await production?.close();
  });

  it('answers a browser\'s GET (Accept: text/html) with GraphiQL from this server, outside production', async () => {
    const response = await fetch(t.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(await response.text()).toMatch(/<script type="module" src="\/console\/assets\/graphiql-[A-Z0-9]+\.js"><\/script>/);
  });

  it('leaves GET queries to the API: a browser\'s GET with ?query= is executed, not answered with the IDE', async () => {
    const response = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html,application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('is not served in production, where a browser\'s GET gets a JSON error and no landing page', async () => {
    const response = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

import WebSocket from 'ws';
import { loadConfig } from '../src/config';
import { OPERATOR_SECRET, startTestApp, TestApp } from './support/app';
import { wsUrl } from './support/live';

/**
 * CORS_ORIGINS: browser pages of the listed origins may query, mutate and subscribe; others may not.
 * Requests without an Origin (servers, scripts, the tests' own clients) are not concerned.
 */
const LISTED = 'https://seller.example.com';
const UNLISTED = 'https://evil.example.net';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { CORS_ORIGINS: `${LISTED}, http://localhost:5173` } });
});
afterAll(() => t.close());

function preflight(origin: string) {
  return fetch(t.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
}

function post(origin: string) {
  return fetch(t.url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_SECRET}` },
    body: JSON.stringify({ query: '{ viewer { role } }' }),
  });
}

/** How a WebSocket handshake from `origin` ends: 'open' or the HTTP status that refused it. */
function handshake(origin?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl(t), 'graphql-transport-ws', origin ? { origin } : {});
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
    socket.on('error', () => undefined);
  });
}

describe('CORS_ORIGINS', () => {
  it('answers a listed origin\'s preflight with 204 and the allowed methods and headers', async () => {
    const response = await preflight(LISTED);
    expect([response.status, response.headers.get('access-control-allow-origin'), response.headers.get('access-control-allow-methods'), response.headers.get('access-control-allow-headers')]).toEqual([
      204,
      LISTED,
      'GET,POST',
      'authorization,content-type,apollo-require-preflight',
    ]);
  });

  it('lets a listed origin read the answer of a POST', async () => {
    const response = await post(LISTED);
    expect([response.status, response.headers.get('access-control-allow-origin'), await response.json()]).toEqual([200, LISTED, { data: { viewer: { role: 'OPERATOR' } } }]);
  });

  it('gives an unlisted origin no CORS header, so its browser withholds the answer', async () => {
    const [pre, answer] = [await preflight(UNLISTED), await post(UNLISTED)];
    expect([pre.headers.get('access-control-allow-origin'), answer.headers.get('access-control-allow-origin')]).toEqual([null, null]);
  });

  it('opens WebSockets for listed origins, the page\'s own origin and clients without an Origin; refuses others with 403', async () => {
    const own = new URL(t.url).origin;
    expect(await Promise.all([handshake(LISTED), handshake(own), handshake(undefined), handshake(UNLISTED)])).toEqual(['open', 'open', 'open', '403']);
  });
});

describe('CORS_ORIGINS in the configuration', () => {
  it('reads a comma-separated list of origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });

  it.each([
    [{ CORS_ORIGINS: 'https://a.example/path' }, 'CORS_ORIGINS must be origins like https://seller.example.com (scheme, host, optional port; no path), separated by commas, or *, got "https://a.example/path"'],
    [{ CORS_ORIGINS: '*', NODE_ENV: 'production' }, 'CORS_ORIGINS may not be * when NODE_ENV=production: list the origins, got "*"'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

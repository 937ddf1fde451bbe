import { Client } from 'pg';
import WebSocket from 'ws';
import { OPERATOR_SECRET, silentLogger, startTestApp, TestApp } from './support/app';
import { wsUrl } from './support/live';

/** Errors outside GraphQL proper: what a client sees is JSON in the GraphQL error shape, never internals. */

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function post(path: string, body: string, contentType = 'application/json') {
  const response = await fetch(new URL(path, t.url), { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

function graphQLError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

describe('HTTP errors answer JSON in the GraphQL error shape, without stack traces or paths', () => {
  it('a malformed JSON body: 400 BAD_REQUEST', async () => {
    expect(await post('/graphql', '{"query": "{ viewer { role } }"')).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: graphQLError('The request body is not valid JSON', 'BAD_REQUEST'),
    });
  });

  it('a body over 64 KiB: 413 PAYLOAD_TOO_LARGE', async () => {
    const query = `{ __typename ${' '.repeat(64 * 1024)}}`;
    expect(await post('/graphql', JSON.stringify({ query }))).toEqual({
      status: 413,
      type: 'application/json; charset=utf-8',
      body: graphQLError('The request body is larger than 64 KiB', 'PAYLOAD_TOO_LARGE'),
    });
  });

  it('a charset other than UTF-8: 415 BAD_REQUEST', async () => {
    expect(await post('/graphql', '{"query": "{ __typename }"}', 'application/json; charset=latin1')).toEqual({
      status: 415,
      type: 'application/json; charset=utf-8',
      body: graphQLError('Unsupported charset; send UTF-8', 'BAD_REQUEST'),
    });
  });

  it('a subscription sent over HTTP: 400 BAD_REQUEST pointing to the WebSocket, nothing executed', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_SECRET}` },
      body: JSON.stringify({ query: 'subscription { dashboardChanged(initial: true) { id } }' }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: graphQLError(
        'Subscriptions are served over WebSocket: open ws(s)://<host>/graphql with a graphql-ws client (protocol graphql-transport-ws) and send the key in connectionParams',
        'BAD_REQUEST',
      ),
    });
  });

  it('an unknown path: 404 NOT_FOUND, for any method', async () => {
    const get = await fetch(new URL('/nope', t.url));
    expect({ status: get.status, body: await get.json() }).toEqual({ status: 404, body: graphQLError('Not found; the GraphQL endpoint is /graphql', 'NOT_FOUND') });
    expect(await post('/admin/login', '{}')).toEqual({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: graphQLError('Not found; the GraphQL endpoint is /graphql', 'NOT_FOUND'),
    });
  });
});

describe('a WebSocket whose key cannot be checked because the database refuses connections', () => {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL });
  let database: string;

  beforeAll(async () => {
    await admin.connect();
    database = new URL(t.databaseUrl).pathname.slice(1);
  });
  afterAll(async () => {
    await admin.query(`alter database ${database} allow_connections true`);
    await admin.end();
  });

  it('closes with 4500 and a generic reason; the error itself goes to the log', async () => {
    await admin.query(`alter database ${database} allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
    // The error goes to the server's log (the test app logs through silentLogger), never to the client.
    const logged = jest.spyOn(silentLogger, 'error');
    try {
      const socket = new WebSocket(wsUrl(t), 'graphql-transport-ws');
      const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
      await new Promise((resolve) => socket.on('open', resolve));
      // A key no cache can know, so checking it needs the database.
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer sk_never_issued_0123456789abcdef' } }));
      expect(await closed).toEqual({ code: 4500, reason: 'Internal server error' });
      const [fields, message] = logged.mock.calls.find(([, second]) => second === 'handling a WebSocket message failed') as unknown as [{ err: Error }, string];
      expect(message).toBe('handling a WebSocket message failed');
      expect(fields.err.message).toBe(`database "${database}" is not currently accepting connections`);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('caching headers', () => {
  it('GraphQL answers, data and errors alike, say Cache-Control: no-store and carry no ETag', async () => {
    const answers = [];
    for (const query of ['{ carriers { code } }', '{ nope }']) {
      const response = await fetch(new URL('/graphql', t.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      answers.push([response.status, response.headers.get('cache-control'), response.headers.get('etag')]);
    }
    expect(answers).toEqual([
      [200, 'no-store', null],
      [400, 'no-store', null],
    ]);
  });
});

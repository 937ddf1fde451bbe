import { EVENT_BUS_APPLICATION_NAME } from '../src/live/event-bus';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Client as PgClient } from 'pg';
import { ApiKeyCache } from '../src/auth/api-key-cache';
import { hashSecret } from '../src/auth/api-key.service';
import { localIdOf } from '../src/common/global-id';
import { IssueApiKeyDocument, RevokeApiKeyDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market } from './support/market';
import { acknowledgedSocket, eventually, rawSocket } from './support/raw-socket';

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

const VIEWER_ROLE = parse('{ viewer { role } }') as unknown as TypedDocumentNode<{ viewer: { role: string } }, Record<string, never>>;
const CARRIER_CODES = parse('{ carriers { code } }') as unknown as TypedDocumentNode<{ carriers: { code: string }[] }, Record<string, never>>;

async function issueSellerKey(app: TestApp, name: string): Promise<{ secret: string; id: string }> {
  const { issueApiKey } = await app.gql(IssueApiKeyDocument, { input: { name, role: 'SELLER', shopId: market.shop.id } });
  return { secret: issueApiKey.secret, id: issueApiKey.apiKey.id };
}

/** Sends `query` on the socket and resolves with its first answer, or with the close if the socket closes first. */
async function ask(socket: Awaited<ReturnType<typeof rawSocket>>, id: string, query: string) {
  socket.send({ type: 'subscribe', id, payload: { query } });
  return Promise.race([socket.next(), socket.closed]);
}

async function httpWithHeader(app: TestApp, authorization: string, query = '{ viewer { role } }') {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string; retryAfterSeconds?: number } }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describe('a key revoked while the event bus is disconnected (its NOTIFY lost)', () => {
  it('closes the open socket with 4403 and refuses its operations once the bus listens again', async () => {
    const key = await issueSellerKey(t, 'frontend');
    const socket = await acknowledgedSocket(t, key.secret);
    expect(await ask(socket, 'before', '{ viewer { role } }')).toEqual({ id: 'before', type: 'next', payload: { data: { viewer: { role: 'SELLER' } } } });
    expect(await socket.next()).toEqual({ id: 'before', type: 'complete' });

    const database = new URL(t.databaseUrl).pathname.slice(1);
    const admin = new PgClient({ connectionString: process.env.TEST_DATABASE_ADMIN_URL });
    const direct = new PgClient({ connectionString: t.databaseUrl });
    await admin.connect();
    await direct.connect();
    const busConnections = async () =>
      (await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = '${EVENT_BUS_APPLICATION_NAME}'`, [database])).rows[0].n;
    try {
      // The bus cannot reconnect while its LISTEN connection is cut, so the revocation's NOTIFY reaches no one.
      await admin.query(`alter database ${database} with allow_connections false`);
      const { rows } = await admin.query(
        `select pg_terminate_backend(pid, 10000) as terminated from pg_stat_activity where datname = $1 and application_name = '${EVENT_BUS_APPLICATION_NAME}'`,
        [database],
      );
      expect(rows).toEqual([{ terminated: true }]);
      // What revokeApiKey commits: the revocation and its NOTIFY.
      await direct.query('begin');
      await direct.query('update api_key set revoked_at = now() where id = $1', [localIdOf('ApiKey', key.id)]);
      await direct.query(`select pg_notify('api_key_revoked', $1)`, [localIdOf('ApiKey', key.id)]);
      await direct.query('commit');
    } finally {
      await admin.query(`alter database ${database} with allow_connections true`);
    }
    await eventually('the bus is connected again', async () => (await busConnections()) === 1);
    await admin.end();
    await direct.end();

    expect(await ask(socket, 'after', '{ viewer { role } }')).toEqual({ code: 4403, reason: 'API key revoked' });
    const http = await httpWithHeader(t, `Bearer ${key.secret}`);
    expect([http.status, http.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('the key cache', () => {
  it('checks a known key without a database round trip, over HTTP and WebSocket', async () => {
    await t.gql(VIEWER_ROLE, {}, market.keys.seller);
    expect(await t.countQueries(() => t.gql(VIEWER_ROLE, {}, market.keys.seller))).toBe(0);
    const socket = await acknowledgedSocket(t, market.keys.seller);
    expect(await t.countQueries(() => ask(socket, 'cached', '{ viewer { role } }'))).toBe(0);
    socket.socket.close();
  });

  it('reads the keys it does not hold, checked in the same turn of the event loop, in one statement (a reconnect storm)', async () => {
    const cache = new ApiKeyCache(t.app.orm.em, t.app.bus);
    try {
      const keys = [await issueSellerKey(t, 'burza 1'), await issueSellerKey(t, 'burza 2'), await issueSellerKey(t, 'burza 3')];
      const unknown = hashSecret('sk_never_issued_0123456789abcdef');
      const alone = await t.countQueries(() => cache.viewerFor(hashSecret(keys[0].secret)));
      // Four tabs of each fresh key and one unknown key, checked at once, with nothing cached.
      cache.clear();
      const hashes = [...keys, ...keys, ...keys, ...keys].map((key) => hashSecret(key.secret)).concat(unknown);
      let viewers: Awaited<ReturnType<ApiKeyCache['viewerFor']>>[] = [];
      const together = await t.countQueries(async () => (viewers = await Promise.all(hashes.map((hash) => cache.viewerFor(hash)))));
      expect(together).toBe(alone);
      expect(viewers.map((viewer) => viewer && [viewer.role, viewer.displayName, viewer.apiKeyUuid])).toEqual([
        ...[...keys, ...keys, ...keys, ...keys].map((key) => ['SELLER', market.shop.name, localIdOf('ApiKey', key.id)]),
        null,
      ]);
      // ...and cached now: none of them is read again.
      expect(await t.countQueries(() => Promise.all(hashes.slice(0, 3).map((hash) => cache.viewerFor(hash))))).toBe(0);
    } finally {
      cache.detach();
    }
  });

  it('forgets a revoked key at once, on the instance that revoked it and on another that had it cached', async () => {
    const other = await startTestApp({ databaseUrl: t.databaseUrl });
    try {
      const key = await issueSellerKey(t, 'cached elsewhere');
      expect(await t.gql(VIEWER_ROLE, {}, key.secret)).toEqual({ viewer: { role: 'SELLER' } });
      expect(await other.gql(VIEWER_ROLE, {}, key.secret)).toEqual({ viewer: { role: 'SELLER' } });
      const socketOnOther = await acknowledgedSocket(other, key.secret);
      await t.gql(RevokeApiKeyDocument, { id: key.id });
      expect((await t.request(VIEWER_ROLE, {}, key.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      // The other instance learns of it through the NOTIFY, which also closes the key's sockets there.
      expect(await socketOnOther.closed).toEqual({ code: 4403, reason: 'API key revoked' });
      expect((await other.request(VIEWER_ROLE, {}, key.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await other.close();
    }
  });
});

describe('oversized credentials', () => {
  it('refuses an Authorization header over 512 characters with 431, before any database work', async () => {
    let answer: Awaited<ReturnType<typeof httpWithHeader>> | undefined;
    const statements = await t.countQueries(async () => (answer = await httpWithHeader(t, `Bearer ${'x'.repeat(600)}`)));
    expect([statements, answer!.status, answer!.body]).toEqual([
      0,
      431,
      { errors: [{ message: 'The Authorization header may be at most 512 characters: send `Bearer <secret>`', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
  });

  it('closes a socket whose connection_init is over 4 KiB with 1009, unparsed', async () => {
    const socket = await rawSocket(t);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${market.keys.seller}`, padding: 'x'.repeat(5_000) } });
    expect(await socket.closed).toEqual({ code: 1009, reason: 'connection_init may be at most 4096 bytes' });
  });

  it('closes a socket whose authorization is over 512 characters with 4400', async () => {
    const socket = await rawSocket(t);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${'x'.repeat(600)}` } });
    expect(await socket.closed).toEqual({ code: 4400, reason: 'authorization may be at most 512 characters' });
  });
});

describe('failed key checks, rate-limited per client address', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ databaseUrl: t.databaseUrl, env: { AUTH_FAILURES_PER_MINUTE: '3' } });
  });
  afterAll(() => limited.close());

  it('answers RATE_LIMITED with a retry hint once an address used up its failed checks, over HTTP and WebSocket', async () => {
    // Three failures, on either transport, use up the address's budget.
    for (const attempt of [1, 2]) {
      const refused = await httpWithHeader(limited, `Bearer sk_guess_${attempt}`);
      expect([refused.status, refused.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    const guessingSocket = await rawSocket(limited);
    guessingSocket.send({ type: 'connection_init', payload: { authorization: 'Bearer sk_guess_3' } });
    expect((await guessingSocket.closed).code).toBe(4403);

    let limitedAnswer: Awaited<ReturnType<typeof httpWithHeader>> | undefined;
    const statements = await limited.countQueries(async () => (limitedAnswer = await httpWithHeader(limited, 'Bearer sk_guess_4')));
    const { status, retryAfter, body } = limitedAnswer!;
    const retryAfterSeconds = body.errors[0].extensions.retryAfterSeconds;
    expect([statements, status, body]).toEqual([
      0,
      429,
      {
        errors: [
          {
            message: `Too many failed key checks from your address; retry in ${retryAfterSeconds} s`,
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
          },
        ],
      },
    ]);
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(retryAfter).toBe(String(retryAfterSeconds));

    // Until the minute is over, the address's credentials are not even checked: a valid key too.
    const withValidKey = await httpWithHeader(limited, `Bearer ${market.keys.seller}`);
    expect([withValidKey.status, withValidKey.body.errors[0].extensions.code]).toEqual([429, 'RATE_LIMITED']);
    const socket = await rawSocket(limited);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${market.keys.seller}` } });
    const closed = await socket.closed;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/^Too many failed key checks from your address; retry in \d+ s$/);
    // What needs no key still works.
    expect(await limited.gql(CARRIER_CODES, {}, null)).toEqual({ carriers: expect.arrayContaining([{ code: 'INPOST' }]) });
  });
});

import { IncomingMessage, request } from 'node:http';
import { takesLeanPost } from '../src/graphql/lean-post';
import { LIMITS } from '../src/graphql/limits';
import { OPERATOR_SECRET, startTestApp, TestApp } from './support/app';

/**
 * `POST /graphql` with a plain JSON body is served without Express (src/graphql/lean-post.ts); the
 * same request to `/graphql?` (a query string) goes through Express. Both must answer alike, for
 * good requests and for every refusal on the way: the key, the body, the document.
 */

interface Answer {
  status: number;
  contentType: string | undefined;
  retryAfter: string | undefined;
  cacheControl: string | undefined;
  body: string;
}

function post(t: TestApp, path: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(t.url);
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            retryAfter: res.headers['retry-after'] as string | undefined,
            cacheControl: res.headers['cache-control'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The lean path's answer, after checking Express answers the same. */
async function bothAnswer(t: TestApp, body: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  const lean = await post(t, '/graphql', body, headers);
  const express = await post(t, '/graphql?', body, headers);
  expect(lean).toEqual(express);
  return lean;
}

const BEARER = { authorization: `Bearer ${OPERATOR_SECRET}` };
const query = (text: string) => JSON.stringify({ query: text });

describe('the lean POST path', () => {
  it('takes only plain JSON POSTs to /graphql of a declared length within the limit, without an Origin', () => {
    const decide = (method: string, url: string, headers: Record<string, string>) => takesLeanPost({ method, url, headers } as unknown as IncomingMessage, LIMITS.maxDocumentBytes);
    const json = { 'content-type': 'application/json', 'content-length': '20' };
    expect({
      plain: decide('POST', '/graphql', json),
      utf8: decide('POST', '/graphql', { ...json, 'content-type': 'application/json; charset=UTF-8' }),
      identity: decide('POST', '/graphql', { ...json, 'content-encoding': 'identity' }),
      get: decide('GET', '/graphql', json),
      queryString: decide('POST', '/graphql?', json),
      otherPath: decide('POST', '/graphql/', json),
      origin: decide('POST', '/graphql', { ...json, origin: 'https://seller.example.com' }),
      latin1: decide('POST', '/graphql', { ...json, 'content-type': 'application/json; charset=latin1' }),
      text: decide('POST', '/graphql', { ...json, 'content-type': 'text/plain' }),
      gzip: decide('POST', '/graphql', { ...json, 'content-encoding': 'gzip' }),
      chunked: decide('POST', '/graphql', { 'content-type': 'application/json' }),
      atLimit: decide('POST', '/graphql', { ...json, 'content-length': String(LIMITS.maxDocumentBytes) }),
      overLimit: decide('POST', '/graphql', { ...json, 'content-length': String(LIMITS.maxDocumentBytes + 1) }),
    }).toEqual({
      plain: true,
      utf8: true,
      identity: true,
      get: false,
      queryString: false,
      otherPath: false,
      origin: false,
      latin1: false,
      text: false,
      gzip: false,
      chunked: false,
      atLimit: true,
      overLimit: false,
    });
  });

  describe('answers as Express does', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { AUTH_FAILURES_PER_MINUTE: '3' } });
    });
    afterAll(() => t.close());

    it('a query, with and without a byte-order mark or leading whitespace, and as UTF-8 by name', async () => {
      const ok = await bothAnswer(t, query('{ viewer { role } }'), BEARER);
      expect([ok.status, ok.contentType, ok.cacheControl, ok.body]).toEqual([200, 'application/json; charset=utf-8', 'no-store', '{"data":{"viewer":{"role":"OPERATOR"}}}\n']);
      expect((await bothAnswer(t, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(query('{ viewer { role } }'))]), BEARER)).body).toBe(ok.body);
      expect((await bothAnswer(t, `\n\t ${query('{ viewer { role } }')}`, BEARER)).body).toBe(ok.body);
      expect((await bothAnswer(t, query('{ viewer { role } }'), { ...BEARER, 'content-type': 'application/json; charset=utf-8' })).body).toBe(ok.body);
    });

    it('bodies that are not a JSON object: malformed, a string, empty, a batch', async () => {
      const malformed = await bothAnswer(t, '{"query": ', BEARER);
      expect([malformed.status, JSON.parse(malformed.body).errors[0].message]).toEqual([400, 'The request body is not valid JSON']);
      expect((await bothAnswer(t, '"{ viewer { role } }"', BEARER)).status).toBe(400);
      expect((await bothAnswer(t, '\u00a0{}', BEARER)).status).toBe(400);
      expect((await bothAnswer(t, '', BEARER)).status).toBe(400);
      expect((await bothAnswer(t, `[${query('{ viewer { role } }')}]`, BEARER)).status).toBe(400);
    });

    it('refusals: no key, an unknown key, an over-long header, a document over its limits', async () => {
      expect((await bothAnswer(t, query('{ viewer { role } }'))).status).toBe(401);
      expect((await bothAnswer(t, query('{ carriers { code } }'))).status).toBe(200);
      expect((await bothAnswer(t, query('{ __typename }'), { authorization: `Bearer ${'x'.repeat(5000)}` })).status).toBe(431);
      const tokens = await bothAnswer(t, query(`{ ${'__typename '.repeat(LIMITS.maxDocumentBytes / 12)} }`), BEARER);
      expect(tokens.status).toBe(400);
    });

    it('an address over its failed key checks gets 429 with Retry-After on both paths', async () => {
      // AUTH_FAILURES_PER_MINUTE=3: the unknown-key checks above and these use up the address's budget.
      for (let attempt = 0; attempt < 3; attempt += 1) await post(t, '/graphql', query('{ __typename }'), { authorization: 'Bearer sk_unknown_key_0123456789' });
      const limited = await bothAnswer(t, query('{ __typename }'), { authorization: 'Bearer sk_unknown_key_0123456789' });
      expect([limited.status, Number(limited.retryAfter) >= 1, JSON.parse(limited.body).errors[0].extensions.code]).toEqual([429, true, 'RATE_LIMITED']);
    });
  });
});

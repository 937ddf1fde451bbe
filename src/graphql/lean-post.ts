import { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { Authentication, Authenticator } from '../auth/authentication';
import { Logger } from '../common/logger';
import { RequestContext } from '../context';
import { BodyErrorType, bodyErrorAnswer, refusalAnswer } from '../http-errors';

/**
 * The common request, `POST /graphql` with a JSON body from a client that is not a browser page
 * of another origin, served without Express: its router, body-parser (with content-type, type-is
 * and raw-body) and the Apollo integration cost ~20% of a `{ __typename }`'s CPU (issue 8). The
 * steps and answers are Express's exactly (server.ts): authentication before the body is read,
 * the same body limit and errors, the same context and Apollo call. Anything else — another method
 * or path, an `Origin` (CORS), a body that is not plain UTF-8 JSON of a declared length — goes to
 * Express. test/lean-post.test.ts sends each kind to both.
 */

const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/** Whether this path serves the request; false leaves it, untouched, to Express. */
export function takesLeanPost(req: IncomingMessage, bodyLimit: number): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql' || req.headers.origin !== undefined) return false;
  const type = req.headers['content-type'];
  if (type === undefined || !JSON_TYPES.has(type.toLowerCase())) return false;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const length = req.headers['content-length'];
  return length !== undefined && /^\d{1,9}$/.test(length) && Number(length) <= bodyLimit;
}

function send(res: ServerResponse, status: number, headers: Iterable<[string, string]>, body: string): void {
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

function sendAnswer(res: ServerResponse, answer: { status: number; headers?: Record<string, string>; body: unknown }): void {
  send(res, answer.status, [['content-type', 'application/json; charset=utf-8'], ...Object.entries(answer.headers ?? {})], JSON.stringify(answer.body));
}

/**
 * The body as body-parser's `json()` reads it (strict: an object or an array; empty: `{}`), or why
 * not; `aborted` when the client went away before sending all of it (nobody is left to answer).
 */
function readJson(req: IncomingMessage, declared: number): Promise<{ body: unknown } | { error: BodyErrorType } | { aborted: true }> {
  return new Promise((resolve) => {
    // Gone while its key was being checked: the stream is destroyed and would never end.
    if (req.destroyed) return resolve({ aborted: true });
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    });
    req.on('error', () => resolve({ aborted: true }));
    req.on('close', () => {
      if (!req.complete) resolve({ aborted: true });
    });
    req.on('end', () => {
      if (received !== declared) return resolve({ error: 'request.size.invalid' });
      // body-parser decodes through iconv-lite, which drops a byte-order mark.
      const text = Buffer.concat(chunks, received).toString('utf8').replace(/^\uFEFF/, '');
      if (text.length === 0) return resolve({ body: {} });
      const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(text)?.[1];
      if (first !== '{' && first !== '[') return resolve({ error: 'entity.parse.failed' });
      try {
        resolve({ body: JSON.parse(text) });
      } catch {
        resolve({ error: 'entity.parse.failed' });
      }
    });
  });
}

export function leanPostHandler(deps: {
  apollo: ApolloServer<RequestContext>;
  authenticator: Authenticator;
  bodyLimit: number;
  logger: Logger;
  /** The request context, as the Express route makes it (server.ts). */
  context: (body: unknown, authentication: Authentication) => Promise<RequestContext>;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { apollo, authenticator, bodyLimit, logger, context } = deps;
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const authentication = await authenticator.authenticate(req.headers.authorization, req.socket.remoteAddress ?? 'unknown');
    const refusal = refusalAnswer(authentication);
    if (refusal) return sendAnswer(res, refusal);
    const read = await readJson(req, Number(req.headers['content-length']));
    if ('aborted' in read) return void res.destroy();
    if ('error' in read) {
      logger.debug({ type: read.error, method: req.method, path: req.url }, 'HTTP request refused');
      return sendAnswer(res, bodyErrorAnswer(read.error, bodyLimit));
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: read.body },
      context: () => context(read.body, authentication),
    });
    // A query or mutation answers whole; Apollo streams only incremental delivery, which is off here.
    if (response.body.kind !== 'complete') throw new Error('Apollo answered a POST /graphql in chunks');
    send(res, response.status ?? 200, response.headers, response.body.string);
  };
  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      logger.error({ err: error, method: req.method, path: req.url }, 'unexpected error while handling an HTTP request');
      if (!res.headersSent) sendAnswer(res, { status: 500, body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } });
      else res.destroy();
    });
  };
}

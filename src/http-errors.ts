import { STATUS_CODES } from 'node:http';
import { ErrorRequestHandler, RequestHandler } from 'express';
import { Authentication, MAX_CREDENTIAL_LENGTH } from './auth/authentication';
import { Logger } from './common/logger';

/** An answer given before GraphQL runs: its status, extra headers and JSON body. */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** HTTP errors outside GraphQL answer in the GraphQL error shape too, so clients parse one format. */
function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** body-parser's error types (`error.type`) with what the client is told instead of the raw message. */
const BODY_ERRORS: Record<string, { message: (limit: string) => string; code: string }> = {
  'entity.parse.failed': { message: () => 'The request body is not valid JSON', code: 'BAD_REQUEST' },
  'entity.too.large': { message: (limit) => `The request body is larger than ${limit}`, code: 'PAYLOAD_TOO_LARGE' },
  'encoding.unsupported': { message: () => 'Unsupported content encoding; send identity, gzip, deflate or br', code: 'BAD_REQUEST' },
  'charset.unsupported': { message: () => 'Unsupported charset; send UTF-8', code: 'BAD_REQUEST' },
};

/** The body-parser error types the lean POST path (graphql/lean-post.ts) meets, each with body-parser's status. */
export type BodyErrorType = 'entity.parse.failed' | 'request.size.invalid';

/** A refused body's answer, as httpErrorHandler answers body-parser's error of that type. */
export function bodyErrorAnswer(type: BodyErrorType, limitBytes: number): HttpAnswer {
  return clientErrorAnswer(400, type, limitText(limitBytes));
}

/** The limit as the errors word it: "64 KiB". */
export function limitText(limitBytes: number): string {
  return `${limitBytes / 1024} KiB`;
}

function clientErrorAnswer(status: number, type: string | undefined, bodyLimit: string): HttpAnswer {
  const known = BODY_ERRORS[type ?? ''];
  return { status, body: errorBody(known?.message(bodyLimit) ?? STATUS_CODES[status] ?? 'Bad request', known?.code ?? 'BAD_REQUEST') };
}

/**
 * What a request is refused with before its body is read, by its Authorization header alone: an
 * over-long header, or an address over its failed-check budget; undefined for the rest.
 */
export function refusalAnswer(authentication: Authentication): HttpAnswer | undefined {
  if (authentication.kind === 'oversized') {
    return { status: 431, body: errorBody(`The Authorization header may be at most ${MAX_CREDENTIAL_LENGTH} characters: send \`Bearer <secret>\``, 'BAD_REQUEST') };
  }
  if (authentication.kind === 'rate-limited') {
    const { retryAfterSeconds } = authentication;
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: { errors: [{ message: `Too many failed key checks from your address; retry in ${retryAfterSeconds} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }] },
    };
  }
  return undefined;
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | undefined)?.status ?? (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

/** Unknown paths: 404 NOT_FOUND (the API is on /graphql). */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody('Not found; the GraphQL endpoint is /graphql', 'NOT_FOUND'));
};

/**
 * Replaces Express's default error page (HTML with the stack trace and the server's paths) for
 * every error a route or middleware passes on: a malformed or oversized body keeps its 4xx status;
 * anything else is a bug, logged with its stack and answered 500 without details.
 */
export function httpErrorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error); // too late for a body: Express closes the connection
      return;
    }
    const status = statusOf(error);
    if (status >= 500) {
      logger.error({ err: error, method: req.method, path: req.path }, 'unexpected error while handling an HTTP request');
      res.status(status).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      return;
    }
    logger.debug({ err: error, method: req.method, path: req.path }, 'HTTP request refused');
    const answer = clientErrorAnswer(status, (error as { type?: string }).type, bodyLimit);
    res.status(answer.status).json(answer.body);
  };
}

import { STATUS_CODES } from 'node:http';
import { ErrorRequestHandler, RequestHandler } from 'express';
import { Logger } from './common/logger';

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
    const known = BODY_ERRORS[(error as { type?: string }).type ?? ''];
    if (status >= 500) {
      logger.error({ err: error, method: req.method, path: req.path }, 'unexpected error while handling an HTTP request');
      res.status(status).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      return;
    }
    logger.debug({ err: error, method: req.method, path: req.path }, 'HTTP request refused');
    res.status(status).json(errorBody(known?.message(bodyLimit) ?? STATUS_CODES[status] ?? 'Bad request', known?.code ?? 'BAD_REQUEST'));
  };
}

import { IncomingMessage } from 'node:http';
import cors from 'cors';
import { RequestHandler } from 'express';

/**
 * Which browser pages on other origins may call the API (CORS_ORIGINS). Keys travel in the
 * Authorization header and in graphql-ws's connectionParams, never in cookies, so a foreign page
 * gains nothing it does not already hold; the list keeps unknown pages from using a visitor's
 * browser as a client all the same. Empty: same origin only (no CORS headers at all).
 */
export type CorsOrigins = readonly string[];

export const ANY_ORIGIN = '*';

/** The headers a client sends: the key, JSON, and Apollo's CSRF-prevention header for GET. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'apollo-require-preflight'];

function allows(origins: CorsOrigins, origin: string): boolean {
  return origins.includes(ANY_ORIGIN) || origins.includes(origin);
}

/** CORS for /graphql: GET and POST from the listed origins; preflights answer 204. */
export function corsMiddleware(origins: CorsOrigins): RequestHandler {
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allows(origins, origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}

/**
 * Whether a WebSocket upgrade may proceed: clients that send no Origin (servers, scripts) always;
 * browsers from the page's own origin or a listed one.
 */
export function webSocketOriginAllowed(origins: CorsOrigins, request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (allows(origins, origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

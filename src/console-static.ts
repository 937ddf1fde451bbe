import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { RequestHandler, Response, Router } from 'express';

/** The repository root, from src/ (tests) and dist/src/ (npm start) alike. */
function projectRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

/** Where `npm run build` writes the seller console (scripts/build-console.ts). */
export const CONSOLE_DIR = join(projectRoot(), 'dist', 'console');
export const CONSOLE_ASSETS_PATH = '/console/assets';

/**
 * A page may load scripts and styles from this server and talk to it (HTTP and WebSocket: CSP3's
 * 'self' covers ws: and wss: on the same host), nothing else; no page may frame it.
 */
function contentSecurityPolicy(styleSrc: string, fontSrc?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${styleSrc}`,
    "img-src 'self' data:",
    ...(fontSrc ? [`font-src ${fontSrc}`] : []),
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONSOLE_CSP = contentSecurityPolicy("'self'");

/** GraphiQL's editor (CodeMirror) sets inline styles, and its stylesheet embeds its fonts. */
export const GRAPHIQL_CSP = contentSecurityPolicy("'self' 'unsafe-inline'", "'self' data:");

/** A built page, revalidated on every visit (a deploy shows at once); 503 saying so when it is not built. */
function sendPage(res: Response, file: string, csp: string, missing: string): void {
  res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  res.sendFile(file, (error) => {
    if (error && !res.headersSent) res.status(503).type('text/plain').send(`${missing} is not built: run \`npm run build\` (npm start does).\n`);
  });
}

/**
 * The seller console at `/` and `/console/`: the page is revalidated on every visit, its assets carry
 * a content hash in their names and are cached for a year.
 */
export function consoleRoutes(dir = CONSOLE_DIR): Router {
  const router = Router();
  router.get(['/', '/console', '/console/'], (_req, res) => sendPage(res, join(dir, 'index.html'), CONSOLE_CSP, 'The seller console'));
  router.use(
    CONSOLE_ASSETS_PATH,
    express.static(join(dir, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.set('X-Content-Type-Options', 'nosniff'),
    }),
  );
  return router;
}

/**
 * GET /graphql from a browser (Accept prefers HTML, no `query` parameter) answers GraphiQL instead
 * of an error; everything else (GET queries, POST, WebSocket upgrades) goes on to the API. Mounted
 * outside production only.
 */
export function graphiqlPage(dir = CONSOLE_DIR): RequestHandler {
  return (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();
    sendPage(res, join(dir, 'graphiql.html'), GRAPHIQL_CSP, 'GraphiQL');
  };
}

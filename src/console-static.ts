import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { RequestHandler, Router } from 'express';

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
 * The console may load its own script and styles and talk to this server (HTTP and WebSocket:
 * CSP3's 'self' covers ws: and wss: on the same host), nothing else; no page may frame it.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The seller console at `/` and `/console/`: the page is revalidated on every visit (a deploy
 * shows at once), its assets carry a content hash in their names and are cached for a year.
 */
export function consoleRoutes(dir = CONSOLE_DIR): Router {
  const router = Router();
  router.get(['/', '/console', '/console/'], (_req, res) => {
    res.set({
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': CONSOLE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.sendFile(join(dir, 'index.html'), (error) => {
      if (error && !res.headersSent) {
        res.status(503).type('text/plain').send('The seller console is not built: run `npm run build` (npm start does).\n');
      }
    });
  });
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

/** GraphiQL's editor (CodeMirror) sets inline styles, and its stylesheet embeds its fonts. */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GET /graphql from a browser (Accept prefers HTML, no `query` parameter) answers GraphiQL instead
 * of an error; everything else (GET queries, POST, WebSocket upgrades) goes on to the API. Mounted
 * outside production only.
 */
export function graphiqlPage(dir = CONSOLE_DIR): RequestHandler {
  return (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();
    res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': GRAPHIQL_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    res.sendFile(join(dir, 'graphiql.html'), (error) => {
      if (error && !res.headersSent) res.status(503).type('text/plain').send('GraphiQL is not built: run `npm run build` (npm start does).\n');
    });
  };
}

import { dirname, join } from 'node:path';
import { Request, RequestHandler, Router } from 'express';

/**
 * GraphiQL for development, offline: every file comes from node_modules (graphiql's, React's and
 * graphql-ws's prebuilt browser builds), nothing from a CDN, so it works on a machine without the
 * internet. `GET /graphql` from a browser (Accept: text/html) gets the page; API clients asking for
 * JSON never see it. Not mounted in production (server.ts), where Apollo's own landing page is off too.
 *
 * The page has one field, "API key": the key is kept in sessionStorage (never in the URL) and sent as
 * `Authorization: Bearer …` on HTTP and in `connectionParams` on the WebSocket, so subscriptions run
 * over graphql-ws as in any client. A refused key (4403) is reported once instead of retried.
 */

const ASSETS_PATH = '/ide';

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The browser builds, by the name the page asks for. */
const VENDOR_FILES: Record<string, string> = {
  'react.production.min.js': join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphql-ws.min.js': join(packageDir('graphql-ws'), 'umd/graphql-ws.min.js'),
  'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};

const KEY_STORAGE = 'seller-order-api.graphiql.apiKey';

const DEFAULT_QUERY = `# Put your API key above (npm run seed prints some), then run:
query Dashboard {
  viewer {
    role
    dashboard { ordersAwaitingAcceptance ordersToShip unreadThreads openIncidents }
  }
}

# Subscriptions run over the WebSocket:
# subscription { orderChanged { reference state stateLabel version } }
`;

/** The page's own script, served as a file so the page needs no inline script (see the CSP below). */
const PAGE_SCRIPT = `'use strict';
(function () {
  var form = document.getElementById('api-key-form');
  var input = document.getElementById('api-key');
  var status = document.getElementById('api-key-status');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var wsClient = null;
  input.value = sessionStorage.getItem(${JSON.stringify(KEY_STORAGE)}) || '';

  function render() {
    var key = input.value.trim();
    if (key) sessionStorage.setItem(${JSON.stringify(KEY_STORAGE)}, key);
    else sessionStorage.removeItem(${JSON.stringify(KEY_STORAGE)});
    status.textContent = key ? '' : 'No key: queries answer UNAUTHENTICATED.';
    if (wsClient) wsClient.dispose();
    var authorization = key ? { authorization: 'Bearer ' + key } : {};
    wsClient = graphqlWs.createClient({
      url: location.origin.replace(/^http/, 'ws') + '/graphql',
      lazy: true,
      connectionParams: authorization,
      // 4403: the key was refused; retrying cannot help, so say it at once.
      shouldRetry: function (event) { return !(event && event.code === 4403); },
      on: { closed: function (event) { if (event && event.code === 4403) status.textContent = 'WebSocket: ' + (event.reason || 'the key was refused'); } }
    });
    var fetcher = GraphiQL.createFetcher({ url: location.origin + '/graphql', headers: authorization, wsClient: wsClient });
    // A new key is a new schema fetch: remount.
    root.render(React.createElement(GraphiQL, { key: key, fetcher: fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, shouldPersistHeaders: false }));
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); render(); });
  render();
})();
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · seller order API</title>
<link rel="stylesheet" href="${ASSETS_PATH}/graphiql.min.css">
<link rel="stylesheet" href="${ASSETS_PATH}/page.css">
</head>
<body>
<form id="api-key-form" class="api-key">
  <label for="api-key">API key</label>
  <input id="api-key" name="api-key" type="password" autocomplete="off" spellcheck="false" placeholder="sk_…" size="48">
  <button type="submit">Use this key</button>
  <span id="api-key-status" role="status"></span>
</form>
<div id="graphiql"></div>
<script src="${ASSETS_PATH}/react.production.min.js"></script>
<script src="${ASSETS_PATH}/react-dom.production.min.js"></script>
<script src="${ASSETS_PATH}/graphql-ws.min.js"></script>
<script src="${ASSETS_PATH}/graphiql.min.js"></script>
<script src="${ASSETS_PATH}/page.js"></script>
</body>
</html>
`;

const PAGE_CSS = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.api-key { display: flex; gap: 0.5rem; align-items: center; padding: 0.5rem 1rem; border-bottom: 1px solid #ddd; }
.api-key input { font-family: ui-monospace, monospace; }
#api-key-status { color: #a33; }
#graphiql { flex: 1; min-height: 0; }
`;

/**
 * GraphiQL's inline styles need 'unsafe-inline' for styles; scripts come only from this origin, and
 * the page talks only to it (HTTP and WebSocket).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
].join('; ');

/** A browser navigating to /graphql: a GET without a query that prefers HTML to JSON. */
export function wantsIde(req: Request): boolean {
  return req.method === 'GET' && req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';
}

/** `GET /graphql` for browsers (the page) and `/ide/*` (its files). Mount before the GraphQL endpoint. */
export function graphiqlRouter(): Router {
  const router = Router();
  const page: RequestHandler = (req, res, next) => {
    if (!wantsIde(req)) return next();
    res.set('content-security-policy', CONTENT_SECURITY_POLICY).set('cache-control', 'no-cache').type('html').send(PAGE);
  };
  router.get('/graphql', page);
  router.get(`${ASSETS_PATH}/page.js`, (_req, res) => {
    res.set('cache-control', 'no-cache').type('js').send(PAGE_SCRIPT);
  });
  router.get(`${ASSETS_PATH}/page.css`, (_req, res) => {
    res.set('cache-control', 'no-cache').type('css').send(PAGE_CSS);
  });
  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    router.get(`${ASSETS_PATH}/${name}`, (_req, res, next) => {
      // Versioned by package.json: a day of caching is safe between upgrades in development.
      res.sendFile(file, { maxAge: '1d' }, (error) => error && next(error));
    });
  }
  return router;
}

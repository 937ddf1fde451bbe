import { createServer, Server } from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { MikroORM } from '@mikro-orm/postgresql';
import express, { RequestHandler } from 'express';
import { ApiKeyCache } from './auth/api-key-cache';
import { Authentication, Authenticator } from './auth/authentication';
import { Config } from './config';
import { consoleRoutes, graphiqlPage } from './console-static';
import { RequestContext } from './context';
import { anonymousAccessPlugin } from './graphql/anonymous-access';
import { createFormatError } from './graphql/format-error';
import { corsMiddleware } from './graphql/cors';
import { LIMIT_RULES, LIMITS } from './graphql/limits';
import { documentLimitRefusal } from './graphql/document-limits';
import { operationGuardPlugin, withHttpStatus } from './graphql/operation-guard';
import { sqlAnswersPlugin } from './graphql/sql-answers';
import { ORDER_SQL_ROOTS, orderSqlFields } from './orders/order-sql';
import { Logger } from './common/logger';
import { httpErrorHandler, limitText, notFound, refusalAnswer } from './http-errors';
import { leanPostHandler, takesLeanPost } from './graphql/lean-post';
import { listenFailure } from './listen-address';
import { EventBus } from './live/event-bus';
import { attachWebSocketServer, LiveServer } from './live/websocket';
import { Metrics } from './metrics';
import { buildAppSchema } from './schema';

/**
 * Connections the kernel completes and queues until the server accepts them (capped by
 * net.core.somaxconn). Node's default of 511 drops the excess when every tab of a deploy reconnects
 * at once while the event loop is busy, and each dropped client waits out a SYN retry (1 s, 3 s, ...).
 */
export const LISTEN_BACKLOG = 4096;

export interface AppServer {
  httpServer: Server;
  /** The port actually bound (useful with port 0 in tests). */
  listen(port: number, host: string): Promise<number>;
  live: LiveServer;
  /** /readyz answers 503 from now on; sockets close with 1001, in-flight requests finish, then everything closes. */
  stop(): Promise<void>;
}

/**
 * Checks the Authorization header before the body is even parsed: an over-long header and an
 * address over its failed-check budget are refused here, at no cost; the outcome goes to the context.
 */
function authenticateRequests(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    const authentication = await authenticator.authenticate(req.headers.authorization, req.socket.remoteAddress ?? 'unknown');
    const refusal = refusalAnswer(authentication);
    if (refusal) {
      res.set(refusal.headers ?? {});
      res.status(refusal.status).json(refusal.body);
      return;
    }
    res.locals.authentication = authentication;
    next();
  };
}

/**
 * Answers are per viewer: no cache may keep them. This is the header Apollo's cache-control plugin
 * wrote (no field has a cache hint), without that plugin's hook on every resolved field (~3% of a
 * page read's CPU), which ApolloServerPluginCacheControlDisabled turns off.
 */
function noStorePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const stopTimer = metrics.operationSeconds.startTimer();
      return {
        async willSendResponse({ operation, errors }) {
          const type = operation?.operation ?? 'unknown';
          stopTimer({ type });
          metrics.operations.inc({ type, outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}

export async function createAppServer(deps: {
  orm: MikroORM;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  bus: EventBus;
  connectionInitWaitTimeoutMs?: number;
}): Promise<AppServer> {
  const { orm, config, logger, metrics, bus } = deps;
  const app = express();
  // POST /graphql with a plain JSON body skips Express (graphql/lean-post.ts); the rest is Express's.
  let leanPost: ReturnType<typeof leanPostHandler> | undefined;
  const httpServer = createServer((req, res) => {
    if (leanPost && takesLeanPost(req, LIMITS.maxDocumentBytes)) leanPost(req, res);
    else app(req, res);
  });
  let state: 'starting' | 'ready' | 'draining' = 'starting';
  const production = config.nodeEnv === 'production';

  const schema = buildAppSchema();
  const apiKeys = new ApiKeyCache(orm.em, bus);
  const authenticator = new Authenticator(apiKeys, config.limits.failedKeyChecksPerMinute);
  const live = attachWebSocketServer({
    httpServer,
    schema,
    orm,
    config,
    bus,
    authenticator,
    metrics,
    logger,
    connectionInitWaitTimeoutMs: deps.connectionInitWaitTimeoutMs,
  });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    validationRules: LIMIT_RULES,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    // main.ts drains on SIGTERM in order (readiness, sockets, HTTP, database); Apollo must not race it.
    stopOnTerminationSignals: false,
    // Apollo's landing page loads its Sandbox from the internet; browsers get GraphiQL from this server instead.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      anonymousAccessPlugin(),
      operationGuardPlugin(),
      metricsPlugin(metrics),
      ...(config.sqlAnswers ? [sqlAnswersPlugin({ fields: orderSqlFields(schema, orm.getMetadata()), roots: ORDER_SQL_ROOTS }, { em: orm.em, metrics, logger })] : []),
    ],
  });
  await apollo.start();

  /** A request's context, for the Express route and the lean POST path alike. */
  const contextOf = async (query: unknown, authentication: Authentication): Promise<RequestContext> => {
    // Tokens and repeated fields are bounded before Apollo parses and validates the document
    // (validation is quadratic in repeats); Apollo answers what the context throws with its status.
    const refusal = documentLimitRefusal(query);
    if (refusal) throw withHttpStatus(refusal, 400);
    const viewer = authentication.kind === 'viewer' ? authentication.viewer : null;
    return new RequestContext(orm.em, config, viewer, apiKeys, authentication.kind === 'rejected');
  };
  leanPost = leanPostHandler({
    apollo,
    authenticator,
    bodyLimit: LIMITS.maxDocumentBytes,
    logger,
    context: (body, authentication) => contextOf((body as { query?: unknown } | null)?.query, authentication),
  });

  app.disable('x-powered-by');
  // Answers are `no-store` (noStorePlugin): an ETag, a hash of every answer's body, would serve no cache.
  app.disable('etag');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (state !== 'ready') {
      res.status(503).json({ status: state });
      return;
    }
    const live = bus.health();
    if (!live.healthy) {
      // Requests would still work, but live delivery is stalled until the bus has reconnected.
      res.status(503).json({ status: 'degraded', reason: live.reason });
      return;
    }
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check: database does not answer');
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // An IDE for developers (the schema is introspectable outside production only, too).
  if (!production) app.get('/graphql', graphiqlPage());
  // Before authentication: a preflight carries no key and is answered here.
  app.use('/graphql', corsMiddleware(config.corsOrigins));
  app.use(
    '/graphql',
    authenticateRequests(authenticator),
    express.json({ limit: LIMITS.maxDocumentBytes }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextOf(req.method === 'GET' ? req.query.query : req.body?.query, res.locals.authentication as Authentication),
    }),
  );
  // The seller console (src/console), static; it calls /graphql like any other client.
  app.use(consoleRoutes());
  app.use(notFound);
  app.use(httpErrorHandler(logger, limitText(LIMITS.maxDocumentBytes)));

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', (error) => reject(listenFailure(error, host, port)));
        httpServer.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          state = 'ready';
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    live,
    stop: async () => {
      state = 'draining';
      await live.close();
      await apollo.stop();
      apiKeys.detach();
    },
  };
}

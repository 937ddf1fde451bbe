import { createServer, Server } from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { viewerForSecret } from './auth/api-key.service';
import { Config } from './config';
import { AppContext, createContext } from './context';
import { anonymousAccessPlugin } from './graphql/anonymous-access';
import { createFormatError } from './graphql/format-error';
import { LIMIT_RULES, LIMITS } from './graphql/limits';
import { Logger } from './common/logger';
import { EventBus } from './live/event-bus';
import { attachWebSocketServer, LiveServer } from './live/websocket';
import { Metrics } from './metrics';
import { buildAppSchema } from './schema';

type RequestContext = AppContext & { credentialsRejected: boolean };

export interface AppServer {
  httpServer: Server;
  /** The port actually bound (useful with port 0 in tests). */
  listen(port: number, host: string): Promise<number>;
  live: LiveServer;
  /** /readyz answers 503 from now on; sockets close with 1001, in-flight requests finish, then everything closes. */
  stop(): Promise<void>;
}

function bearerSecret(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1];
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
  const httpServer = createServer(app);
  let state: 'starting' | 'ready' | 'draining' = 'starting';
  const production = config.nodeEnv === 'production';

  const schema = buildAppSchema();
  const live = attachWebSocketServer({
    httpServer,
    schema,
    orm,
    config,
    bus,
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
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), anonymousAccessPlugin(), metricsPlugin(metrics)],
  });
  await apollo.start();

  app.disable('x-powered-by');
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
  app.use(
    '/graphql',
    express.json({ limit: LIMITS.maxDocumentBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const secret = bearerSecret(req.headers.authorization);
        const viewer = secret ? await viewerForSecret(orm.em.fork(), secret) : null;
        return { ...createContext(orm.em, config, viewer), credentialsRejected: Boolean(req.headers.authorization) && !viewer };
      },
    }),
  );

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
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
    },
  };
}

import { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { handleProtocols } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import { validKeyUuids } from '../auth/api-key.service';
import { Authenticator, MAX_CREDENTIAL_LENGTH } from '../auth/authentication';
import { Viewer } from '../auth/viewer';
import { Config } from '../config';
import { AppContext, createContext } from '../context';
import { DashboardFeeds } from '../dashboard/dashboard-feeds';
import { apiError } from '../common/errors';
import { Logger } from '../common/logger';
import { createWebSocketErrorFormatting } from '../graphql/format-error';
import { webSocketOriginAllowed } from '../graphql/cors';
import { LIMITS, webSocketValidationRules } from '../graphql/limits';
import { webSocketOperationPreparer } from '../graphql/operation-guard';
import { Metrics } from '../metrics';
import { EventBus } from './event-bus';
import { isAsyncIterable, SubscriptionFanOut } from './fan-out';
import { LiveContext } from './live-feeds';
import { serveGraphQLOverWebSocket, SocketExtra } from './socket-transport';

/** graphql-ws's code for a refused connection_init; also used when a key is revoked. */
const CLOSE_FORBIDDEN = 4403;
/** graphql-ws's "bad request": the client must change what it sends (here: an over-long key). */
const CLOSE_BAD_REQUEST = 4400;
/** Too many failed key checks from the address, or too many open sockets for the key. */
const CLOSE_TOO_MANY = 4429;
const CLOSE_GOING_AWAY = 1001;
/** RFC 6455 "try again later": a revocation check could not be made; reconnecting re-checks the key. */
const CLOSE_TRY_AGAIN_LATER = 1013;
/** Each subscription is fanned every event; one socket may not hold the server hostage. */
const MAX_OPERATIONS_PER_SOCKET = 50;

type LiveSocketExtra = SocketExtra & {
  viewer?: Viewer;
  /** The key's secret hash, so every operation re-checks the key (from the key cache). */
  secretHash?: string;
};

export interface LiveServer {
  connectionCount(): number;
  /** Closes every socket with 1001 so clients resume elsewhere with their cursor. */
  close(): Promise<void>;
}

/**
 * GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's port and `/graphql` path.
 * The key is checked in connection_init and again for every operation; operations pass the same
 * limit rules as over HTTP. Sockets of a revoked key are closed with 4403: at once when the
 * revocation's NOTIFY arrives, and after any gap in the LISTEN connection (when a NOTIFY may have
 * been lost) every open socket's key is checked again.
 */
export function attachWebSocketServer(deps: {
  httpServer: Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  config: Config;
  bus: EventBus;
  authenticator: Authenticator;
  metrics: Metrics;
  logger: Logger;
  connectionInitWaitTimeoutMs?: number;
}): LiveServer {
  const { httpServer, schema, orm, config, bus, authenticator, metrics, logger } = deps;
  // noServer: attached to the HTTP server, ws re-emits that server's own errors (a port in use) as
  // "Internal error emitted on the WebSocket server"; listen() reports those.
  const wss = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: LIMITS.maxDocumentBytes, handleProtocols });
  httpServer.on('upgrade', (request, socket, head) => {
    if (!wss.shouldHandle(request)) return void socket.destroy();
    if (!webSocketOriginAllowed(config.corsOrigins, request)) {
      // A browser page of an origin CORS_ORIGINS does not list: refused before the handshake.
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  const socketsByKey = new Map<string, Set<WebSocket>>();
  // The HTTP hardening, applied here too: Apollo's options and plugins do not see WebSocket traffic.
  const production = config.nodeEnv === 'production';
  const prepareOperation = webSocketOperationPreparer(schema, webSocketValidationRules(production), () => metrics.webSocketDocumentValidations.inc());
  const errorFormatting = createWebSocketErrorFormatting(logger, production);
  const dashboards = new DashboardFeeds({ em: orm.em, bus, onRecount: () => metrics.dashboardRecounts.inc() });
  const liveContext = (viewer: Viewer | null): LiveContext => ({ ...createContext(orm.em, config, viewer, authenticator.keys), bus, dashboards });
  /**
   * An operation's own context, held as long as its subscription lives (by its feed and by
   * graphql-ws): its EntityManager and loaders are made on first use, which most subscriptions never
   * make (their executions get a fresh context each, `liveContext`), so an idle subscription holds
   * no unit of work or identity map of its own.
   */
  const operationContext = (viewer: Viewer | null): LiveContext => {
    let made: AppContext | undefined;
    const app = () => (made ??= createContext(orm.em, config, viewer, authenticator.keys));
    return {
      viewer,
      config,
      apiKeys: authenticator.keys,
      bus,
      dashboards,
      get em() {
        return app().em;
      },
      get loaders() {
        return app().loaders;
      },
    };
  };
  const fanOut = new SubscriptionFanOut({
    contextFor: liveContext,
    format: (result) => errorFormatting.result(result),
    onExecution: () => metrics.liveExecutions.inc(),
  });

  const refuse = (socket: WebSocket, code: number, reason: string, metric: string) => {
    metrics.socketCloses.inc({ reason: metric });
    socket.close(code, reason);
  };
  const closeRevoked = (socket: WebSocket) => refuse(socket, CLOSE_FORBIDDEN, 'API key revoked', 'key_revoked');

  const revoke = (apiKeyUuid: string) => {
    for (const socket of socketsByKey.get(apiKeyUuid) ?? []) closeRevoked(socket);
  };
  const recheckOpenSockets = async () => {
    try {
      const valid = await validKeyUuids(orm.em.fork(), [...socketsByKey.keys()]);
      for (const [apiKeyUuid, sockets] of socketsByKey) {
        if (!valid.has(apiKeyUuid)) for (const socket of sockets) closeRevoked(socket);
      }
    } catch (error) {
      // Unverified sockets may belong to revoked keys: they reconnect, and connecting checks the key.
      logger.error({ err: error }, 'could not re-check the keys of open sockets; closing them');
      for (const socket of wss.clients) socket.close(CLOSE_TRY_AGAIN_LATER, 'Please reconnect');
    }
  };
  const onBusReconnect = () => void recheckOpenSockets();
  bus.revocationListeners.add(revoke);
  bus.reconnectListeners.add(onBusReconnect);

  serveGraphQLOverWebSocket<LiveSocketExtra>(
    wss,
    {
      schema,
      connectionInitWaitTimeout: deps.connectionInitWaitTimeoutMs ?? 3_000,
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already reserved this operation's id in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_SOCKET) {
          const message = `At most ${MAX_OPERATIONS_PER_SOCKET} operations at once per connection; complete some or open another connection`;
          return [new GraphQLError(message, { extensions: { code: 'RATE_LIMITED' } })];
        }
        // A known key is answered by the key cache, without a database round trip.
        const viewer = ctx.extra.secretHash ? await authenticator.keys.viewerFor(ctx.extra.secretHash) : null;
        if (!viewer) {
          closeRevoked(ctx.extra.socket);
          return [apiError('UNAUTHENTICATED', 'The API key is unknown or revoked')];
        }
        // Parsed, validated and judged (limits with variables, input) as over HTTP; replaces graphql-ws's own parse and validate.
        return prepareOperation(payload);
      },
      onError: (_ctx, _id, _payload, errors) => errorFormatting.requestErrors(errors),
      // Queries and mutations; a subscription's results are formatted once per group by the fan-out.
      onNext: (_ctx, _id, _payload, _args, result) => errorFormatting.result(result),
      subscribe: fanOut.subscribe,
      // A subscription's source stream, delivered through the fan-out instead of graphql-ws's per-result loop.
      onOperation: (ctx, id, payload, args, result) =>
        isAsyncIterable(result) ? fanOut.deliver(result, { id, query: payload.query, args, send: ctx.extra.send }) : undefined,
      onConnect: async (ctx) => {
        const { socket, address } = ctx.extra;
        const authentication = await authenticator.authenticate(ctx.connectionParams?.authorization, address);
        if (authentication.kind === 'rate-limited') {
          const reason = `Too many failed key checks from your address; retry in ${authentication.retryAfterSeconds} s`;
          refuse(socket, CLOSE_TOO_MANY, reason, 'failed_key_checks');
          return false;
        }
        if (authentication.kind === 'oversized') {
          socket.close(CLOSE_BAD_REQUEST, `authorization may be at most ${MAX_CREDENTIAL_LENGTH} characters`);
          return false;
        }
        // graphql-ws's own refusal is a bare "Forbidden": say what is wrong, so a client can report it.
        if (authentication.kind === 'anonymous') {
          socket.close(CLOSE_FORBIDDEN, 'No API key: send connectionParams { authorization: "Bearer <secret>" }');
          return false;
        }
        if (authentication.kind === 'rejected') {
          socket.close(CLOSE_FORBIDDEN, 'The API key is malformed, unknown or revoked');
          return false;
        }
        const { viewer, secretHash } = authentication;
        const sockets = socketsByKey.get(viewer.apiKeyUuid) ?? new Set();
        if (sockets.size >= config.limits.socketsPerKey) {
          const reason = `This key already has ${config.limits.socketsPerKey} open connections, the most allowed; close one first`;
          refuse(socket, CLOSE_TOO_MANY, reason, 'sockets_per_key');
          return false;
        }
        ctx.extra.viewer = viewer;
        ctx.extra.secretHash = secretHash;
        sockets.add(socket);
        socketsByKey.set(viewer.apiKeyUuid, sockets);
        return true;
      },
      onClose: (ctx) => {
        const viewer = ctx.extra.viewer;
        if (!viewer) return;
        socketsByKey.get(viewer.apiKeyUuid)?.delete(ctx.extra.socket);
        if (socketsByKey.get(viewer.apiKeyUuid)?.size === 0) socketsByKey.delete(viewer.apiKeyUuid);
      },
      context: (ctx) => operationContext(ctx.extra.viewer ?? null),
    },
    {
      logger,
      socketBufferBytes: config.limits.socketBufferBytes,
      extra: (base) => base,
      onSlowConsumer: () => metrics.socketCloses.inc({ reason: 'slow_consumer' }),
    },
  );

  wss.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));

  return {
    connectionCount: () => wss.clients.size,
    close: async () => {
      bus.revocationListeners.delete(revoke);
      bus.reconnectListeners.delete(onBusReconnect);
      for (const socket of wss.clients) socket.close(CLOSE_GOING_AWAY, 'Server is shutting down; resume with your cursor');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

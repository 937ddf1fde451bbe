import { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { viewerForSecret } from '../auth/api-key.service';
import { Viewer } from '../auth/viewer';
import { Config } from '../config';
import { createContext } from '../context';
import { Logger } from '../common/logger';
import { createWebSocketErrorFormatting } from '../graphql/format-error';
import { LIMITS, webSocketValidationRules } from '../graphql/limits';
import { webSocketOperationPreparer } from '../graphql/operation-guard';
import { EventBus } from './event-bus';
import { LiveContext } from './live-feeds';

/** graphql-ws's code for a refused connection_init; also used when a key is revoked. */
const CLOSE_FORBIDDEN = 4403;
const CLOSE_GOING_AWAY = 1001;
/** Each subscription is fanned every event; one socket may not hold the server hostage. */
const MAX_OPERATIONS_PER_SOCKET = 50;

type SocketExtra = {
  socket: WebSocket;
  viewer?: Viewer;
};

function bearer(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^Bearer\s+(\S+)$/i.exec(value.trim())?.[1];
}

export interface LiveServer {
  connectionCount(): number;
  /** Closes every socket with 1001 so clients resume elsewhere with their cursor. */
  close(): Promise<void>;
}

/**
 * GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's port and `/graphql` path.
 * The key is checked in connection_init; operations pass the same limit rules as over HTTP.
 */
export function attachWebSocketServer(deps: {
  httpServer: Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  config: Config;
  bus: EventBus;
  logger: Logger;
  connectionInitWaitTimeoutMs?: number;
}): LiveServer {
  const { httpServer, schema, orm, config, bus, logger } = deps;
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: LIMITS.maxDocumentBytes });
  const socketsByKey = new Map<string, Set<WebSocket>>();
  // The HTTP hardening, applied here too: Apollo's options and plugins do not see WebSocket traffic.
  const production = config.nodeEnv === 'production';
  const prepareOperation = webSocketOperationPreparer(schema, webSocketValidationRules(production));
  const errorFormatting = createWebSocketErrorFormatting(logger, production);

  const revoke = (apiKeyUuid: string) => {
    for (const socket of socketsByKey.get(apiKeyUuid) ?? []) socket.close(CLOSE_FORBIDDEN, 'API key revoked');
  };
  bus.revocationListeners.add(revoke);

  const disposable = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      connectionInitWaitTimeout: deps.connectionInitWaitTimeoutMs ?? 3_000,
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already reserved this operation's id in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_SOCKET) {
          const message = `At most ${MAX_OPERATIONS_PER_SOCKET} operations at once per connection; complete some or open another connection`;
          return [new GraphQLError(message, { extensions: { code: 'RATE_LIMITED' } })];
        }
        // Parsed, validated and judged (limits with variables, input) as over HTTP; replaces graphql-ws's own parse and validate.
        return prepareOperation(payload);
      },
      onError: (_ctx, _id, _payload, errors) => errorFormatting.requestErrors(errors),
      onNext: (_ctx, _id, _payload, _args, result) => errorFormatting.result(result),
      onConnect: async (ctx) => {
        const secret = bearer(ctx.connectionParams?.authorization);
        const viewer = secret ? await viewerForSecret(orm.em.fork(), secret) : null;
        if (!viewer) return false; // graphql-ws closes with 4403 Forbidden
        ctx.extra.viewer = viewer;
        const sockets = socketsByKey.get(viewer.apiKeyUuid) ?? new Set();
        sockets.add(ctx.extra.socket);
        socketsByKey.set(viewer.apiKeyUuid, sockets);
        return true;
      },
      onClose: (ctx) => {
        const viewer = ctx.extra.viewer;
        if (!viewer) return;
        socketsByKey.get(viewer.apiKeyUuid)?.delete(ctx.extra.socket);
        if (socketsByKey.get(viewer.apiKeyUuid)?.size === 0) socketsByKey.delete(viewer.apiKeyUuid);
      },
      context: (ctx): LiveContext => ({ ...createContext(orm.em, config, ctx.extra.viewer ?? null), bus }),
    },
    wss,
  );

  wss.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));

  return {
    connectionCount: () => wss.clients.size,
    close: async () => {
      bus.revocationListeners.delete(revoke);
      for (const socket of wss.clients) socket.close(CLOSE_GOING_AWAY, 'Server is shutting down; resume with your cursor');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

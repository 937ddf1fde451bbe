import { IncomingMessage } from 'node:http';
import { CloseCode, makeServer, ServerOptions } from 'graphql-ws';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { Logger } from '../common/logger';

/** RFC 6455 "message too big": a connection_init over MAX_CONNECTION_INIT_BYTES (ws uses it for any message over its maxPayload). */
export const CLOSE_MESSAGE_TOO_BIG = 1009;
/** More than `socketBufferBytes` waited unread when another frame came; the client reconnects and resumes `events` with its last cursor. */
export const CLOSE_SLOW_CONSUMER = 4008;
/** Before the acknowledgement a client only sends connection_init (its key) and pings; anything bigger is refused unparsed. */
export const MAX_CONNECTION_INIT_BYTES = 4 * 1024;
/** As graphql-ws's own ws binding: ping this often, and drop a socket whose pong does not come within as long. */
const KEEPALIVE_MS = 12_000;

export interface SocketExtra {
  socket: WebSocket;
  /** The client's address (for the failed-key-check limit); the upgrade request itself is not kept for the socket's life. */
  address: string;
  /**
   * Puts a frame on the socket as graphql-ws's own sends do, within the same limits: for frames
   * built outside graphql-ws (the fan-out's shared payloads, fan-out.ts).
   */
  send(frame: string): void;
}

function addressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((total, chunk) => total + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/**
 * graphql-ws's server on `ws` sockets: what graphql-ws/use/ws does, plus the transport's own limits,
 * which that binding has no place for.
 *
 * Sends do not wait for the client to read. graphql-ws awaits every send before it takes a
 * subscription's next event, so with a client that never reads, each subscription's events would
 * pile up, unbounded in number, behind a blocked write. Here every frame goes straight into the
 * socket's buffer, whose size (`bufferedAmount`) is the one measure of what a client has left
 * unread: past `socketBufferBytes` it is closed with CLOSE_SLOW_CONSUMER and its operations end.
 */
export function serveGraphQLOverWebSocket<E extends SocketExtra>(
  wss: WebSocketServer,
  options: ServerOptions<Record<string, unknown> | undefined, E>,
  deps: { logger: Logger; socketBufferBytes: number; extra: (base: SocketExtra) => E; onSlowConsumer: () => void },
): void {
  const acknowledged = new WeakSet<WebSocket>();
  const initWaitMs = options.connectionInitWaitTimeout ?? 3_000;
  const server = makeServer<Record<string, unknown> | undefined, E>({
    ...options,
    // Timed here instead (see `initWait` below), so a busy server does not blame its clients.
    connectionInitWaitTimeout: 0,
    onConnect: async (ctx) => {
      const answer = await options.onConnect?.(ctx);
      if (answer !== false) acknowledged.add(ctx.extra.socket);
      return answer;
    },
  });
  const closeGenerically = (socket: WebSocket) => {
    // The details stay in the log: a close reason reaches the client.
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  };
  const internalError = (socket: WebSocket, error: unknown, what: string) => {
    deps.logger.error({ err: error }, what);
    closeGenerically(socket);
  };
  // One callback for every frame, not a closure per frame.
  const reportSendFailure = (error?: Error) => {
    if (error) deps.logger.debug({ err: error }, 'WebSocket send failed');
  };

  wss.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      // ws reports what a client got wrong in its frames here (and has closed the socket itself).
      deps.logger.warn({ err: error }, 'WebSocket protocol error');
      closeGenerically(socket);
    });
    let released = false;
    let closed: (code: number, reason: string) => Promise<void> = async () => undefined;
    // Ends the socket's operations at once (a slow consumer's close handshake may take 30 s), once.
    const release = (code: number, reason: string) => {
      if (released) return;
      released = true;
      closed(code, reason).catch((error) => deps.logger.error({ err: error }, 'closing a WebSocket connection failed'));
    };

    // connection_init must come within initWaitMs, as graphql-ws's own timer would check. But when the
    // timer fires late because this process was busy (a reconnect storm), a connection_init may be
    // waiting unread in the socket: the check runs after the next poll for I/O (setImmediate), which
    // reads it first, so only a client that really sent nothing is closed.
    let heard = false;
    const initWait =
      initWaitMs > 0 && Number.isFinite(initWaitMs)
        ? setTimeout(
            () =>
              setImmediate(() => {
                if (!heard && socket.readyState === WebSocket.OPEN) socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
              }),
            initWaitMs,
          )
        : undefined;

    let pongWait: NodeJS.Timeout | undefined;
    const keepAlive = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEPALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEPALIVE_MS);

    const send = (frame: string) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      // What is already waiting, not this frame: one large answer alone never trips the cap.
      if (socket.bufferedAmount > deps.socketBufferBytes) {
        const reason = 'Slow consumer: too much unread data; reconnect and resume with your last cursor';
        deps.onSlowConsumer();
        socket.close(CLOSE_SLOW_CONSUMER, reason);
        release(CLOSE_SLOW_CONSUMER, reason);
        return;
      }
      socket.send(frame, reportSendFailure);
    };

    closed = server.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            heard = true;
            if (!acknowledged.has(socket) && byteLength(data) > MAX_CONNECTION_INIT_BYTES) {
              socket.close(CLOSE_MESSAGE_TOO_BIG, `connection_init may be at most ${MAX_CONNECTION_INIT_BYTES} bytes`);
              return;
            }
            try {
              await handle(String(data));
            } catch (error) {
              internalError(socket, error, 'handling a WebSocket message failed');
            }
          }),
      },
      deps.extra({ socket, address: addressOf(request), send }),
    );

    socket.once('close', (code, reason) => {
      clearTimeout(initWait);
      clearInterval(keepAlive);
      clearTimeout(pongWait);
      release(code, String(reason));
    });
  });
}

import { WebSocketServer } from 'ws';
import { serveHelperRequests } from './processes';
import { SUBSCRIPTIONS } from './operations';

/**
 * The fan-out floor (its own process): a bare `ws` server that pushes each message to every
 * connected socket as one frame serialized once — what any server must do to deliver an event,
 * and nothing more. The frames look like the server's graphql-ws `next` frames for messageAdded.
 *   env: BENCH_PORT
 */
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.BENCH_PORT), perMessageDeflate: false });
let sent = 0;

serveHelperRequests({
  listening: () => new Promise<void>((resolve) => (server.address() ? resolve() : server.once('listening', () => resolve()))),
  /** Pushes `count` messages to every socket; answers their ids. */
  send({ count }: { count: number }): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = `floor-${++sent}`;
      const message = { id, createdAt: new Date().toISOString() };
      const frame = Buffer.from(JSON.stringify({ id: SUBSCRIPTIONS.messageAdded.id, type: 'next', payload: { data: { messageAdded: message } } }));
      for (const socket of server.clients) socket.send(frame, { binary: false });
      ids.push(id);
    }
    return ids;
  },
});

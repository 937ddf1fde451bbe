import { WebSocketServer } from 'ws';

/**
 * The fan-out floor: a bare `ws` server (a child process of the subscription benchmark) that pushes
 * one pre-serialized frame to every connected client. Nothing here parses, executes or formats, so
 * the time to its last delivery and its CPU per delivery are what the transport alone costs on
 * this machine. Driven over IPC: `push` sends the frame to all clients; `cpu` answers the
 * process's CPU time so far (microseconds), read before and after a push as for the real server.
 */
type Command = { type: 'push'; frame: string } | { type: 'cpu' } | { type: 'count' };

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, backlog: 4096 });
wss.on('listening', () => {
  const address = wss.address();
  process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (command: Command) => {
  if (command.type === 'push') {
    for (const client of wss.clients) client.send(command.frame);
    process.send!({ type: 'pushed', clients: wss.clients.size });
  } else if (command.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'cpu', micros: user + system });
  } else if (command.type === 'count') {
    process.send!({ type: 'count', clients: wss.clients.size });
  }
});
process.on('disconnect', () => process.exit(0));

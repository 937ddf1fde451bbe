import { AddressInfo, createServer, Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of the test PostgreSQL, for the network faults a test needs:
 * `freeze` stops forwarding on the connections whose startup packet matches, in both directions,
 * without closing them (a hung peer: no answer, no FIN, no error), as a stalled network path would.
 */
export interface TcpProxy {
  port: number;
  /** Freezes the open connections whose first packet from the client contains `marker`; returns how many. */
  freeze(marker: string): number;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
  startup: Buffer;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const links = new Set<Link>();
  const server = createServer((client) => {
    const upstream = new Socket();
    const link: Link = { client, upstream, startup: Buffer.alloc(0) };
    links.add(link);
    client.once('data', (first: Buffer) => {
      link.startup = first;
    });
    upstream.connect(targetPort, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze(marker) {
      let frozen = 0;
      for (const link of links) {
        if (!link.startup.includes(marker)) continue;
        // Whatever either side sends from now on is swallowed; the sockets stay open and keep
        // reading, so the proxy still notices when one side finally closes.
        link.client.unpipe(link.upstream);
        link.upstream.unpipe(link.client);
        link.client.on('data', () => undefined).resume(); // unpipe paused them
        link.upstream.on('data', () => undefined).resume();
        frozen += 1;
      }
      return frozen;
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

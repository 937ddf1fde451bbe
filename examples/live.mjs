// examples/live.mjs — SELLER_KEY=sk_… node examples/live.mjs (API_URL=ws://host:port/graphql for another server)
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

// graphql-ws retries a closed connection (five times by default, waiting longer each time), which
// suits a restart (1001) or a network drop; a refused key (4403) or an oversized one (4400) would
// only be refused again, so those stop the client at once.
const FATAL_CLOSE_CODES = [4400, 4403];

const client = createClient({
  url: process.env.API_URL ?? 'ws://127.0.0.1:4000/graphql',
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${process.env.SELLER_KEY}` },
  shouldRetry: (closeEvent) => !FATAL_CLOSE_CODES.includes(closeEvent?.code),
});
try {
  for await (const result of client.iterate({ query: 'subscription { orderChanged { reference state stateLabel } }' })) {
    console.log(JSON.stringify(result)); // {"data":{"orderChanged":{"reference":"202611270472916385-A","state":"WAITING_ACCEPTANCE","stateLabel":"Przyjęcie w toku"}}}
  }
} catch (error) {
  // How the connection ended, e.g. "4403 The API key is malformed, unknown or revoked", or 1006 when
  // the server stayed out of reach through every retry.
  console.error(`stopped: ${error.code ?? ''} ${error.reason ?? error.message}`);
  process.exitCode = 1;
} finally {
  await client.dispose();
}

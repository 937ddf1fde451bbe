import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { createLiveClient } from '../examples/live-client';
import { startTestApp, TestApp } from './support/app';
import { subscriptionsActive, wsUrl } from './support/live';
import { createMarket, Market, placeOrder } from './support/market';
import { rawSocket } from './support/raw-socket';

/** The README's WebSocket snippet (examples/live.mjs), run as it is, and the refusals it reports. */
let t: TestApp;
let market: Market;
let upgrades = 0;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  t.app.server.httpServer.on('upgrade', () => (upgrades += 1));
});
afterAll(() => t.close());

const SNIPPET = join(__dirname, '..', 'examples', 'live.mjs');

function runSnippet(sellerKey: string): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [SNIPPET], {
    env: { ...process.env, SELLER_KEY: sellerKey, API_URL: wsUrl(t) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  return { child, stderr: () => stderr };
}

describe('refusing a connection_init', () => {
  it('closes with 4403 and a reason saying the key is missing when connection_init carries none', async () => {
    const { send, closed } = await rawSocket(t);
    send({ type: 'connection_init' });
    expect(await closed).toEqual({ code: 4403, reason: 'No API key: send connectionParams { authorization: "Bearer <secret>" }' });
  });

  it('closes with 4403 and a reason saying the key is malformed, unknown or revoked', async () => {
    const { send, closed } = await rawSocket(t);
    send({ type: 'connection_init', payload: { authorization: 'Bearer sk_not_a_key' } });
    expect(await closed).toEqual({ code: 4403, reason: 'The API key is malformed, unknown or revoked' });
  });
});

describe('examples/live.mjs (the README snippet)', () => {
  it('with a bad key reports the refusal and exits after a single connection attempt', async () => {
    const before = upgrades;
    const { child, stderr } = runSnippet('sk_not_a_key');
    const [exitCode] = await once(child, 'exit');
    expect({ exitCode, stderr: stderr(), attempts: upgrades - before }).toEqual({
      exitCode: 1,
      stderr: 'stopped: 4403 The API key is malformed, unknown or revoked\n',
      attempts: 1,
    });
  });

  it('with a seller key prints each change to the shop\'s orders as it commits', async () => {
    const { child, stderr } = runSnippet(market.keys.seller);
    try {
      const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      await subscriptionsActive(t, 1);
      const order = await placeOrder(t, market);
      const { value: line } = await lines.next();
      expect(JSON.parse(line)).toEqual({
        data: { orderChanged: { reference: order.reference, state: 'WAITING_ACCEPTANCE', stateLabel: 'Przyjęcie w toku' } },
      });
      expect(stderr()).toBe('');
    } finally {
      child.kill();
    }
  });
});

describe('examples/live-client.ts (the README\'s client for a page)', () => {
  it('with a bad key reports the refusal once and stops after a single connection attempt', async () => {
    const before = upgrades;
    const refused = new Promise<{ code: number; reason: string }>((resolve) => {
      const live = createLiveClient({
        url: wsUrl(t),
        apiKey: 'sk_not_a_key',
        webSocketImpl: WebSocket,
        onRefused: (closeEvent) => {
          resolve(closeEvent);
          void live.dispose();
        },
      });
    });
    const { code, reason } = await refused;
    expect({ code, reason, attempts: upgrades - before }).toEqual({ code: 4403, reason: 'The API key is malformed, unknown or revoked', attempts: 1 });
  });
});

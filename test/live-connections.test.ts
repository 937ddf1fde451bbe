import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from './support/app';
import { serverMetric, subscriptionsActive } from './support/live';
import { createMarket } from './support/market';
import { acknowledgedSocket } from './support/raw-socket';

/** What thousands of tabs reconnecting at once (after a deploy) lean on: the accept queue and cached validation. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the listening socket', () => {
  it('queues up to 4096 connections not yet accepted (as far as net.core.somaxconn allows), not Node’s default 511', async () => {
    // For a listening socket `ss` reports the accept queue's limit as its Send-Q.
    const { stdout } = await promisify(execFile)('ss', ['-Hltn', 'sport', '=', `:${t.app.port}`]);
    const [state, , limit] = stdout.trim().split(/\s+/);
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect([state, Number(limit)]).toEqual(['LISTEN', Math.min(4096, somaxconn)]);
  });
});

describe('validation over WebSocket', () => {
  it('validates a document once, however many sockets subscribe with it, and answers each the same', async () => {
    const market = await createMarket(t);
    // Texts no earlier test sent, so neither is cached yet.
    const probe = `probe${randomUUID().replace(/-/g, '')}`;
    const valid = `subscription { messageAdded { id ${probe}: body } }`;
    const invalid = `subscription { messageAdded { id ${probe}: nonsense } }`;
    const before = await serverMetric(t, 'websocket_document_validations_total');
    const active = t.app.bus.subscriberCount;
    const sockets = await Promise.all(Array.from({ length: 5 }, () => acknowledgedSocket(t, market.keys.seller)));
    for (const socket of sockets) {
      socket.send({ type: 'subscribe', id: 'a', payload: { query: valid } });
      socket.send({ type: 'subscribe', id: 'b', payload: { query: valid } });
    }
    await subscriptionsActive(t, active + 10);
    expect((await serverMetric(t, 'websocket_document_validations_total')) - before).toBe(1);

    for (const socket of sockets) socket.send({ type: 'subscribe', id: 'c', payload: { query: invalid } });
    const answers = await Promise.all(sockets.map((socket) => socket.next()));
    const refusal = {
      id: 'c',
      type: 'error',
      payload: [{ message: 'Cannot query field "nonsense" on type "Message".', locations: [{ line: 1, column: 34 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    };
    expect(answers).toEqual(sockets.map(() => refusal));
    expect((await serverMetric(t, 'websocket_document_validations_total')) - before).toBe(2);
    for (const socket of sockets) socket.socket.close();
  });
});

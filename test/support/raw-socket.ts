import WebSocket from 'ws';
import { TestApp } from './app';
import { wsUrl } from './live';

export interface RawSocket {
  socket: WebSocket;
  /** Resolves with the server's close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** The next message the server sent (in order), parsed. */
  next(): Promise<Record<string, unknown>>;
  /** Every message received so far and not yet taken by next(). */
  pending: Record<string, unknown>[];
  send(message: unknown): void;
}

/** A graphql-transport-ws socket spoken by hand, to send what a well-behaved client never would. */
export function rawSocket(t: TestApp): Promise<RawSocket> {
  const socket = new WebSocket(wsUrl(t), 'graphql-transport-ws');
  const pending: Record<string, unknown>[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else pending.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  return new Promise((resolve, reject) => {
    socket.on('open', () =>
      resolve({
        socket,
        closed,
        pending,
        next: () => (pending.length ? Promise.resolve(pending.shift()!) : new Promise((r) => waiting.push(r))),
        send: (message) => socket.send(JSON.stringify(message)),
      }),
    );
    socket.on('error', reject);
  });
}

/** A raw socket past connection_ack with `secret`. */
export async function acknowledgedSocket(t: TestApp, secret: string): Promise<RawSocket> {
  const raw = await rawSocket(t);
  raw.send({ type: 'connection_init', payload: { authorization: `Bearer ${secret}` } });
  const ack = await Promise.race([raw.next(), raw.closed]);
  if ((ack as { type?: string }).type !== 'connection_ack') throw new Error(`no connection_ack: ${JSON.stringify(ack)}`);
  return raw;
}

/** Polls `check` (a count or state read, never a clock) until it holds; fails after many tries. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}

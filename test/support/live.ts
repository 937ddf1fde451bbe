import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp } from './app';

/** What graphql-ws hands to `closed` listeners under Node (a ws CloseEvent). */
type WsClose = { code: number; reason: string };

export function wsUrl(t: TestApp): string {
  return t.url.replace(/^http/, 'ws');
}

/** A real graphql-ws client authenticated with `secret` (connects at once, never retries). */
export function liveClient(t: TestApp, secret: string, onClose?: (code: number, reason: string) => void): Client {
  return createClient({
    url: wsUrl(t),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${secret}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClose?.((event as WsClose).code, (event as WsClose).reason) },
  });
}

/** Resolves once the client has its connection_ack. */
export function connected(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    const offConnected = client.on('connected', () => {
      offConnected();
      resolve();
    });
    client.on('closed', (event) => reject(new Error(`closed before ack: ${(event as WsClose).code}`)));
  });
}

/**
 * Collects what a subscription pushes. `until(count)` waits until count items arrived in total (failing
 * after a generous limit, which only a lost delivery can reach); `stop()` unsubscribes.
 */
export interface Collector<T> {
  items: T[];
  errors: unknown[];
  until(count: number): Promise<T[]>;
  stop(): void;
}

export function subscribe<T, V>(client: Client, document: TypedDocumentNode<T, V>, variables: V): Collector<T> {
  const items: T[] = [];
  const errors: unknown[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (items.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const stop = client.subscribe<T>(
    { query: print(document), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) items.push(result.data as T);
        notify();
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    items,
    errors,
    until(count) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`received ${items.length} of ${count}; errors: ${JSON.stringify(errors)}`)), 20_000);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(items.slice(0, count));
          },
        });
        notify();
      });
    },
    stop,
  };
}

/** Waits until the server holds `count` live subscriptions (they register asynchronously after subscribe). */
export async function subscriptionsActive(t: TestApp, count: number): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (t.app.bus.subscriberCount >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`only ${t.app.bus.subscriberCount} of ${count} subscriptions became active`);
}

/** A sample of the server's /metrics by its full name (with labels, if any); 0 when it has none. */
export async function serverMetric(t: TestApp, name: string): Promise<number> {
  const text = await (await fetch(t.url.replace('/graphql', '/metrics'))).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

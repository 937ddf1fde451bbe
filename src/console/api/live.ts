import { Client, createClient } from 'graphql-ws';
import type { TypedDocumentString } from '../generated/graphql';
import { GRAPHQL_PATH } from './http';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'refused';

/** Close codes after which retrying with the same key cannot help (see the README's close-code table). */
const FINAL_CLOSE_CODES = [4400, 4403, 1009];

/** Backoff between reconnection attempts: 1, 2, 4, 8 s, then every 8 s, plus up to 0.5 s of jitter so tabs spread out. */
function backoff(retries: number): Promise<void> {
  const seconds = Math.min(2 ** retries, 8);
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000 + Math.random() * 500));
}

export interface LiveConnection {
  client: Client;
  /**
   * Subscribes with a typed document; returns the function that unsubscribes. graphql-ws re-sends
   * the same payload after each reconnect, and `variables` is that payload's object: a caller that
   * updates it (the events cursor) resumes from where it was.
   */
  subscribe<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    onData: (data: TResult) => void,
  ): () => void;
  dispose(): void;
}

/**
 * One graphql-ws connection per signed-in tab, reconnecting by itself for ever (after a network
 * drop, a deploy's 1001, a restart) except when the key itself is refused. `onState` drives the
 * "offline / reconnecting" banner; `onReconnected` lets screens refetch what they show.
 */
export function openLiveConnection(
  secret: string,
  handlers: { onState(state: ConnectionState, closeCode?: number): void; onReconnected(): void },
): LiveConnection {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`;
  let everConnected = false;
  const client = createClient({
    url,
    connectionParams: { authorization: `Bearer ${secret}` },
    lazy: false,
    retryAttempts: Infinity,
    retryWait: backoff,
    shouldRetry: (event) => !(typeof event === 'object' && event !== null && 'code' in event && FINAL_CLOSE_CODES.includes((event as CloseEvent).code)),
    // A socket that went silent (a laptop waking up, a dead proxy) is noticed by the pings.
    keepAlive: 10_000,
    onNonLazyError: () => undefined,
    on: {
      connecting: () => handlers.onState(everConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        const wasRetry = everConnected;
        everConnected = true;
        handlers.onState('online');
        if (wasRetry) handlers.onReconnected();
      },
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        handlers.onState(code !== undefined && FINAL_CLOSE_CODES.includes(code) ? 'refused' : 'reconnecting', code);
      },
    },
  });
  return {
    client,
    subscribe<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, onData: (data: TResult) => void) {
      const payload = { query: document.toString(), variables: variables as Record<string, unknown> };
      return client.subscribe<TResult>(payload, {
        next: (result) => {
          if (result.data) onData(result.data as TResult);
        },
        error: () => undefined,
        complete: () => undefined,
      });
    },
    dispose: () => void client.dispose(),
  };
}

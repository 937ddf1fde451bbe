import { Client, createClient } from 'graphql-ws';

/** Close codes a retry cannot fix: a refused key (4403) and an oversized one (4400). */
const REFUSED = [4400, 4403];

/**
 * One graphql-ws connection for a live frontend: open from the start, reconnecting after any drop
 * or server restart for as long as the page lives (waits double up to 30 s), and giving up only
 * when the key is refused. `webSocketImpl`: browsers and Node 22+ have a global WebSocket; older
 * Node passes `ws`.
 */
export function createLiveClient(options: {
  url: string;
  apiKey: string;
  webSocketImpl?: unknown;
  onRefused: (closeEvent: { code: number; reason: string }) => void;
}): Client {
  return createClient({
    url: options.url,
    webSocketImpl: options.webSocketImpl,
    connectionParams: { authorization: `Bearer ${options.apiKey}` },
    lazy: false,
    onNonLazyError: (closeEvent) => options.onRefused(closeEvent as { code: number; reason: string }),
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1_000 * 2 ** retries) * (0.5 + Math.random() / 2))),
    shouldRetry: (closeEvent) => !REFUSED.includes((closeEvent as { code?: number } | undefined)?.code ?? 0),
  });
}

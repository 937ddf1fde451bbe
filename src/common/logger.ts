import pino, { Logger } from 'pino';

export type { Logger };

/**
 * Writes each line to stdout synchronously. pino's default destination writes asynchronously and
 * flushes what is left when the process exits, so a line still being written then could land after
 * a later one, or be lost with a crash: the last lines of a shutdown are the ones an operator reads.
 * The server logs little (start-up, shutdown, failures), so the synchronous write costs nothing.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'seller-order-api' } }, pino.destination({ dest: 1, sync: true }));
}

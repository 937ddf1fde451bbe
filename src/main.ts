import 'reflect-metadata';
import type { App } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger, Logger } from './common/logger';
import { EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded-postgres';
import { checkListenAddress } from './listen-address';
import { StartupError } from './startup-error';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/**
 * Exits explicitly: embedded-postgres's exit hook turns a natural exit into exit code 0, and its
 * 'exit' handler still stops a database we could not stop ourselves.
 */
function exit(code: number): never {
  process.exit(code);
}

/** Operator mistakes get one line (exit 2 for configuration, 1 otherwise); anything else is a bug, with its stack. */
function reportStartFailure(error: unknown, logger?: Logger): never {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    exit(2);
  }
  if (error instanceof StartupError) {
    logger?.debug({ err: error }, 'start-up failed');
    console.error(`cannot start: ${error.message}`);
    exit(1);
  }
  console.error(error);
  exit(1);
}

/** Start: config -> listen address -> database (embedded or DATABASE_URL) -> migrations -> server; SIGTERM drains. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    await checkListenAddress(config.host, config.port);
  } catch (error) {
    reportStartFailure(error);
  }
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let app: App | undefined;
  let stopping = false;

  // A signal in any phase of start-up (migrations included) stops the embedded database too.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, app ? 'draining' : 'stopping during start-up');
    try {
      await app?.stop();
      if (app) logger.info('drained; stopping the embedded database');
      await embedded?.stop();
      logger.info('stopped cleanly');
      exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      exit(1);
    }
  };

  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  for (const signal of SIGNALS) process.on(signal, onSignal);

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      logger.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
      embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        log: (line) => logger.debug(line),
        notice: (line) => logger.warn(line),
      });
      databaseUrl = embedded.url;
      logger.info({ databaseUrl }, 'embedded PostgreSQL is up; a second instance can use this as DATABASE_URL');
    }
    // embedded-postgres's exit hook stops the database on a signal by itself, racing our drain
    // (requests in flight would lose their database): only ours stays. Removing the others one by
    // one keeps the signal watched throughout, so a signal arriving meanwhile is not lost.
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) if (listener !== onSignal) process.removeListener(signal, listener);
    }
    // The application (a second of loading) is required only once the configuration is checked.
    const { startApp } = require('./app') as typeof import('./app');
    app = await startApp(config, databaseUrl, { logger });
  } catch (error) {
    if (stopping) return; // a signal stopped the database under start-up; shutdown() exits
    await embedded?.stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'could not stop the embedded database'));
    reportStartFailure(error, logger);
  }
  if (stopping) return;
  logger.info({ url: `http://${config.host}:${app.port}/graphql` }, 'ready');
}

main().catch((error) => reportStartFailure(error));

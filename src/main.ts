import 'reflect-metadata';
import cluster from 'node:cluster';
import type { App } from './app';
import type { WorkerPool } from './cluster';
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

/**
 * Start: config -> listen address -> database (embedded or DATABASE_URL) -> migrations -> server;
 * SIGTERM drains. With WORKERS > 1 this process is the primary: it migrates, then the workers
 * (runWorker) serve and it drains them on a signal before stopping the database (src/cluster.ts).
 */
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
  let workers: WorkerPool | undefined;
  let stopping = false;

  // A signal in any phase of start-up (migrations included) stops the embedded database too.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const serving = app ?? workers;
    logger.info({ signal }, serving ? 'draining' : 'stopping during start-up');
    try {
      await app?.stop();
      await workers?.stop();
      if (serving) logger.info('drained; stopping the embedded database');
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
    let port: number;
    if (config.workers > 1) {
      const { prepareDatabase, WorkerPool } = require('./cluster') as typeof import('./cluster');
      await prepareDatabase(config, databaseUrl);
      if (stopping) return;
      workers = new WorkerPool(config.workers, databaseUrl, logger);
      port = await workers.start();
    } else {
      // The application (a second of loading) is required only once the configuration is checked.
      const { startApp } = require('./app') as typeof import('./app');
      app = await startApp(config, databaseUrl, { logger });
      port = app.port;
    }
    if (stopping) return;
    logger.info({ url: `http://${config.host}:${port}/graphql`, workers: config.workers, workerPids: workers?.pids() ?? [process.pid] }, 'ready');
  } catch (error) {
    if (stopping) return; // a signal stopped the database under start-up; shutdown() exits
    await workers?.stop();
    await embedded?.stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'could not stop the embedded database'));
    reportStartFailure(error, logger);
  }
}

/**
 * One server process of several (WORKERS > 1): the primary has checked the configuration, started
 * the database and migrated; this process serves on the shared port until SIGTERM, then drains.
 */
async function runWorker(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    reportStartFailure(error);
  }
  const logger = createLogger(config.logLevel).child({ worker: cluster.worker!.id });
  let app: App | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      await app?.stop();
      logger.info({ signal }, 'worker drained');
      exit(0);
    } catch (error) {
      logger.error({ err: error }, 'worker shutdown failed');
      exit(1);
    }
  };
  // SIGTERM comes from the primary; SIGINT and SIGHUP reach the whole process group from a terminal.
  for (const signal of SIGNALS) process.on(signal, (received: NodeJS.Signals) => void shutdown(received));
  try {
    const { startApp } = require('./app') as typeof import('./app');
    app = await startApp(config, config.databaseUrl!, { logger });
  } catch (error) {
    reportStartFailure(error, logger);
  }
  if (!stopping) logger.info({ pid: process.pid }, 'worker ready');
}

if (cluster.isWorker) runWorker().catch((error) => reportStartFailure(error));
else main().catch((error) => reportStartFailure(error));

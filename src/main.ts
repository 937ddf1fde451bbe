import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './common/logger';
import { EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded-postgres';

/** Start: config -> database (embedded or DATABASE_URL) -> migrations -> server; SIGTERM drains. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    logger.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: (line) => logger.debug(line) });
    // embedded-postgres stops the database on SIGTERM/SIGINT by itself, racing our drain (requests
    // in flight would lose their database). We take over: drain first, then stop it (below).
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.removeAllListeners(signal);
    databaseUrl = embedded.url;
    logger.info({ databaseUrl }, 'embedded PostgreSQL is up; a second instance can use this as DATABASE_URL');
  }
  const app = await startApp(config, databaseUrl, { logger }).catch(async (error) => {
    await embedded?.stop();
    throw error;
  });
  logger.info({ url: `http://${config.host}:${app.port}/graphql` }, 'ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    try {
      await app.stop();
      logger.info('drained; stopping the embedded database');
      await embedded?.stop();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

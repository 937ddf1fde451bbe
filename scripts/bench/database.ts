import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { migrate, openOrm } from '../../src/db/orm';

/** A throwaway embedded PostgreSQL with the product's schema; removed again by `stop`. */
export interface BenchDatabase {
  url: string;
  pool: Pool;
  postmasterPid: number;
  version: string;
  /** Hands PostgreSQL's log, line by line, to `listener` until called with undefined (plans.ts reads auto_explain's plans from it). */
  onLog(listener: ((line: string) => void) | undefined): void;
  stop(): Promise<void>;
}

export async function startBenchDatabase(port: number): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as another user when we are root
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let pool: Pool | undefined;
  let logListener: ((line: string) => void) | undefined;
  const stop = async () => {
    await pool?.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const echo = Boolean(process.env.BENCH_PG_LOG);
    embedded = await startEmbeddedPostgres({
      dataDir,
      port,
      log: (line) => {
        if (echo) console.log(`[postgres] ${line}`);
        logListener?.(line);
      },
    });
    // The product's own migrations, as a server start would run them.
    const orm = await openOrm(embedded.url, 1);
    await migrate(orm);
    await orm.close();
    pool = new Pool({ connectionString: embedded.url, max: 4 });
    // An idle client loses its connection when the database stops at the end; nothing to do then.
    pool.on('error', () => undefined);
    const postmasterPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const { rows } = await pool.query<{ server_version: string }>('show server_version');
    const onLog = (listener: ((line: string) => void) | undefined) => void (logListener = listener);
    return { url: embedded.url, pool, postmasterPid, version: rows[0].server_version, onLog, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

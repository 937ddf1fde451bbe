import cluster, { Worker } from 'node:cluster';
import { ensureBootstrapOperatorKey } from './auth/api-key.service';
import { Logger } from './common/logger';
import { Config } from './config';
import { connectFailure } from './db/connect-failure';
import { migrate, openOrm } from './db/orm';
import { StartupError } from './startup-error';

/** A worker that dies sooner than this after its start counts as crashing in a loop: its next start waits longer. */
const STABLE_AFTER_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * What the primary does once, before any worker starts: migrations and the bootstrap operator key.
 * Workers repeat neither race-free (two workers creating the bootstrap key at once: one fails on the
 * unique secret), so the primary does both and workers find them done.
 */
export async function prepareDatabase(config: Config, databaseUrl: string): Promise<void> {
  const orm = await openOrm(databaseUrl, 1).catch((error: unknown) => {
    throw connectFailure(error, databaseUrl);
  });
  try {
    await migrate(orm);
    if (config.bootstrapOperatorKey) await ensureBootstrapOperatorKey(orm.em, config.bootstrapOperatorKey);
  } finally {
    await orm.close();
  }
}

/**
 * `WORKERS` server processes sharing one listening port through node:cluster (README, "Several
 * processes"). One Node process can hold only as many sockets as its open-file limit allows, and
 * uses one core; each worker is a whole instance (its own pool, event bus and sweeper), exactly as
 * separate instances on one database are, so nothing else changes. The primary serves nothing:
 * on Linux it accepts the connections and hands them to the workers in turn.
 *
 * A worker that dies after start-up is logged and replaced (after 1 s, doubling up to 30 s while
 * replacements keep dying young); one that dies during start-up fails the whole start-up.
 */
export class WorkerPool {
  private readonly startedAt = new Map<Worker, number>();
  private restartDelayMs = FIRST_RESTART_DELAY_MS;
  private stopping = false;
  private started = false;

  constructor(
    private readonly size: number,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Resolves with the port once every worker listens; rejects if one exits before that. */
  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      let listening = 0;
      const onListening = (_worker: Worker, address: { port: number }) => {
        listening += 1;
        if (listening < this.size) return;
        cluster.off('listening', onListening);
        cluster.off('exit', onEarlyExit);
        this.started = true;
        cluster.on('exit', (worker, code, signal) => this.replace(worker, code, signal));
        resolve(address.port);
      };
      const onEarlyExit = (worker: Worker, code: number | null, signal: string | null) => {
        if (this.stopping) return;
        cluster.off('listening', onListening);
        cluster.off('exit', onEarlyExit);
        reject(new StartupError(`server worker ${worker.id} exited during start-up (code ${code}, signal ${signal}); its error is printed above`));
      };
      cluster.on('listening', onListening);
      cluster.on('exit', onEarlyExit);
      for (let i = 0; i < this.size; i += 1) this.fork();
    });
  }

  /** The process ids of the workers running now. */
  pids(): number[] {
    return Object.values(cluster.workers ?? {}).flatMap((worker) => (worker && !worker.isDead() && worker.process.pid ? [worker.process.pid] : []));
  }

  /** SIGTERM to every worker (each drains as a single server does), resolved once all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  }

  private fork(): void {
    const worker = cluster.fork({ DATABASE_URL: this.databaseUrl });
    this.startedAt.set(worker, Date.now());
  }

  private replace(worker: Worker, code: number | null, signal: string | null): void {
    const lived = Date.now() - (this.startedAt.get(worker) ?? 0);
    this.startedAt.delete(worker);
    if (this.stopping || !this.started) return;
    this.restartDelayMs = lived < STABLE_AFTER_MS ? Math.min(this.restartDelayMs * 2, MAX_RESTART_DELAY_MS) : FIRST_RESTART_DELAY_MS;
    const delayMs = this.restartDelayMs;
    this.logger.error({ worker: worker.id, pid: worker.process.pid, code, signal, restartInMs: delayMs }, 'a server worker died; starting another');
    setTimeout(() => {
      if (!this.stopping) this.fork();
    }, delayMs);
  }
}

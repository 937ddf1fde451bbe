import { EntityManager } from '@mikro-orm/postgresql';
import { clock } from '../common/clock';
import { ErrorResult } from '../common/errors';
import { Logger } from '../common/logger';
import { Machine, machines, runStep, Step } from '../common/step-machine';
import { Config } from '../config';

const BATCH = 100;
/** Pages one timed step may read in one sweep: rows that cannot fire now never hide the due ones behind them. */
const MAX_PAGES = 10;

/** Counts what a sweep did, by the step's kind (`Order.ACCEPTANCE_TIMEOUT`). */
export interface SweepMetrics {
  fired(kind: string): void;
  failed(kind: string): void;
}

/**
 * Fires due timed steps. Each domain declares its own (a step with `due`, in its machine file);
 * this loop only finds them. Runs on every instance: candidates are re-read under
 * `FOR UPDATE SKIP LOCKED` and re-checked by the runner (still due, still in a from-state), so
 * each fires once however many instances sweep. A row whose step throws is logged and counted,
 * and the sweep goes on with the others.
 */
export class Sweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly em: EntityManager,
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly metrics: SweepMetrics = { fired: () => {}, failed: () => {} },
    private readonly batchSize = BATCH,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.timerIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every timed step; resolves to how many fired here. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepAll(): Promise<number> {
    let fired = 0;
    for (const machine of machines) {
      for (const [name, step] of Object.entries(machine.steps)) {
        if (!step.due) continue;
        const kind = `${machine.type}.${name}`;
        try {
          fired += await this.sweepStep(machine, name, step, kind);
        } catch (error) {
          // The candidates' query itself failed (the database is away): the next interval retries.
          this.logger.error({ err: error, timer: kind }, 'deadline sweep failed; retrying at the next interval');
        }
      }
    }
    return fired;
  }

  private async sweepStep(machine: Machine<{ uuid: string }, string>, name: string, step: Step<any>, kind: string): Promise<number> {
    const { column, ready } = step.due!;
    const now = clock.now();
    let fired = 0;
    let after: { at: Date; uuid: string } | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      // Keyset over (due time, uuid): a page of rows that failed or were taken elsewhere is passed, not re-read.
      const keyset = after ? { $or: [{ [column]: { $gt: after.at } }, { [column]: after.at, uuid: { $gt: after.uuid } }] } : {};
      // Entities are named like their GraphQL type.
      const due = await this.em.fork().find<Record<string, unknown> & { uuid: string }>(machine.type, { [column]: { $lte: now }, ...ready, ...keyset } as never, {
        fields: ['uuid', column] as never,
        orderBy: { [column]: 'asc', uuid: 'asc' } as never,
        limit: this.batchSize,
      });
      let firedHere = 0;
      for (const { uuid } of due) {
        try {
          const outcome = await runStep(this.em.fork(), machine, name, { viewer: null, config: this.config, uuid, skipLocked: true });
          if (outcome instanceof ErrorResult) continue; // taken by another instance, or no longer due
          firedHere += 1;
          this.metrics.fired(kind);
        } catch (error) {
          this.logger.error({ err: error, timer: kind, uuid }, 'a timed step failed on this row; skipped until the next sweep');
          this.metrics.failed(kind);
        }
      }
      fired += firedHere;
      if (due.length < this.batchSize) break;
      const last = due[due.length - 1];
      after = { at: last[column] as Date, uuid: last.uuid };
    }
    return fired;
  }
}

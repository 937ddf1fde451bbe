import { EntityManager } from '@mikro-orm/postgresql';
import { clock } from '../common/clock';
import { ErrorResult, InvalidStateError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { Logger } from '../common/logger';
import { Tx } from '../common/transaction';
import { linesFor, OrderStep } from '../orders/order-actions';
import { DeadlineConfig, onClosed, onNothingLeftToShip, onPaymentEnded, onReceived, onRefused } from '../orders/order-deadlines';
import { Order } from '../orders/order.entity';
import { OrderLineState } from '../orders/order-state';
import { moveLines, runOrderCommand, StepEffect } from '../orders/order-workflow';

type DeadlineColumn = 'acceptanceDeadline' | 'paymentDeadline' | 'deliveryFallbackAt' | 'closeAt';

interface Timer {
  kind: string;
  column: DeadlineColumn;
  step: OrderStep;
  /** Narrows the candidates to orders the step can take now, so blocked ones never crowd out the rest. */
  ready?: Record<string, unknown>;
  fire(order: Order, tx: Tx, config: DeadlineConfig): StepEffect;
}

/** Each deadline applies the same transition a person would, as the SYSTEM actor. */
const TIMERS: readonly Timer[] = [
  {
    kind: 'acceptance',
    column: 'acceptanceDeadline',
    step: 'ACCEPTANCE_TIMEOUT',
    fire(order) {
      moveLines(linesFor('ACCEPTANCE_TIMEOUT', order), OrderLineState.REFUSED);
      onRefused(order);
      return { event: EventType.ORDER_REFUSED, data: { reason: 'ACCEPTANCE_TIMEOUT' } };
    },
  },
  {
    kind: 'payment',
    column: 'paymentDeadline',
    step: 'PAYMENT_TIMEOUT',
    fire(order) {
      moveLines(linesFor('PAYMENT_TIMEOUT', order), OrderLineState.CANCELED);
      onPaymentEnded(order);
      if (linesFor('CANCEL', order).length === 0) onNothingLeftToShip(order);
      return { event: EventType.ORDER_CANCELED, data: { reason: 'PAYMENT_TIMEOUT' } };
    },
  },
  {
    kind: 'delivery-fallback',
    column: 'deliveryFallbackAt',
    step: 'DELIVERY_FALLBACK',
    fire(order, tx, config) {
      moveLines(linesFor('DELIVERY_FALLBACK', order), OrderLineState.RECEIVED);
      onReceived(order, tx.now, config);
      return { event: EventType.ORDER_DELIVERED, data: { reportedBy: 'SYSTEM' } };
    },
  },
  {
    kind: 'close',
    column: 'closeAt',
    step: 'CLOSE',
    ready: { lines: { $none: { state: OrderLineState.INCIDENT_OPEN } } },
    fire(order, tx) {
      moveLines(linesFor('CLOSE', order), OrderLineState.CLOSED);
      onClosed(order, tx.now);
      return { event: EventType.ORDER_CLOSED };
    },
  },
];

const BATCH = 100;

/**
 * A deadline kind another module owns (incidents closing after silence, say). `run` fires what is
 * due with the same once-only discipline (SKIP LOCKED, re-check under the lock) and says how many.
 */
export interface SweepJob {
  kind: string;
  run(em: EntityManager): Promise<number>;
}

/** Jobs of modules built on orders, registered once at start (src/wiring.ts). */
export const sweepJobs: SweepJob[] = [];

/**
 * Fires due deadlines. Runs on every instance: candidates are re-read under `FOR UPDATE SKIP LOCKED`
 * and re-checked against the transition table, so each deadline fires once however many sweep.
 */
export class Sweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly em: EntityManager,
    private readonly config: DeadlineConfig & { timerIntervalMs: number },
    private readonly logger: Logger,
    private readonly onFired: (kind: string) => void = () => {},
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.timerIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every kind of deadline; resolves to how many fired here. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepAll(): Promise<number> {
    let fired = 0;
    const jobs: SweepJob[] = [...TIMERS.map((timer) => ({ kind: timer.kind, run: () => this.sweepTimer(timer) })), ...sweepJobs];
    for (const job of jobs) {
      try {
        const count = await job.run(this.em.fork());
        for (let i = 0; i < count; i += 1) this.onFired(job.kind);
        fired += count;
      } catch (error) {
        this.logger.error({ err: error, timer: job.kind }, 'deadline sweep failed; retrying at the next interval');
      }
    }
    return fired;
  }

  private async sweepTimer(timer: Timer): Promise<number> {
    let fired = 0;
    const due = await this.em.fork().find(
      Order,
      { [timer.column]: { $lte: clock.now() }, ...timer.ready },
      { fields: ['uuid'], orderBy: { [timer.column]: 'asc' }, limit: BATCH },
    );
    for (const { uuid } of due) {
      const outcome = await runOrderCommand(this.em.fork(), {
        step: timer.step,
        viewer: null,
        orderUuid: uuid,
        skipLocked: true,
        apply: (order, tx) => (isDue(order, timer.column, tx.now) ? timer.fire(order, tx, this.config) : notDue(order)),
      });
      if (outcome instanceof ErrorResult) continue; // taken by another instance, or no longer due
      fired += 1;
    }
    return fired;
  }
}

function isDue(order: Order, column: DeadlineColumn, now: Date): boolean {
  const deadline = order[column];
  return deadline instanceof Date && deadline <= now;
}

function notDue(order: Order): ErrorResult {
  return new InvalidStateError(order.state, 'The deadline is no longer due');
}

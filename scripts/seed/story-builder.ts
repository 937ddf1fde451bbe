import { RefundReason } from '../../test/generated/graphql';
import { INTEGRATED_CARRIERS, ShopSpec, TRACKING_FORMATS } from './catalog';
import { DAY, HOUR, MINUTE, Random } from './random';

/** One order's planned steps: what happens, to whom, and when. */

export type StepKind =
  | 'place' | 'accept' | 'refuse' | 'pay' | 'payFail' | 'track' | 'ship' | 'pickup'
  | 'confirmDelivery' | 'carrierDelivery' | 'cancel' | 'refund' | 'sweep';

export type TimerKind = 'acceptance' | 'payment' | 'delivery-fallback' | 'close';

export interface RefundPlan {
  reason: RefundReason;
  /** Line indexes, or every line with something left to refund. */
  lines: number[] | 'all';
  /** This share of what is left refundable on the line; everything when absent. */
  share?: number;
}

export interface Step {
  kind: StepKind;
  /** Milliseconds after placement while planning; the epoch instant once the order is placed in time. */
  at: number;
  refuseLines?: number[];
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
  refund?: RefundPlan;
  timer?: TimerKind;
}

/** The deadlines of the environment (config.ts); planned steps keep clear of them. */
export interface Durations {
  acceptanceTimeoutMs: number;
  paymentTimeoutMs: number;
  deliveryFallbackMs: number;
  closeAfterMs: number;
}

/** Builds one order's steps, in milliseconds after placement. */
export class StoryBuilder {
  readonly steps: Step[] = [{ kind: 'place', at: 0 }];
  /** The step at `at` must lie within `within` of now (so no deadline moves the order on before now). */
  fresh?: { at: number; within: number };
  readonly refused = new Set<number>();

  constructor(
    private readonly rng: Random,
    /** Human delays stay well inside these, even when the environment shortens them. */
    private readonly d: Durations,
    readonly shop: ShopSpec,
    readonly lineCount: number,
    readonly prepaid: boolean,
    private readonly trackingNumbers: Set<string>,
  ) {}

  get last(): number {
    return this.steps[this.steps.length - 1].at;
  }

  then(kind: StepKind, delayMs: number, extra: Partial<Step> = {}): number {
    return this.atTime(kind, this.last + delayMs, extra);
  }

  atTime(kind: StepKind, at: number, extra: Partial<Step> = {}): number {
    const step: Step = { ...extra, kind, at: Math.round(Math.max(at, this.last + MINUTE)) };
    this.steps.push(step);
    return step.at;
  }

  keepFresh(at: number, within: number): void {
    this.fresh = { at, within };
  }

  chance(probability: number): boolean {
    return this.rng.chance(probability);
  }

  hours(min: number, max: number): number {
    return this.rng.between(min * HOUR, max * HOUR);
  }

  /** The seller's decision (the system's, for auto-accepting shops); sometimes a line is out of stock. */
  decide(allowRefusal = true): void {
    if (this.shop.autoAccept) return;
    const refuseOne = allowRefusal && this.shop.partialAcceptance && this.lineCount >= 2 && this.rng.chance(0.3);
    if (refuseOne) this.refused.add(this.rng.int(0, this.lineCount - 1));
    this.then('accept', Math.min(this.hours(0.25, 18), this.d.acceptanceTimeoutMs / 2), refuseOne ? { refuseLines: [...this.refused] } : {});
  }

  pay(): void {
    if (this.prepaid) this.then('pay', Math.min(this.hours(0.03, 3), this.beforePaymentTimeout()));
  }

  /** Half the time left until the payment timeout (counted from placement, at offset 0). */
  beforePaymentTimeout(): number {
    return (this.d.paymentTimeoutMs - this.last) / 2;
  }

  track(kind: 'integrated' | 'other' | 'any'): string {
    const integrated = this.shop.carriers.filter((carrier) => INTEGRATED_CARRIERS.has(carrier));
    const other = this.shop.carriers.filter((carrier) => !INTEGRATED_CARRIERS.has(carrier));
    const choices = kind === 'integrated' ? integrated : kind === 'other' ? (other.length ? other : ['ORLEN_PACZKA']) : this.shop.carriers;
    const carrier = this.rng.pick(choices);
    let trackingNumber: string;
    do trackingNumber = this.rng.pattern(TRACKING_FORMATS[carrier]);
    while (this.trackingNumbers.has(trackingNumber));
    this.trackingNumbers.add(trackingNumber);
    this.then('track', this.hours(2, 40), { carrier, trackingNumber });
    return carrier;
  }

  activeLines(): number[] {
    return [...Array(this.lineCount).keys()].filter((index) => !this.refused.has(index));
  }

  /** A complaint settled with money back: part of one line, or (with other lines left) one whole line. */
  refundAfterDelivery(): void {
    const active = this.activeLines();
    const delay = Math.min(this.rng.between(1 * DAY, 10 * DAY), this.d.closeAfterMs / 2);
    if (active.length >= 2 && this.rng.chance(0.35)) {
      this.then('refund', delay, { refund: { reason: 'WITHDRAWAL_NO_REASON', lines: [this.rng.pick(active)] } });
      return;
    }
    const [reason, share] = this.rng.pick<[RefundReason, number]>([
      ['DAMAGED_PRODUCT', this.rng.between(0.2, 0.5)],
      ['NOT_AS_DESCRIBED', this.rng.between(0.15, 0.4)],
      ['LATE_SHIPPING', 0.1],
      ['NOT_DELIVERED_ON_TIME', 0.15],
    ]);
    this.then('refund', delay, { refund: { reason, lines: [this.rng.pick(active)], share } });
  }

  /** The sweeper's pass shortly after a deadline (it runs every few seconds in a real server). */
  timer(timer: TimerKind, dueAt: number): number {
    return this.atTime('sweep', dueAt + this.rng.between(5_000, 90_000), { timer });
  }
}


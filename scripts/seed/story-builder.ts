import {
  IncidentReason,
  RatingRemovalGround,
  RefundReason,
  ReturnReason,
  ReturnRejectionReason,
} from '../../test/generated/graphql';
import { INTEGRATED_CARRIERS, ShopSpec, TRACKING_FORMATS } from './catalog';
import { DAY, HOUR, MINUTE, Random } from './random';

/** One order's planned steps: what happens, to whom, and when. */

export type StepKind =
  | 'place' | 'accept' | 'refuse' | 'pay' | 'payFail' | 'track' | 'ship' | 'pickup'
  | 'confirmDelivery' | 'carrierDelivery' | 'cancel' | 'refund' | 'sweep'
  // after-sales (scripts/seed/after-sales.ts)
  | 'message' | 'readThread' | 'noReplyNeeded'
  | 'openIncident' | 'resolveIncident' | 'closeIncident' | 'disputeIncident'
  | 'requestReturn' | 'acceptReturn' | 'rejectReturn' | 'returnTracking' | 'returnReceived' | 'refundReturn' | 'cancelReturn'
  | 'rate' | 'replyRating' | 'requestRemoval' | 'decideRemoval';

export type TimerKind = 'acceptance' | 'payment' | 'delivery-fallback' | 'close' | 'incident-close';

/** Who takes an after-sales step (order steps know their actor from their kind). */
export type Side = 'customer' | 'seller' | 'operator';

export interface ReturnPlan {
  reason: ReturnReason;
  comment?: string;
  /** Line indexes and how many units of each go back. */
  lines: { index: number; quantity: number }[];
}

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
  /** The refund settles an incident with the line's whole value (not one of the story's refunds). */
  settlesIncident?: boolean;
  timer?: TimerKind;
  /** After-sales: who acts, and the text they write (a message, a note, a comment, a reply…). */
  by?: Side;
  body?: string;
  /** openIncident: the reason and the line indexes. */
  incidentReason?: IncidentReason;
  lines?: number[];
  returnPlan?: ReturnPlan;
  rejection?: ReturnRejectionReason;
  grade?: number;
  removalGround?: RatingRemovalGround;
  remove?: boolean;
}

/** The deadlines of the environment (config.ts); planned steps keep clear of them. */
export interface Durations {
  acceptanceTimeoutMs: number;
  paymentTimeoutMs: number;
  deliveryFallbackMs: number;
  closeAfterMs: number;
  incidentCloseAfterMs: number;
  ratingWindowMs: number;
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

  /** The latest step so far (after-sales steps may be inserted between a story's steps). */
  get last(): number {
    return this.steps.reduce((latest, step) => Math.max(latest, step.at), 0);
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

  /** A second freshness rule: whichever of the two binds harder is kept. */
  keepFreshAlso(at: number, within: number): void {
    if (!this.fresh || at + within < this.fresh.at + this.fresh.within) this.fresh = { at, within };
  }

  /** Whether the steps still fit their freshness rule, with a little room for the placement. */
  freshOk(): boolean {
    return !this.fresh || this.last - this.fresh.at <= this.fresh.within * 0.95;
  }

  /** Adds a step at an instant of its own, possibly before later steps of the story. */
  insert(kind: StepKind, at: number, extra: Partial<Step> = {}): Step {
    const step: Step = { ...extra, kind, at: Math.round(at) };
    this.steps.push(step);
    return step;
  }

  /** What `rollback` needs to undo steps added since. */
  snapshot(): { steps: number; fresh?: { at: number; within: number } } {
    return { steps: this.steps.length, fresh: this.fresh && { ...this.fresh } };
  }

  rollback(snapshot: { steps: number; fresh?: { at: number; within: number } }): void {
    this.steps.splice(snapshot.steps);
    this.fresh = snapshot.fresh;
  }

  /** A tracking number of the carrier's format, unique in this batch. */
  trackingNumber(carrier: string): string {
    let trackingNumber: string;
    do trackingNumber = this.rng.pattern(TRACKING_FORMATS[carrier]);
    while (this.trackingNumbers.has(trackingNumber));
    this.trackingNumbers.add(trackingNumber);
    return trackingNumber;
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
    const trackingNumber = this.trackingNumber(carrier);
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


import { IncidentReason, OrderLineInput, OrderState, RefundReason, ReturnReason } from '../../test/generated/graphql';
import { CUSTOMER_NAMES, ShopSpec, SHOPS } from './catalog';
import { DAY, HOUR, MINUTE, Random } from './random';
import type { Story } from './stories';
import { Durations, Step, StepKind, StoryBuilder } from './story-builder';
import {
  COMPLAINTS,
  Conversation,
  CONVERSATIONS,
  DEFECTS,
  INCIDENT_ANSWERS,
  INCIDENT_CLOSINGS,
  INCIDENT_FOLLOW_UPS,
  NUDGES,
  Phase,
  RATING_COMMENTS,
  RATING_REPLIES,
  REMOVAL_CASES,
  render,
  RESOLUTIONS,
  RETURN_COMMENTS,
  RETURN_REJECTIONS,
  SHOP_FIRST,
  THANKS_ONLY,
} from './texts';

/**
 * The after-sales side of the demo marketplace, planned on top of the order stories (stories.ts)
 * before the orders are placed in time: customer messages and the shops' answers, incidents in
 * every status, returns in every status, ratings with replies and removal requests.
 *
 * Incidents and returns come from quotas (per 300 orders, at least one each where an order fits),
 * handed out shop by shop so every seller's dashboard has something to show; messages and ratings
 * are drawn order by order. Whatever would change where an order ends (a refund of a line's whole
 * value makes it REFUNDED, which counts as closed) updates the order's expected state, and open
 * incidents never sit on an order that should close. Every episode must fit its order's time rules
 * (freshness, the close timer); one that does not is rolled back and tried on another order.
 */

/** An order being planned: its story and steps, before it is placed in time. */
export interface Draft {
  seq: number;
  story: Story;
  expected: OrderState;
  shop: number;
  customer: number;
  lines: OrderLineInput[];
  builder: StoryBuilder;
  /** Set by this module. */
  episode?: string;
  /** When the incident or return begins (general questions stay before it). */
  episodeFrom?: number;
  /** When its last step happens. */
  episodeUntil?: number;
  rating?: Step;
  ratingReply?: Step;
}

/** Instants of a story's steps, in ms after placement. */
interface Timeline {
  decided?: number;
  paid?: number;
  shipped?: number;
  pickedUp?: boolean;
  arrived?: number;
  closeAt?: number;
  ended?: number;
  refunds: boolean;
}

function timelineOf(b: StoryBuilder): Timeline {
  const at = (test: (step: Step) => boolean) => b.steps.find(test)?.at;
  return {
    decided: at((step) => step.kind === 'accept' || step.kind === 'refuse' || (step.kind === 'sweep' && step.timer === 'acceptance')),
    paid: at((step) => step.kind === 'pay'),
    shipped: at((step) => step.kind === 'ship' || step.kind === 'pickup'),
    pickedUp: b.steps.some((step) => step.kind === 'pickup'),
    arrived: at((step) => ['confirmDelivery', 'carrierDelivery'].includes(step.kind) || (step.kind === 'sweep' && step.timer === 'delivery-fallback')),
    closeAt: at((step) => step.kind === 'sweep' && step.timer === 'close'),
    ended: at((step) => ['refuse', 'cancel', 'payFail'].includes(step.kind) || (step.kind === 'sweep' && ['acceptance', 'payment'].includes(step.timer!))),
    refunds: b.steps.some((step) => step.kind === 'refund'),
  };
}

/** Adds steps one after another from an instant (inserted among the story's own steps). */
class Cursor {
  constructor(
    private readonly b: StoryBuilder,
    public at: number,
  ) {}

  add(kind: StepKind, delayMs: number, extra: Partial<Step> = {}): Step {
    this.at += Math.max(MINUTE, Math.round(delayMs));
    return this.b.insert(kind, this.at, extra);
  }
}

interface Context {
  draft: Draft;
  /** How many episodes of its layer were handed out before this one: cycles reasons, so a batch shows each. */
  turn: number;
  b: StoryBuilder;
  t: Timeline;
  rng: Random;
  d: Durations;
  shop: ShopSpec;
  /** `render` for this customer, about one of the order's lines. */
  text(template: string, line?: number): string;
  hours(min: number, max: number): number;
}

function contextOf(draft: Draft, rng: Random, d: Durations, turn = 0): Context {
  const female = CUSTOMER_NAMES[draft.customer].split(' ')[0].endsWith('a');
  const active = draft.builder.activeLines();
  return {
    draft,
    turn,
    b: draft.builder,
    t: timelineOf(draft.builder),
    rng,
    d,
    shop: SHOPS[draft.shop],
    text: (template, line = active[0]) => render(template, female, draft.lines[line].productTitle),
    hours: (min, max) => rng.between(min * HOUR, max * HOUR),
  };
}

/**
 * Runs `build` and keeps its steps only if the order still keeps its time rules: freshness (the
 * story's and the episode's own), clear of the close timer and inside `until`.
 */
function attempt(c: Context, until: number, build: () => boolean): boolean {
  const snapshot = c.b.snapshot();
  const expected = c.draft.expected;
  const ok = build();
  const added = c.b.steps.slice(snapshot.steps);
  const limit = Math.min(until, c.t.closeAt !== undefined ? c.t.closeAt - 12 * HOUR : Infinity);
  if (ok && c.b.freshOk() && added.every((step) => step.at < limit)) return true;
  c.b.rollback(snapshot);
  c.draft.expected = expected;
  return false;
}

// ------------------------------------------------------------------ which orders fit

const receivedOpen = (draft: Draft, t: Timeline) => draft.expected === 'RECEIVED' && t.arrived !== undefined && !t.refunds;
const receivedAny = (draft: Draft, t: Timeline) => ['RECEIVED', 'CLOSED'].includes(draft.expected) && t.arrived !== undefined && !t.refunds;
const shippedOpen = (draft: Draft, t: Timeline) => draft.expected === 'SHIPPED' && t.shipped !== undefined && !t.pickedUp && !t.refunds;

/** A line's whole value refunded makes it REFUNDED (counted as closed): the order is CLOSED once no active line is left. */
function closesWhenRefunded(c: Context, refunded: ReadonlySet<number>): void {
  if (c.draft.expected === 'RECEIVED' && c.b.activeLines().every((index) => refunded.has(index))) c.draft.expected = 'CLOSED';
}

// ------------------------------------------------------------------ incidents

type IncidentEnd = 'NEW' | 'IN_PROGRESS' | 'RESOLVED' | 'DISPUTED' | 'CLOSED_BY_CUSTOMER' | 'CLOSED_BY_SWEEPER' | 'CLOSED_BY_OPERATOR' | 'SETTLED_BY_REFUND' | 'WITHDRAWN';

interface Episode {
  name: string;
  /** How many per 300 orders. */
  weight: number;
  fits(draft: Draft, t: Timeline): boolean;
  build(c: Context): boolean;
}

/** Complaint reasons in turn: defects most often. */
const TRANSIT_REASONS: readonly IncidentReason[] = ['LATE_DELIVERY', 'NOT_RECEIVED'];
const RECEIVED_REASONS: readonly IncidentReason[] = ['DEFECTIVE', 'NOT_AS_DESCRIBED', 'DEFECTIVE', 'INCOMPLETE', 'DEFECTIVE', 'OTHER'];
/** Return reasons in turn: most customers simply withdraw. */
const RETURN_REASONS: readonly ReturnReason[] = [
  'WITHDRAWAL_NO_REASON', 'DAMAGED_PRODUCT', 'WITHDRAWAL_NO_REASON', 'NOT_AS_DESCRIBED', 'WITHDRAWAL_NO_REASON', 'WRONG_ITEM', 'WITHDRAWAL_NO_REASON', 'OTHER',
];

/** The n-th of a list, going round. */
function nth<T>(items: readonly T[], n: number): T {
  return items[n % items.length];
}

/** Opens the complaint: on a shipped order about the parcel, on a received one about one line. */
function openComplaint(c: Context, transit: boolean): { cursor: Cursor; reason: IncidentReason; line: number } {
  const active = c.b.activeLines();
  const line = c.rng.pick(active);
  const reasons = transit ? TRANSIT_REASONS : RECEIVED_REASONS;
  const reason = nth(reasons, c.turn);
  // The same reason comes back every reasons.length turns, with the next of its texts.
  const template = reason === 'DEFECTIVE' ? DEFECTS[c.shop.category] : nth(COMPLAINTS[reason], Math.floor(c.turn / reasons.length));
  const cursor = new Cursor(c.b, transit ? c.t.shipped! : c.t.arrived!);
  const opened = cursor.add('openIncident', transit ? c.hours(30, 60) : c.hours(3, 72), {
    by: 'customer',
    incidentReason: reason,
    lines: transit ? active : [line],
    body: c.text(template, line),
  });
  c.draft.episodeFrom = opened.at;
  return { cursor, reason, line };
}

function incident(end: IncidentEnd, weight: number, fits: Episode['fits']): Episode {
  return {
    name: `incident ${end}`,
    weight,
    fits,
    build(c) {
      const transit = c.draft.expected === 'SHIPPED';
      const { cursor, reason, line } = openComplaint(c, transit);
      const opened = cursor.at;
      const closeAfter = c.d.incidentCloseAfterMs;
      if (end === 'NEW') {
        // Some wait longer than a business day: overdue for their first answer.
        c.b.keepFreshAlso(opened, c.rng.between(0.2, 2) * DAY);
        return true;
      }
      cursor.add('message', c.hours(0.5, 16), { by: 'seller', body: transit ? INCIDENT_ANSWERS.transit : INCIDENT_ANSWERS.received });
      if (end === 'IN_PROGRESS') {
        if (c.rng.chance(0.5)) cursor.add('message', c.hours(1, 20), { by: 'customer', body: c.text(transit ? INCIDENT_FOLLOW_UPS.transit : INCIDENT_FOLLOW_UPS.received) });
        c.b.keepFreshAlso(cursor.at, 3 * DAY);
        return true;
      }
      if (end === 'WITHDRAWN') {
        cursor.add('closeIncident', c.hours(6, 36), { by: 'customer', body: INCIDENT_CLOSINGS.withdrawn });
        noReplyNeeded(c, cursor);
        return true;
      }
      if (end === 'SETTLED_BY_REFUND') {
        const refundReason: RefundReason = reason === 'DEFECTIVE' ? 'DAMAGED_PRODUCT' : 'NOT_AS_DESCRIBED';
        cursor.add('refund', c.hours(2, 30), { refund: { reason: refundReason, lines: [line] }, settlesIncident: true });
        cursor.add('message', c.hours(0.05, 0.5), { by: 'seller', body: INCIDENT_CLOSINGS.refund });
        closesWhenRefunded(c, new Set([line]));
        return true;
      }
      const resolved = cursor.add('resolveIncident', c.hours(12, 72), { by: 'seller', body: RESOLUTIONS[reason] }).at;
      if (end === 'RESOLVED') {
        c.b.keepFreshAlso(resolved, closeAfter * 0.6);
        return true;
      }
      if (end === 'CLOSED_BY_SWEEPER') {
        c.b.insert('sweep', resolved + closeAfter + c.rng.between(5_000, 90_000), { timer: 'incident-close' });
        return true;
      }
      if (end === 'CLOSED_BY_CUSTOMER') {
        cursor.add('closeIncident', Math.min(c.hours(4, 60), closeAfter * 0.6), { by: 'customer', body: INCIDENT_CLOSINGS.accepted });
        noReplyNeeded(c, cursor);
        return true;
      }
      cursor.add('disputeIncident', Math.min(c.hours(6, 60), closeAfter * 0.6), { by: 'customer', body: INCIDENT_CLOSINGS.disputed });
      if (end === 'DISPUTED') {
        c.b.keepFreshAlso(cursor.at, 3 * DAY);
        return true;
      }
      cursor.add('closeIncident', c.hours(20, 72), { by: 'operator', body: INCIDENT_CLOSINGS.operator });
      noReplyNeeded(c, cursor);
      return true;
    },
  };
}

/** The shop reads the customer's closing words and marks that they need no answer. */
function noReplyNeeded(c: Context, cursor: Cursor): void {
  cursor.add('readThread', c.hours(1, 20), { by: 'seller' });
  cursor.add('noReplyNeeded', c.hours(0.01, 0.1), { by: 'seller' });
}

const openAnywhere = (draft: Draft, t: Timeline) => receivedOpen(draft, t) || shippedOpen(draft, t);

const INCIDENTS: readonly Episode[] = [
  incident('NEW', 4, openAnywhere),
  incident('IN_PROGRESS', 4, openAnywhere),
  incident('RESOLVED', 3, receivedOpen),
  incident('DISPUTED', 2, receivedOpen),
  incident('CLOSED_BY_CUSTOMER', 4, receivedAny),
  incident('CLOSED_BY_SWEEPER', 4, receivedAny),
  incident('CLOSED_BY_OPERATOR', 2, receivedAny),
  incident('SETTLED_BY_REFUND', 3, receivedAny),
  incident('WITHDRAWN', 2, shippedOpen),
];

// ------------------------------------------------------------------ returns

type ReturnEnd = 'REQUESTED' | 'ACCEPTED' | 'RECEIVED' | 'REFUNDED' | 'REJECTED' | 'CANCELED';

/** Asks to send back one line (all or some of its units), sometimes the whole order. */
function requestReturnStep(c: Context, reason: ReturnReason): { cursor: Cursor; returned: Map<number, number> } {
  const active = c.b.activeLines();
  const returned = new Map<number, number>();
  const lines = c.rng.chance(0.2) ? active : [c.rng.pick(active)];
  for (const index of lines) {
    const quantity = c.draft.lines[index].quantity;
    returned.set(index, quantity > 1 && c.rng.chance(0.4) ? c.rng.int(1, quantity - 1) : quantity);
  }
  const windowMs = Math.max(14, c.shop.returnPolicyDays) * DAY;
  const cursor = new Cursor(c.b, c.t.arrived!);
  const requested = cursor.add('requestReturn', Math.min(c.hours(12, 200), windowMs * 0.7), {
    by: 'customer',
    returnPlan: {
      reason,
      comment: c.rng.chance(0.85) ? c.text(nth(RETURN_COMMENTS[reason], Math.floor(c.turn / 2))) : undefined,
      lines: [...returned].map(([index, quantity]) => ({ index, quantity })),
    },
  });
  c.draft.episodeFrom = requested.at;
  return { cursor, returned };
}

function sendBack(c: Context, cursor: Cursor): void {
  const carrier = c.rng.weighted(['INPOST', 'POCZTA_POLSKA', 'DPD'], [6, 2, 2]);
  cursor.add('returnTracking', c.hours(3, 40), { by: 'customer', carrier, trackingNumber: c.b.trackingNumber(carrier) });
}

function returnEpisode(end: ReturnEnd, weight: number, fits: Episode['fits']): Episode {
  return {
    name: `return ${end}`,
    weight,
    fits,
    build(c) {
      const reason = end === 'REJECTED' ? nth<ReturnReason>(['WITHDRAWAL_NO_REASON', 'WITHDRAWAL_NO_REASON', 'WRONG_ITEM'], c.turn) : nth(RETURN_REASONS, c.turn);
      const { cursor, returned } = requestReturnStep(c, reason);
      if (end === 'REQUESTED') {
        c.b.keepFreshAlso(cursor.at, c.rng.between(0.2, 1.6) * DAY);
        return true;
      }
      if (end === 'REJECTED') {
        const rejection = reason === 'WRONG_ITEM' ? 'OTHER' : 'NOT_RETURNABLE';
        const message =
          rejection === 'OTHER'
            ? RETURN_REJECTIONS.OTHER
            : c.shop.category === 'książki'
              ? RETURN_REJECTIONS.NOT_RETURNABLE.książki
              : RETURN_REJECTIONS.NOT_RETURNABLE.default;
        cursor.add('rejectReturn', c.hours(2, 30), { by: 'seller', rejection, body: message });
        return true;
      }
      if (end === 'CANCELED') {
        if (c.rng.chance(0.5)) cursor.add('acceptReturn', c.hours(2, 26), { by: 'seller' });
        cursor.add('cancelReturn', c.hours(2, 48), { by: 'customer' });
        return true;
      }
      cursor.add('acceptReturn', c.hours(2, 26), { by: 'seller' });
      // Most send the parcel back with tracking; some hand it over in person (REFUNDED only).
      if (end !== 'REFUNDED' || c.rng.chance(0.75)) sendBack(c, cursor);
      if (end === 'ACCEPTED') {
        c.b.keepFreshAlso(cursor.at, 3 * DAY);
        return true;
      }
      cursor.add('returnReceived', c.hours(24, 72), { by: 'seller' });
      if (end === 'RECEIVED') {
        c.b.keepFreshAlso(cursor.at, 1.5 * DAY);
        return true;
      }
      cursor.add('refundReturn', c.hours(1, 48), { by: 'seller' });
      const whole = new Set([...returned].filter(([index, quantity]) => quantity === c.draft.lines[index].quantity).map(([index]) => index));
      closesWhenRefunded(c, whole);
      return true;
    },
  };
}

const RETURNS: readonly Episode[] = [
  returnEpisode('REQUESTED', 4, receivedOpen),
  returnEpisode('ACCEPTED', 4, receivedOpen),
  returnEpisode('RECEIVED', 3, receivedOpen),
  returnEpisode('REFUNDED', 8, receivedAny),
  returnEpisode('REJECTED', 3, receivedAny),
  returnEpisode('CANCELED', 3, receivedAny),
];

/**
 * Hands out the quotas shop by shop, round robin over every incident (then every return), so each
 * shop gets its share and the first shop's dashboard shows open incidents and a return to decide;
 * at most one incident or return per order.
 */
function assignEpisodes(drafts: Draft[], orders: number, rng: Random, d: Durations): void {
  const byShop = SHOPS.map((_, shop) => drafts.filter((draft) => draft.shop === shop));
  for (const episodes of [INCIDENTS, RETURNS]) {
    let turn = 0;
    for (const episode of episodes) {
      const quota = Math.max(1, Math.round((episode.weight * orders) / 300));
      for (let k = 0; k < quota; k += 1) if (assignOne(episode, byShop, turn, rng, d)) turn += 1;
    }
  }
}

/** Gives one episode to an order that fits, at the shop whose turn it is or the next one that has one. */
function assignOne(episode: Episode, byShop: Draft[][], turn: number, rng: Random, d: Durations): boolean {
  for (let s = 0; s < SHOPS.length; s += 1) {
    const fitting = byShop[(turn + s) % SHOPS.length].filter((draft) => !draft.episode && episode.fits(draft, timelineOf(draft.builder)));
    for (const draft of rng.shuffle(fitting).slice(0, 6)) {
      const c = contextOf(draft, rng, d, turn);
      const before = draft.builder.steps.length;
      if (attempt(c, Infinity, () => episode.build(c))) {
        draft.episode = episode.name;
        draft.episodeUntil = Math.max(...draft.builder.steps.slice(before).map((step) => step.at));
        return true;
      }
      draft.episodeFrom = undefined;
    }
  }
  return false;
}

// ------------------------------------------------------------------ messages

interface Window {
  phase: Phase;
  from: number;
  /** Infinity while the order still is in this phase (only then may a question wait for an answer). */
  to: number;
}

/** The phases of the order's life a customer may write in. */
function phasesOf(draft: Draft, t: Timeline): Window[] {
  const open = (state: OrderState) => (draft.expected === state ? Infinity : undefined);
  const windows: Window[] = [];
  const add = (phase: Phase, from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined && to - from > HOUR) windows.push({ phase, from, to });
  };
  const accepted = draft.builder.steps.find((step) => step.kind === 'accept')?.at ?? (draft.builder.shop.autoAccept ? 0 : undefined);
  add('decision', 0, t.decided ?? open('WAITING_ACCEPTANCE'));
  if (draft.builder.prepaid) add('payment', accepted, t.paid ?? t.ended ?? open('WAITING_DEBIT_PAYMENT'));
  const toShip = draft.builder.prepaid ? t.paid : accepted;
  add('shipping', toShip, t.shipped ?? t.ended ?? open('SHIPPING'));
  add(t.pickedUp ? 'pickup' : 'transit', t.shipped, t.arrived ?? open(t.pickedUp ? 'TO_COLLECT' : 'SHIPPED'));
  add('delivered', t.arrived, t.closeAt ?? open('RECEIVED') ?? (t.arrived !== undefined ? t.arrived + 10 * DAY : undefined));
  if (draft.expected === 'REFUSED') add('refused', t.ended, (t.ended ?? 0) + 4 * DAY);
  if (draft.expected === 'CANCELED') add('canceled', t.ended, (t.ended ?? 0) + 4 * DAY);
  return windows;
}

type ThreadEnd = 'answered' | 'thanked' | 'thanked, unread' | 'waiting' | 'read, waiting' | 'no reply needed' | 'shop first';

function conversationsFor(c: Context, phase: Phase): Conversation[] {
  return CONVERSATIONS[phase].filter((conversation) => !conversation.categories || conversation.categories.includes(c.shop.category));
}

/** One thread between the customer and the shop, inside one phase of the order. */
function converse(c: Context, window: Window, end: ThreadEnd): boolean {
  const ongoing = window.to === Infinity;
  const waits = end === 'waiting' || end === 'read, waiting' || end === 'thanked, unread';
  if (waits && !ongoing) return false;
  if (end === 'shop first' && window.phase !== 'shipping') return false;
  if (end === 'no reply needed' && window.phase !== 'delivered') return false;
  const span = Math.min(window.to - window.from, 3 * DAY);
  // A question still waiting comes after everything else the order went through.
  const start = waits ? Math.max(window.from, c.b.last) + c.hours(0.5, 20) : window.from + c.rng.between(0.05, 0.6) * span;
  const cursor = new Cursor(c.b, start);
  const answerWithin = (hours: number) => Math.min(hours, ongoing ? Infinity : Math.max(MINUTE, (window.to - cursor.at) * 0.8));
  const customer = (body: string, delay: number) => cursor.add('message', delay, { by: 'customer', body: c.text(body) });
  const seller = (body: string, delay: number) => cursor.add('message', delay, { by: 'seller', body: c.text(body) });

  if (end === 'shop first') {
    const conversation = c.rng.pick(SHOP_FIRST);
    seller(conversation.ask, 0);
    customer(conversation.answer, c.hours(0.5, 10));
    seller(conversation.thanks!, c.hours(0.2, 6));
    return true;
  }
  if (end === 'no reply needed') {
    customer(CONVERSATIONS.delivered[1].ask, 0);
    cursor.add('readThread', c.hours(1, 20), { by: 'seller' });
    cursor.add('noReplyNeeded', c.hours(0.01, 0.1), { by: 'seller' });
    return true;
  }
  const options = conversationsFor(c, window.phase);
  const withThanks = options.filter((conversation) => conversation.thanks);
  const conversation = c.rng.pick(end.startsWith('thanked') && withThanks.length ? withThanks : options);
  customer(conversation.ask, 0);
  if (end === 'waiting' || end === 'read, waiting') {
    if (end === 'read, waiting') cursor.add('readThread', c.hours(0.2, 4), { by: 'seller' });
    else if (c.rng.chance(0.25)) customer(c.rng.pick(NUDGES), c.hours(6, 20));
    // Some have waited past their reply deadline (one business day): the dashboard's overdue threads.
    c.b.keepFreshAlso(cursor.at, c.rng.between(0.1, 2.5) * DAY);
    return true;
  }
  seller(conversation.answer, answerWithin(c.hours(0.3, 9)));
  if (!end.startsWith('thanked')) {
    if (c.rng.chance(0.4)) cursor.add('readThread', c.hours(0.3, 20), { by: 'customer' });
    return true;
  }
  customer(conversation.thanks ?? THANKS_ONLY, c.hours(0.3, 12));
  if (end === 'thanked, unread') {
    c.b.keepFreshAlso(cursor.at, c.rng.between(0.1, 1.5) * DAY);
    return true;
  }
  cursor.add('readThread', c.hours(1, 30), { by: 'seller' });
  cursor.add('noReplyNeeded', c.hours(0.01, 0.1), { by: 'seller' });
  return true;
}

const THREAD_ENDS: readonly ThreadEnd[] = ['answered', 'thanked', 'thanked, unread', 'waiting', 'read, waiting', 'no reply needed', 'shop first'];
const THREAD_WEIGHTS: readonly number[] = [46, 12, 6, 14, 5, 5, 12];

/**
 * Two orders in five try a conversation, in a phase of their life it fits and before any incident or
 * return (with the complaints' own threads, about a third of the orders end up with one).
 */
function planMessages(drafts: Draft[], rng: Random, d: Durations): void {
  for (const draft of drafts) {
    if (!rng.chance(draft.episode ? 0.3 : 0.4)) continue;
    const c = contextOf(draft, rng, d);
    const windows = phasesOf(draft, c.t);
    if (windows.length === 0) continue;
    const end = rng.weighted(THREAD_ENDS, THREAD_WEIGHTS);
    // Questions still waiting are asked in the phase the order is in now; others in any phase.
    const ongoing = windows.filter((window) => window.to === Infinity);
    const choices = ['waiting', 'read, waiting', 'thanked, unread'].includes(end) ? ongoing : windows;
    for (const window of rng.shuffle([...choices]).slice(0, 2)) {
      if (attempt(c, draft.episodeFrom ?? Infinity, () => converse(c, window, end))) break;
    }
  }
}

// ------------------------------------------------------------------ ratings

/** Grade weights (1..5): most orders go well; a complaint drags the grade down, a return less so. */
const HAPPY: readonly number[] = [2, 2, 5, 21, 70];
const AFTER_INCIDENT: readonly number[] = [20, 20, 25, 20, 15];
const AFTER_RETURN: readonly number[] = [5, 8, 17, 30, 40];
const REPLY_CHANCE: readonly number[] = [0.8, 0.8, 0.7, 0.4, 0.3];

function ratingReply(rng: Random, grade: number): string {
  return rng.pick(grade >= 4 ? RATING_REPLIES.high : grade === 3 ? RATING_REPLIES.middle : RATING_REPLIES.low);
}

/** A rating by the customer after receipt (after the complaint or return, if there was one), maybe answered by the shop. */
function rate(c: Context, afterEpisode: boolean): boolean {
  c.draft.rating = undefined;
  c.draft.ratingReply = undefined;
  const from = afterEpisode ? c.draft.episodeUntil! : c.t.arrived!;
  const until = afterEpisode ? Infinity : c.draft.episodeFrom ?? Infinity;
  const at = from + Math.min(c.hours(3, afterEpisode ? 72 : 240), (until - from) * 0.8);
  if (at - c.t.arrived! > c.d.ratingWindowMs * 0.9) return false;
  const weights = !afterEpisode ? HAPPY : c.draft.episode!.startsWith('incident') ? AFTER_INCIDENT : AFTER_RETURN;
  const grade = 1 + c.rng.weighted([0, 1, 2, 3, 4], weights);
  const comment = c.rng.chance(0.8) ? c.text(c.rng.pick(RATING_COMMENTS[grade - 1])) : undefined;
  c.draft.rating = c.b.insert('rate', at, { by: 'customer', grade, body: comment });
  if (c.rng.chance(REPLY_CHANCE[grade - 1])) {
    c.draft.ratingReply = c.b.insert('replyRating', at + c.hours(2, 60), { by: 'seller', body: ratingReply(c.rng, grade) });
  }
  return true;
}

function planRatings(drafts: Draft[], rng: Random, d: Durations): void {
  for (const draft of drafts) {
    const c = contextOf(draft, rng, d);
    if (c.t.arrived === undefined || !['RECEIVED', 'CLOSED'].includes(draft.expected)) continue;
    if (!rng.chance(draft.episode ? 0.7 : 0.55)) continue;
    const ok = draft.episode && attempt(c, Infinity, () => rate(c, true));
    if (!ok && !attempt(c, Infinity, () => rate(c, false))) {
      draft.rating = undefined;
      draft.ratingReply = undefined;
    }
  }
  planRemovals(drafts, rng, d);
}

/** One rating whose removal the shop asked for (still waiting for the operator), one removed. */
function planRemovals(drafts: Draft[], rng: Random, d: Durations): void {
  const rated = rng.shuffle(drafts.filter((draft) => draft.rating));
  const usedShops = new Set<number>();
  for (const [kind, spec] of Object.entries(REMOVAL_CASES) as [keyof typeof REMOVAL_CASES, (typeof REMOVAL_CASES)['requested']][]) {
    for (const draft of rated.filter((candidate) => !usedShops.has(candidate.shop) && candidate.rating!.grade! <= 3)) {
      const c = contextOf(draft, rng, d);
      const rating = draft.rating!;
      const ok = attempt(c, Infinity, () => {
        // After the shop's reply, if any: once removed, the rating is gone from the shop's view.
        const from = Math.max(rating.at, draft.ratingReply?.at ?? 0);
        const requested = c.b.insert('requestRemoval', from + c.hours(4, 48), { by: 'seller', removalGround: spec.ground, body: spec.explanation });
        if (kind === 'removed') c.b.insert('decideRemoval', requested.at + c.hours(12, 72), { by: 'operator', remove: true });
        return true;
      });
      if (!ok) continue;
      rating.grade = spec.grade;
      rating.body = spec.comment;
      if (draft.ratingReply) draft.ratingReply.body = ratingReply(rng, spec.grade);
      usedShops.add(draft.shop);
      break;
    }
  }
}

/** Plans the whole after-sales side of a batch; mutates the drafts' steps and expected states. */
export function planAfterSales(drafts: Draft[], orders: number, rng: Random, d: Durations): void {
  assignEpisodes(drafts, orders, rng, d);
  planMessages(drafts, rng, d);
  planRatings(drafts, rng, d);
}

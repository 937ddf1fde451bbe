import { OrderState } from '../../../test/generated/graphql';
import { DAY, HOUR, MINUTE, Random } from '../random';
import { Durations } from '../story-builder';
import { Conversation, CONVERSATIONS, NUDGES, Phase, SHOP_FIRST, THANKS_ONLY } from '../texts';
import { attempt, Context, contextOf, Cursor } from './context';
import { Draft, Timeline } from './draft';

/**
 * Conversations between customers and shops in the order threads, outside any complaint: questions
 * answered, thanked for, still waiting for the shop (the dashboards' unread and overdue threads),
 * and a few the shop starts.
 */

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

/**
 * The shop reads the customer's last words and marks that they need no answer (after a thank-you,
 * or a complaint's closing words in incidents.ts), so the thread no longer counts as awaiting the shop's reply.
 */
export function noReplyNeeded(c: Context, cursor: Cursor, readWithinHours = 20): void {
  cursor.add('readThread', c.hours(1, readWithinHours), { by: 'seller' });
  cursor.add('noReplyNeeded', c.hours(0.01, 0.1), { by: 'seller' });
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
    noReplyNeeded(c, cursor);
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
  noReplyNeeded(c, cursor, 30);
  return true;
}

const THREAD_ENDS: readonly ThreadEnd[] = ['answered', 'thanked', 'thanked, unread', 'waiting', 'read, waiting', 'no reply needed', 'shop first'];
const THREAD_WEIGHTS: readonly number[] = [46, 12, 6, 14, 5, 5, 12];

/**
 * Two orders in five try a conversation, in a phase of their life it fits and before any incident or
 * return (with the complaints' own threads, about a third of the orders end up with one).
 */
export function planMessages(drafts: Draft[], rng: Random, d: Durations): void {
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

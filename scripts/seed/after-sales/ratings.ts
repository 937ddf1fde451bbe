import { Random } from '../random';
import { Durations } from '../story-builder';
import { RATING_COMMENTS, RATING_REPLIES } from '../texts';
import { attempt, Context, contextOf } from './context';
import { Draft } from './draft';

/** Ratings 1–5 on received orders, most with a comment, some answered by the shop. */

/** Grade weights (1..5): most orders go well; a complaint drags the grade down, a return less so. */
const HAPPY: readonly number[] = [2, 2, 5, 21, 70];
const AFTER_INCIDENT: readonly number[] = [20, 20, 25, 20, 15];
const AFTER_RETURN: readonly number[] = [5, 8, 17, 30, 40];
const REPLY_CHANCE: readonly number[] = [0.8, 0.8, 0.7, 0.4, 0.3];

/** The shop's reply, in a tone that fits the grade (removals.ts re-picks it when it changes the grade). */
export function ratingReply(rng: Random, grade: number): string {
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

/**
 * More than half the received orders are rated (seven in ten after an incident or return): after
 * the episode is over, or, where that does not fit the order's time rules, before it began.
 */
export function planRatings(drafts: Draft[], rng: Random, d: Durations): void {
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
}

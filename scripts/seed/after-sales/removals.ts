import { Random } from '../random';
import { Durations } from '../story-builder';
import { REMOVAL_CASES } from '../texts';
import { attempt, contextOf } from './context';
import { Draft } from './draft';
import { ratingReply } from './ratings';

type RemovalCase = keyof typeof REMOVAL_CASES;

/**
 * One rating whose removal the shop asked for (still waiting for the operator), one removed: each
 * at a different shop, on a rating of 3 or less, rewritten to the case's grade and comment (texts.ts), which
 * give the shop its ground.
 */
export function planRemovals(drafts: Draft[], rng: Random, d: Durations): void {
  const rated = rng.shuffle(drafts.filter((draft) => draft.rating));
  const usedShops = new Set<number>();
  for (const [kind, spec] of Object.entries(REMOVAL_CASES) as [RemovalCase, (typeof REMOVAL_CASES)[RemovalCase]][]) {
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

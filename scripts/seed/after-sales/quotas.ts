import { SHOPS } from '../catalog';
import { Random } from '../random';
import { Durations } from '../story-builder';
import { attempt, contextOf } from './context';
import { Draft, timelineOf } from './draft';
import { Episode } from './episode';
import { INCIDENTS } from './incidents';
import { RETURNS } from './returns';

/**
 * Hands out the quotas shop by shop, round robin over every incident (then every return), so each
 * shop gets its share and the first shop's dashboard shows open incidents and a return to decide;
 * at most one incident or return per order.
 */
export function assignEpisodes(drafts: Draft[], orders: number, rng: Random, d: Durations): void {
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

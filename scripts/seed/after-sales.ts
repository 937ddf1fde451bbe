import { Draft } from './after-sales/draft';
import { planMessages } from './after-sales/messages';
import { assignEpisodes } from './after-sales/quotas';
import { planRatings } from './after-sales/ratings';
import { planRemovals } from './after-sales/removals';
import { Random } from './random';
import { Durations } from './story-builder';

export type { Draft } from './after-sales/draft';

/**
 * The after-sales side of the demo marketplace, planned on top of the order stories (stories.ts)
 * before the orders are placed in time: customer messages and the shops' answers, incidents in
 * every status, returns in every status, ratings with replies and removal requests. One story kind
 * a file in after-sales/ (incidents, returns, messages, ratings, removals; quotas hands out the
 * incidents and returns; draft, context and episode are what they share).
 *
 * Incidents and returns come from quotas (per 300 orders, at least one each where an order fits),
 * handed out shop by shop so every seller's dashboard has something to show; messages and ratings
 * are drawn order by order. Whatever would change where an order ends (a refund of a line's whole
 * value makes it REFUNDED, and an order with every line REFUNDED is REFUNDED) updates the order's expected state, and open
 * incidents never sit on an order that should close. Every episode must fit its order's time rules
 * (freshness, the close timer); one that does not is rolled back and tried on another order.
 *
 * The layers run in this order, each planned around what the ones before placed: messages stay
 * before an incident or return, ratings come after it. All draw from one seeded `Random`, so
 * changing the order (or the draws inside a layer) changes the whole marketplace of a given seed.
 */
export function planAfterSales(drafts: Draft[], orders: number, rng: Random, d: Durations): void {
  assignEpisodes(drafts, orders, rng, d);
  planMessages(drafts, rng, d);
  planRatings(drafts, rng, d);
  planRemovals(drafts, rng, d);
}

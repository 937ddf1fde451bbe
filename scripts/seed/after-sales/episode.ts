import { Context } from './context';
import { Draft, Timeline } from './draft';

/**
 * An episode is the one incident or return an order may get (incidents.ts, returns.ts), handed out
 * by quota (quotas.ts). Each kind of episode ends in one status, on orders that can reach it.
 */
export interface Episode {
  name: string;
  /** How many per 300 orders. */
  weight: number;
  fits(draft: Draft, t: Timeline): boolean;
  build(c: Context): boolean;
}

// Which orders fit: received (open, or open or closed), or on its way to the door; none already refunded.
export const receivedOpen = (draft: Draft, t: Timeline) => draft.expected === 'RECEIVED' && t.arrived !== undefined && !t.refunds;
export const receivedAny = (draft: Draft, t: Timeline) => ['RECEIVED', 'CLOSED'].includes(draft.expected) && t.arrived !== undefined && !t.refunds;
export const shippedOpen = (draft: Draft, t: Timeline) => draft.expected === 'SHIPPED' && t.shipped !== undefined && !t.pickedUp && !t.refunds;

/**
 * A line's whole value refunded makes it REFUNDED; an order whose every active line (neither refused
 * nor canceled) is REFUNDED is itself REFUNDED, and never closes (the contract's state graph).
 */
export function refundedWhenEveryLineIs(c: Context, refunded: ReadonlySet<number>): void {
  if (c.b.activeLines().every((index) => refunded.has(index))) c.draft.expected = 'REFUNDED';
}

/** The n-th of a list, going round: with `turn`, a batch shows every reason and text in turn. */
export function nth<T>(items: readonly T[], n: number): T {
  return items[n % items.length];
}

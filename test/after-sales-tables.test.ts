import { RATING_STEPS } from '../src/ratings/rating-steps';
import { RatingRemovalStatus, REMOVAL_TRANSITIONS } from '../src/ratings/rating-removal';
import { RETURN_STEPS, returnWindowEndsAt } from '../src/returns/return-steps';
import { RETURN_TRANSITIONS, ReturnStatus } from '../src/returns/return-status';

/** Every state reachable from `start` through `table`. */
function reachable<S extends string>(table: Record<S, readonly S[]>, start: S): S[] {
  const seen = new Set<S>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of table[queue.shift()!]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen].sort();
}

describe('the return transition table (src/returns/return-status.ts)', () => {
  const ALL = Object.values(ReturnStatus);

  it('knows exactly the six statuses, and only them as targets', () => {
    expect(Object.keys(RETURN_TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const targets of Object.values(RETURN_TRANSITIONS)) for (const target of targets) expect(ALL).toContain(target);
  });

  it.each([ReturnStatus.REJECTED, ReturnStatus.REFUNDED, ReturnStatus.CANCELED])('gives the terminal status %s no exits', (status) => {
    expect(RETURN_TRANSITIONS[status]).toEqual([]);
  });

  it('reaches every status from REQUESTED, and none goes back to REQUESTED', () => {
    expect(reachable(RETURN_TRANSITIONS, ReturnStatus.REQUESTED)).toEqual([...ALL].sort());
    for (const status of ALL) expect(RETURN_TRANSITIONS[status]).not.toContain(ReturnStatus.REQUESTED);
  });

  it('lets the customer cancel only before the parcel is received', () => {
    const cancelable = ALL.filter((status) => RETURN_TRANSITIONS[status].includes(ReturnStatus.CANCELED));
    expect(cancelable).toEqual([ReturnStatus.REQUESTED, ReturnStatus.ACCEPTED]);
    expect(RETURN_STEPS.CANCEL.from).toEqual(cancelable);
  });

  it('has every step move along the table', () => {
    for (const rule of Object.values(RETURN_STEPS)) {
      for (const from of rule.from) if (rule.to) expect(RETURN_TRANSITIONS[from]).toContain(rule.to);
    }
  });

  it.each([
    [10, '2027-03-19T09:00:00.000Z'],
    [14, '2027-03-19T09:00:00.000Z'],
    [30, '2027-04-04T09:00:00.000Z'],
  ])('closes the window of a %i-day policy at receipt + max(14, days) x 24 h: %s', (days, expected) => {
    expect(returnWindowEndsAt(new Date('2027-03-05T09:00:00.000Z'), days).toISOString()).toBe(expected);
  });
});

describe('the rating removal table (src/ratings/rating-removal.ts)', () => {
  const ALL = Object.values(RatingRemovalStatus);

  it('knows exactly the four statuses; REMOVED and KEPT are final; all reachable from NONE', () => {
    expect(Object.keys(REMOVAL_TRANSITIONS).sort()).toEqual([...ALL].sort());
    expect(REMOVAL_TRANSITIONS.REMOVED).toEqual([]);
    expect(REMOVAL_TRANSITIONS.KEPT).toEqual([]);
    expect(reachable(REMOVAL_TRANSITIONS, RatingRemovalStatus.NONE)).toEqual([...ALL].sort());
  });

  it('offers nothing on a REMOVED rating, and has every step move along the table', () => {
    for (const rule of Object.values(RATING_STEPS)) {
      expect(rule.from).not.toContain(RatingRemovalStatus.REMOVED);
      for (const from of rule.from) for (const to of rule.to) expect(REMOVAL_TRANSITIONS[from]).toContain(to);
    }
  });
});

import { CUSTOMER_NAMES, ShopSpec, SHOPS } from '../catalog';
import { HOUR, MINUTE, Random } from '../random';
import { Durations, Step, StepKind, StoryBuilder } from '../story-builder';
import { render } from '../texts';
import { Draft, Timeline, timelineOf } from './draft';

/** Adds steps one after another from an instant (inserted among the story's own steps). */
export class Cursor {
  constructor(
    private readonly b: StoryBuilder,
    public at: number,
  ) {}

  add(kind: StepKind, delayMs: number, extra: Partial<Step> = {}): Step {
    this.at += Math.max(MINUTE, Math.round(delayMs));
    return this.b.insert(kind, this.at, extra);
  }
}

/** What every after-sales story builds with, for one order. */
export interface Context {
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

export function contextOf(draft: Draft, rng: Random, d: Durations, turn = 0): Context {
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
export function attempt(c: Context, until: number, build: () => boolean): boolean {
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

/**
 * The one source of "now" for business logic (deadlines, timestamps, the sweeper).
 * Tests move it forward instead of sleeping; production never touches the offset.
 */
let offsetMs = 0;
/** Set by `freeze`: every reading is this instant until the clock is set or reset. */
let frozenAtMs: number | undefined;

export const clock = {
  now(): Date {
    if (frozenAtMs !== undefined) return new Date(frozenAtMs);
    return new Date(Date.now() + offsetMs);
  },
  /** Moves the clock forward (or back) by `ms`; for tests and demos only. */
  advance(ms: number): void {
    offsetMs += ms;
    if (frozenAtMs !== undefined) frozenAtMs += ms;
  },
  /** Puts the clock at an exact instant; for tests only. */
  set(instant: Date): void {
    offsetMs = instant.getTime() - Date.now();
    frozenAtMs = undefined;
  },
  /**
   * Stops the clock at an exact instant; for tests of window edges only ("the last allowed
   * moment"), which a running clock would pass by the few milliseconds a request takes.
   */
  freeze(instant: Date): void {
    frozenAtMs = instant.getTime();
  },
  reset(): void {
    offsetMs = 0;
    frozenAtMs = undefined;
  },
};

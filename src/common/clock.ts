/**
 * The one source of "now" for business logic (deadlines, timestamps, the sweeper).
 * Tests move it forward instead of sleeping; production never touches the offset.
 */
let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  /** Moves the clock forward (or back) by `ms`; for tests and demos only. */
  advance(ms: number): void {
    offsetMs += ms;
  },
  /** Puts the clock at an exact instant; for tests only. */
  set(instant: Date): void {
    offsetMs = instant.getTime() - Date.now();
  },
  reset(): void {
    offsetMs = 0;
  },
};

import { ValidationError } from './errors';
import { toMinorUnits } from './money';

/**
 * Small input checks that answer a ValidationError naming the offending field, or nothing.
 * Services run them before touching the database, so bad input never half-applies.
 */
export type Path = (string | number)[];
export type Check = ValidationError | undefined;

export function firstProblem(...checks: (() => Check)[]): Check {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
}

/** Trimmed text of 1..max characters (0..max when optional). */
export function checkText(path: Path, value: string | null | undefined, max: number, optional = false): Check {
  if (value === null || value === undefined) return optional ? undefined : new ValidationError(path, 'is required');
  const length = value.trim().length;
  if (length === 0 && !optional) return new ValidationError(path, 'must not be empty');
  if (value.length > max) return new ValidationError(path, `must be at most ${max} characters`);
  if (value.includes('\u0000')) return new ValidationError(path, 'must not contain NUL characters');
  return undefined;
}

export function checkInt(path: Path, value: number, min: number, max: number): Check {
  if (!Number.isInteger(value) || value < min || value > max) {
    return new ValidationError(path, `must be a whole number from ${min} to ${max}`);
  }
  return undefined;
}

/** An amount with at most two decimals within [minMinor, maxMinor] minor units; the parsed value or a problem. */
export function parseAmount(path: Path, value: string, minMinor: number, maxMinor: number): number | ValidationError {
  const minor = toMinorUnits(value);
  if (minor === undefined) return new ValidationError(path, 'must be a decimal amount with at most two decimals, e.g. "129.99"');
  if (minor < minMinor) return new ValidationError(path, minMinor > 0 ? 'must be greater than zero' : 'must not be negative');
  if (minor > maxMinor) return new ValidationError(path, 'is too large');
  return minor;
}

export function checkList(path: Path, value: readonly unknown[], min: number, max: number): Check {
  if (value.length < min) return new ValidationError(path, min === 1 ? 'must not be empty' : `must have at least ${min} entries`);
  if (value.length > max) return new ValidationError(path, `must have at most ${max} entries`);
  return undefined;
}

export function checkHttpUrl(path: Path, value: string | null | undefined): Check {
  if (value === null || value === undefined) return undefined;
  const tooLong = checkText(path, value, 2000);
  if (tooLong) return tooLong;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return undefined;
  } catch {
    // answered below
  }
  return new ValidationError(path, 'must be an http(s) URL');
}

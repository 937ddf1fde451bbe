import { Field, ObjectType } from 'type-graphql';
import { apiError } from './errors';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A validated page request: how many, which way, and from where. */
export interface PageRequest {
  size: number;
  /** true when paging backwards (`last`/`before`). */
  backwards: boolean;
  cursor?: unknown[];
}

function checkSize(name: string, value: number | null | undefined): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw apiError('BAD_REQUEST', `${name} must be between 1 and ${MAX_PAGE_SIZE}`);
  }
}

/**
 * What one value of a keyset cursor must be. Cursors come back from clients, so decodeCursor checks
 * each value against its list's shape before any of them reaches a query:
 * - 'instant': an ISO-8601 timestamp with a zone (as `toISOString` writes it), between years 1 and 9999;
 * - 'instant?': the same, or null (a nullable sort key);
 * - 'uuid': a UUID;
 * - 'int': an integer that a PostgreSQL `integer` column holds.
 */
export type CursorValue = 'instant' | 'instant?' | 'uuid' | 'int';

/** The values a list's cursors hold, in the order it passes them to `encodeCursor`. */
export type CursorShape = readonly CursorValue[];

export function pageRequest(args: PageArgs, cursorKind: string, cursorShape: CursorShape): PageRequest {
  checkSize('first', args.first);
  checkSize('last', args.last);
  if (args.first != null && args.last != null) throw apiError('BAD_REQUEST', 'Pass first or last, not both');
  if (args.after != null && args.before != null) throw apiError('BAD_REQUEST', 'Pass after or before, not both');
  const backwards = args.last != null || args.before != null;
  const raw = backwards ? args.before : args.after;
  return {
    size: (backwards ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    backwards,
    cursor: raw == null ? undefined : decodeCursor(raw, cursorKind, cursorShape),
  };
}

/** Keyset cursors: the sort key values of an edge, tagged with what they are keys of. */
export function encodeCursor(kind: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

const INVALID_CURSOR = 'The cursor is not valid for this list (was it taken from another list or sort order?)';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;

/** An instant in canonical form (`toISOString`), which both `new Date` and `::timestamptz` read alike; undefined otherwise. */
function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  // Re-written rather than passed on: `new Date` rolls "02-30" over where PostgreSQL rejects it,
  // and PostgreSQL has no year 0.
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999 ? date.toISOString() : undefined;
}

/** The value checked against its shape (and made canonical), or undefined when it does not fit. */
function cursorValue(value: unknown, shape: CursorValue): unknown {
  switch (shape) {
    case 'instant?':
      return value === null ? null : instantOf(value);
    case 'instant':
      return instantOf(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX ? value : undefined;
  }
}

function parseCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The cursor's values when it is one of this list's (its kind and the shape of its values), else BAD_REQUEST. */
function decodeCursor(cursor: string, kind: string, shape: CursorShape): unknown[] {
  const parsed = parseCursor(cursor);
  if (!Array.isArray(parsed) || parsed[0] !== kind || parsed.length !== shape.length + 1) throw apiError('BAD_REQUEST', INVALID_CURSOR);
  const values = shape.map((valueShape, i) => cursorValue(parsed[i + 1], valueShape));
  if (values.some((value) => value === undefined)) throw apiError('BAD_REQUEST', INVALID_CURSOR);
  return values;
}

/** Trims the extra row fetched to learn whether there is another page, and orders rows as shown. */
export function slicePage<T>(rows: T[], request: PageRequest): { nodes: T[]; hasMore: boolean } {
  const hasMore = rows.length > request.size;
  const nodes = rows.slice(0, request.size);
  if (request.backwards) nodes.reverse();
  return { nodes, hasMore };
}

export function pageInfo<T>(nodes: T[], hasMore: boolean, request: PageRequest, cursorOf: (node: T) => string): PageInfo {
  return {
    hasNextPage: request.backwards ? request.cursor !== undefined : hasMore,
    hasPreviousPage: request.backwards ? hasMore : request.cursor !== undefined,
    startCursor: nodes.length ? cursorOf(nodes[0]) : null,
    endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
  };
}

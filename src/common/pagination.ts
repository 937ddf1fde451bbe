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

export function pageRequest(args: PageArgs, cursorKind: string): PageRequest {
  checkSize('first', args.first);
  checkSize('last', args.last);
  if (args.first != null && args.last != null) throw apiError('BAD_REQUEST', 'Pass first or last, not both');
  if (args.after != null && args.before != null) throw apiError('BAD_REQUEST', 'Pass after or before, not both');
  const backwards = args.last != null || args.before != null;
  const raw = backwards ? args.before : args.after;
  return {
    size: (backwards ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    backwards,
    cursor: raw == null ? undefined : decodeCursor(raw, cursorKind),
  };
}

/** Keyset cursors: the sort key values of an edge, tagged with what they are keys of. */
export function encodeCursor(kind: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, kind: string): unknown[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === kind) return parsed.slice(1);
  } catch {
    // answered below
  }
  throw apiError('BAD_REQUEST', 'The cursor is not valid for this list (was it taken from another list or sort order?)');
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

import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { ActorRef } from '../auth/viewer';
import { ErrorResult, NotFoundError, ValidationError } from './errors';
import * as errors from './errors';
import { IdempotencyRecord, StoredOutcome } from './idempotency.entity';
import { insertRow } from './row-writes';
import { transactionRows } from './transaction-statements';
import { inTransaction, Tx } from './transaction';
import { checkText } from './validation';

const MAX_KEY_LENGTH = 200;

/** Error classes by GraphQL type name, so a stored error is replayed as the same union member. */
const ERROR_CLASSES = new Map<string, Function>(
  (Object.values(errors) as unknown[])
    .filter((value): value is Function => typeof value === 'function' && value.prototype instanceof ErrorResult)
    .map((cls) => [cls.name, cls] as const),
);

export interface IdempotencyRequest {
  scope: string;
  key?: string | null;
  operation: string;
  /**
   * The mutation's input, fingerprinted with the operation so a key reused for another request is
   * refused instead of replayed. Required whenever a key is given; calls without one may leave it out.
   */
  input?: unknown;
}

export type Replay = { outcome: StoredOutcome } | { error: ValidationError } | undefined;

/** JSON with object keys sorted at every depth, so the order the client wrote them in does not matter. */
export function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (Array.isArray(value)) return value.map((item) => canonical(item) ?? null);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}

/** SHA-256 of the operation and the canonical JSON of its input without the idempotencyKey itself. */
export function fingerprintOf(operation: string, input: unknown): string {
  let payload = input;
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
    payload = rest;
  }
  return createHash('sha256').update(canonicalJson({ operation, input: payload }) ?? '').digest('hex');
}

/** Rows written before fingerprints were kept have '' and are replayed by operation alone, as then. */
const UNKNOWN_FINGERPRINT = '';

/**
 * Looks for the first outcome of (scope, key). A transaction-scoped advisory lock on the pair makes
 * a concurrent repeat wait for the first call to commit, so the body never runs twice.
 */
async function findReplay(tx: Tx, request: IdempotencyRequest): Promise<Replay> {
  const { scope, key, operation } = request;
  if (key === undefined || key === null) return undefined;
  if (request.input === undefined) throw new Error(`${operation} passes an idempotency key without its input`);
  const problem = checkText(['input', 'idempotencyKey'], key, MAX_KEY_LENGTH);
  if (problem) return { error: problem };
  // PostgreSQL text cannot hold NUL, so the pair is joined with '/', which no scope contains.
  await transactionRows(tx.em, 'select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${scope}/${key}`]);
  const record = await tx.em.findOne(IdempotencyRecord, { scope, key });
  if (!record) return undefined;
  if (record.operation !== operation) {
    return { error: new ValidationError(['input', 'idempotencyKey'], `This idempotencyKey was already used for ${record.operation}`) };
  }
  if (record.fingerprint !== UNKNOWN_FINGERPRINT && record.fingerprint !== fingerprintOf(operation, request.input)) {
    return { error: new ValidationError(['input', 'idempotencyKey'], 'was already used with a different input') };
  }
  return { outcome: record.outcome };
}

function saveOutcome(tx: Tx, request: IdempotencyRequest, result: object, uuid?: string): void {
  if (request.key === undefined || request.key === null) return;
  const outcome: StoredOutcome =
    result instanceof ErrorResult
      ? { kind: 'error', typename: result.constructor.name, fields: { ...result } }
      : { kind: 'entity', typename: result.constructor.name, uuid: uuid! };
  const { scope, key, operation, input } = request;
  const record = Object.assign(new IdempotencyRecord(), { scope, key, operation, fingerprint: fingerprintOf(operation, input), outcome, createdAt: tx.now });
  tx.write(insertRow(tx.em, record));
}

/** Carries a business error out of a transaction it rolls back (a request without an idempotency key). */
class Refusal extends Error {
  constructor(readonly result: ErrorResult) {
    super(`refused: ${result.constructor.name}`);
  }
}

interface Replayed {
  replayed: StoredOutcome;
}

function isReplay(result: object): result is Replayed {
  return 'replayed' in result;
}

/** Rebuilds a stored error as an instance of its class (dates revived). */
function reviveError(outcome: Extract<StoredOutcome, { kind: 'error' }>): ErrorResult {
  const cls = ERROR_CLASSES.get(outcome.typename);
  if (!cls) throw new Error(`Unknown stored error type ${outcome.typename}`);
  const error = Object.create(cls.prototype) as ErrorResult & { deadline?: Date | string };
  Object.assign(error, outcome.fields);
  if (typeof error.deadline === 'string') error.deadline = new Date(error.deadline);
  return error;
}

/**
 * Runs a mutation body in one transaction, at most once per (viewer, idempotency key): a repeat
 * gets the first outcome again. A business error changes nothing, yet its outcome is still kept.
 */
export async function runIdempotent<T extends { uuid: string }>(
  em: EntityManager,
  actor: ActorRef,
  request: IdempotencyRequest,
  body: (tx: Tx) => Promise<T | ErrorResult>,
): Promise<T | ErrorResult> {
  const keyed = request.key !== undefined && request.key !== null;
  const result = await inTransaction<T | ErrorResult | Replayed>(em, actor, async (tx) => {
    const replay = await findReplay(tx, request);
    if (replay) return 'error' in replay ? replay.error : { replayed: replay.outcome };
    if (!keyed) {
      // Nothing to keep on a business error: the whole transaction rolls back instead of a savepoint's worth.
      const outcome = await body(tx);
      if (outcome instanceof ErrorResult) throw new Refusal(outcome);
      return outcome;
    }
    const undo = await tx.savepoint();
    const outcome = await body(tx);
    if (outcome instanceof ErrorResult) await undo(); // a business error changes nothing

    saveOutcome(tx, request, outcome, outcome instanceof ErrorResult ? undefined : outcome.uuid);
    return outcome;
  }).catch((error: unknown) => {
    if (error instanceof Refusal) return error.result;
    throw error;
  });
  if (!isReplay(result)) return result;
  const stored = result.replayed;
  if (stored.kind === 'error') return reviveError(stored);
  // Stored by entity name: a step may answer another entity than the one it ran on (an incident it opened).
  return ((await em.findOne<T>(stored.typename, { uuid: stored.uuid } as never)) as T | null) ?? new NotFoundError('Not found');
}

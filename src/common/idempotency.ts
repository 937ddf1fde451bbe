import { EntityClass, FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ActorRef } from '../auth/viewer';
import { ErrorResult, NotFoundError, ValidationError } from './errors';
import * as errors from './errors';
import { IdempotencyRecord, StoredOutcome } from './idempotency.entity';
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
}

export type Replay = { outcome: StoredOutcome } | { error: ValidationError } | undefined;

/**
 * Looks for the first outcome of (scope, key). A transaction-scoped advisory lock on the pair makes
 * a concurrent repeat wait for the first call to commit, so the body never runs twice.
 */
async function findReplay(tx: Tx, request: IdempotencyRequest): Promise<Replay> {
  const { scope, key, operation } = request;
  if (key === undefined || key === null) return undefined;
  const problem = checkText(['input', 'idempotencyKey'], key, MAX_KEY_LENGTH);
  if (problem) return { error: problem };
  // PostgreSQL text cannot hold NUL, so the pair is joined with '/', which no scope contains.
  await tx.em.getConnection().execute(
    'select pg_advisory_xact_lock(hashtextextended(?, 0))',
    [`${scope}/${key}`],
    'all',
    tx.em.getTransactionContext(),
  );
  const record = await tx.em.findOne(IdempotencyRecord, { scope, key });
  if (!record) return undefined;
  if (record.operation !== operation) {
    return { error: new ValidationError(['input', 'idempotencyKey'], `This idempotencyKey was already used for ${record.operation}`) };
  }
  return { outcome: record.outcome };
}

function saveOutcome(tx: Tx, request: IdempotencyRequest, result: object, uuid?: string): void {
  if (request.key === undefined || request.key === null) return;
  const outcome: StoredOutcome =
    result instanceof ErrorResult
      ? { kind: 'error', typename: result.constructor.name, fields: { ...result } }
      : { kind: 'entity', typename: result.constructor.name, uuid: uuid! };
  tx.em.create(IdempotencyRecord, { ...request, key: request.key, outcome, createdAt: tx.now });
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
  entity: EntityClass<T>,
  body: (tx: Tx) => Promise<T | ErrorResult>,
): Promise<T | ErrorResult> {
  const result = await inTransaction(em, actor, async (tx) => {
    const replay = await findReplay(tx, request);
    if (replay) return 'error' in replay ? replay.error : replay.outcome;
    const outcome = await body(tx);
    if (outcome instanceof ErrorResult) tx.em.clear();
    saveOutcome(tx, request, outcome, outcome instanceof ErrorResult ? undefined : outcome.uuid);
    return outcome;
  });
  if (result instanceof ErrorResult || result instanceof entity) return result as T | ErrorResult;
  const stored = result as StoredOutcome;
  if (stored.kind === 'error') return reviveError(stored);
  return (await em.findOne(entity, { uuid: stored.uuid } as FilterQuery<T>)) ?? new NotFoundError('Not found');
}

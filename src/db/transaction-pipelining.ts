/*
 * Why a transaction's BEGIN and COMMIT ride on its statements (issue 8, docs/performance.md,
 * "Writes, round 3"): knex sends `BEGIN;` and `COMMIT;` as statements of their own, so a step
 * (BEGIN; lock the order; its writes and events; COMMIT) made four round trips to PostgreSQL, and
 * each cost the server a socket write, a wake-up for the answer and knex's query machinery: the
 * largest share of a mutation's CPU after MikroORM itself. pg sends one query at a time, but one
 * simple-protocol query may hold several statements, which PostgreSQL runs in order, stopping at the
 * first error. So, on every connection of the ORM's pool:
 *
 * - `BEGIN;` is held back and sent in front of the transaction's first statement (`BEGIN;<sql>`);
 * - the transaction's last statement may carry its `COMMIT` (`withCommit`); knex's own `COMMIT;`
 *   that follows is then answered here without a round trip.
 *
 * A step becomes two round trips. Nothing else changes: an error in the first statement leaves the
 * transaction open and aborted, as it would be anyway, and knex's ROLLBACK ends it; an error in the
 * last statement skips its COMMIT (PostgreSQL ignores the rest of a query after an error), so the
 * ROLLBACK that follows undoes it; a failed COMMIT ends the transaction by itself, and the error
 * reaches the caller. A transaction that sends nothing sends no BEGIN either.
 */

/** What a pooled pg client answers; for several statements in one query, an array of them. */
type QueryResult = { command?: string; rows?: unknown[] };
type Callback = (error: Error | null, result?: QueryResult | QueryResult[]) => void;
interface QueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
}
interface PooledPgClient {
  query(...args: unknown[]): unknown;
}

/** Appended to the last statement of a transaction by `withCommit`; recognised here by its exact text. */
const COMMIT_SUFFIX = ';\ncommit /* the transaction ends with its last statement */';

/** The transaction's last statement with its COMMIT: one round trip for both (see above). */
export function withCommit(sql: string): string {
  return sql + COMMIT_SUFFIX;
}

/** How knex ends a transaction (`COMMIT;`, `ROLLBACK`); a savepoint's `ROLLBACK TO …` is not an end. */
const TRANSACTION_END = /^(COMMIT|ROLLBACK);?$/;

/** Where a connection stands: no transaction, BEGIN held back, in a transaction, or committed by its last statement. */
type Phase = 'idle' | 'begin-held' | 'open' | 'committed';

/** Queries sent to PostgreSQL over every pooled connection: round trips (statements-per-mutation tests read it). */
export const roundTrips = { count: 0 };

/** What PostgreSQL answers to a statement that was not sent, as pg would hand it over. */
function noRoundTrip(command: string): QueryResult {
  return { command, rows: [], rowCount: null, fields: [], oid: null } as QueryResult;
}

/** The statement's own answer out of what a query of several statements returned. */
function answerOf(result: QueryResult | QueryResult[] | undefined, leading: number, trailing: number): QueryResult | QueryResult[] | undefined {
  if (!Array.isArray(result)) return result;
  const own = result.slice(leading, result.length - trailing);
  return own.length === 1 ? own[0] : own;
}

/**
 * Makes `client` (a connection of the ORM's pool, from the pool's `afterCreate`) send BEGIN and
 * COMMIT with the statements next to them. Its `query` keeps pg's signatures: (text | config,
 * [values], [callback]), a promise when no callback is given.
 */
export function pipelineTransactionBounds(client: PooledPgClient): void {
  const send = client.query.bind(client) as (config: QueryConfig, callback?: Callback) => unknown;
  let phase: Phase = 'idle';

  const sent = (config: QueryConfig, leading: number, trailing: number, callback: Callback, after: (error: Error | null) => void): void => {
    roundTrips.count += 1;
    send(config, (error, result) => {
      after(error);
      callback(error, error ? undefined : answerOf(result, leading, trailing));
    });
  };

  const run = (config: QueryConfig, callback: Callback): void => {
    const simple = !config.name && !(config.values && config.values.length > 0);
    const text = config.text;
    const end = TRANSACTION_END.exec(text)?.[1];
    if (phase === 'idle' && text === 'BEGIN;') {
      phase = 'begin-held';
      return process.nextTick(callback, null, noRoundTrip('BEGIN'));
    }
    if (phase === 'begin-held' && end) {
      // A transaction that sent nothing: there is nothing to end.
      phase = 'idle';
      return process.nextTick(callback, null, noRoundTrip(end));
    }
    if (phase === 'committed') {
      // The COMMIT went with the last statement; a ROLLBACK here follows the error below.
      if (end) {
        phase = 'idle';
        return process.nextTick(callback, null, noRoundTrip(end));
      }
      // Anything else would run outside the transaction that just committed: a bug in the caller,
      // refused rather than sent.
      return process.nextTick(callback, new Error(`a statement was sent after its transaction committed with its last statement: ${text.slice(0, 80)}`));
    }
    const commits = simple && text.endsWith(COMMIT_SUFFIX);
    const settle = (error: Error | null) => {
      if (commits && !error) phase = 'committed';
      else if (end) phase = 'idle';
    };
    if (phase === 'begin-held') {
      phase = 'open';
      if (simple) return sent({ ...config, text: `BEGIN;${text}` }, 1, commits ? 1 : 0, callback, settle);
      // A prepared statement cannot share a query with BEGIN: BEGIN goes first, on its own.
      roundTrips.count += 1;
      send({ text: 'BEGIN;' }, () => undefined);
    }
    sent(config, 0, commits ? 1 : 0, callback, settle);
  };

  client.query = (first: unknown, second?: unknown, third?: unknown): unknown => {
    // A submittable (a cursor, a stream) is pg's own business; none is used inside a transaction here.
    if (typeof first === 'object' && first !== null && typeof (first as { submit?: unknown }).submit === 'function') {
      roundTrips.count += 1;
      return send(first as QueryConfig, second as Callback);
    }
    const config: QueryConfig = typeof first === 'string' ? { text: first } : { ...(first as QueryConfig) };
    let callback: Callback | undefined;
    if (typeof second === 'function') callback = second as Callback;
    else {
      if (second !== undefined) config.values = second as unknown[];
      if (typeof third === 'function') callback = third as Callback;
    }
    if (callback) return run(config, callback);
    return new Promise((resolve, reject) => run(config, (error, result) => (error ? reject(error) : resolve(result))));
  };
}

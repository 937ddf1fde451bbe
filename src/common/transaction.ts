import { EntityManager } from '@mikro-orm/postgresql';
import { ActorRef } from '../auth/viewer';
import { clock } from './clock';
import { appendEvents, EventDraft } from './events/event-log';
import { collectRowWrites, forgetHeldRows, heldRowWrites, RowWrite } from './row-writes';
import { transactionRows } from './transaction-statements';

/** What a change sees inside its transaction: one clock reading, the EM, and the events it records. */
export interface Tx {
  em: EntityManager;
  now: Date;
  actor: ActorRef;
  record(event: Omit<EventDraft, 'actor' | 'occurredAt'> & { actor?: ActorRef }): void;
  /** Queues a fixed statement (a new row: `insertRow`) for the transaction's last statement, with its events. */
  write(row: RowWrite): void;
  /**
   * Marks the present point; the returned function undoes everything since (SQL already sent,
   * entities not yet flushed, events recorded), so a business error can leave the transaction
   * exactly as it was and still commit what came before (the idempotency record).
   */
  savepoint(): Promise<() => Promise<void>>;
}

let savepoints = 0;

/**
 * Runs inside every transaction that recorded events, after its changes are flushed and before the
 * events are appended: how another module adds its own rows (`tx.write`) to the same commit (the
 * customer notification outbox) without the changing module knowing about it. A hook may record more events.
 */
export type BeforeCommitHook = (tx: Tx, events: readonly EventDraft[]) => Promise<void>;
export const beforeCommitHooks: BeforeCommitHook[] = [];

/**
 * Runs `work` in one transaction: entity changes are flushed, then the rows the transaction holds
 * (src/common/row-writes.ts: the locked entity a step changed) and the queued writes are sent with
 * the recorded events in one statement, which also commits (src/db/transaction-pipelining.ts; see
 * event-log.ts for how readers keep commit order without a lock). Either everything commits or
 * nothing does.
 *
 * Not `em.transactional`: that flushes once more after `work`, a second pass over every entity the
 * transaction loaded that finds nothing here (the last statement has committed by then), and
 * merges the fork's entities back into the request's EntityManager, which nothing reads after a
 * write. Its fork (the caller's entities visible, `clear: false`) and knex transaction are the same.
 */
export async function inTransaction<T>(em: EntityManager, actor: ActorRef, work: (tx: Tx) => Promise<T>): Promise<T> {
  const txEm = em.fork({ clear: false });
  const connection = txEm.getConnection();
  const transaction = await connection.begin();
  txEm.setTransactionContext(transaction);
  try {
    const result = await runTransaction(txEm, actor, work);
    await connection.commit(transaction);
    return result;
  } catch (error) {
    await connection.rollback(transaction);
    throw error;
  } finally {
    txEm.resetTransactionContext();
  }
}

async function runTransaction<T>(txEm: EntityManager, actor: ActorRef, work: (tx: Tx) => Promise<T>): Promise<T> {
  const drafts: EventDraft[] = [];
  const writes: RowWrite[] = [];
  const now = clock.now();
  const tx: Tx = {
    em: txEm,
    now,
    actor,
    record: (event) => drafts.push({ ...event, actor: event.actor ?? actor, occurredAt: now }),
    write: (row) => writes.push(row),
    async savepoint() {
      const name = `before_change_${(savepoints += 1)}`;
      // Written first, so the undo below forgets only what came after the savepoint.
      collectRowWrites(txEm);
      await txEm.flush();
      await appendEvents(txEm, [], heldRowWrites(txEm).concat(writes.splice(0)));
      await transactionRows(txEm, `savepoint ${name}`, []);
      const recorded = drafts.length;
      return async () => {
        await transactionRows(txEm, `rollback to savepoint ${name}`, []);
        txEm.clear();
        forgetHeldRows(txEm);
        drafts.length = recorded;
        writes.length = 0;
      };
    },
  };
  const result = await work(tx);
  if (drafts.length > 0) {
    const changes = [...drafts];
    // Hooks add rows with `tx.write`: they go in the statement below. A query a hook makes
    // through the EntityManager flushes what it depends on first (MikroORM's FlushMode.AUTO).
    for (const hook of beforeCommitHooks) await hook(tx, changes);
  }
  // The last flush: the statement below commits (`last`), so nothing may be sent after it.
  collectRowWrites(txEm);
  await txEm.flush();
  await appendEvents(txEm, drafts, heldRowWrites(txEm).concat(writes), { last: true });
  return result;
}

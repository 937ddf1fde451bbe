import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { openOrm } from '../src/db/orm';
import { roundTrips, withCommit } from '../src/db/transaction-pipelining';
import { createTestDatabase } from './support/app';

/**
 * BEGIN sent with a transaction's first statement and COMMIT with its last (src/db/transaction-pipelining.ts),
 * on the ORM's real pool against a real PostgreSQL: what commits, what rolls back, and what each costs in round trips.
 */

let orm: MikroORM;
let observer: Client;

const rows = async (): Promise<number[]> => (await observer.query<{ n: number }>('select n from item order by n')).rows.map((row) => row.n);

/** Runs `work` in an ORM transaction and counts the queries the pool sent meanwhile. */
async function tripsOf(work: (execute: (sql: string) => Promise<unknown>) => Promise<void>): Promise<{ trips: number; error?: string }> {
  const before = roundTrips.count;
  try {
    await orm.em.fork().transactional((em) => work((sql) => em.getConnection().execute(sql, [], 'all', em.getTransactionContext())));
    return { trips: roundTrips.count - before };
  } catch (error) {
    return { trips: roundTrips.count - before, error: (error as Error).message };
  }
}

beforeAll(async () => {
  const url = await createTestDatabase();
  // One connection: every transaction below reuses the connection the one before it left.
  orm = await openOrm(url, 1);
  observer = new Client({ connectionString: url });
  await observer.connect();
  await observer.query(
    'create table item (n int primary key, parent int references item (n) deferrable initially deferred, check (n < 100))',
  );
});
afterAll(async () => {
  await observer.end();
  await orm.close();
});
beforeEach(() => observer.query('delete from item'));

describe('transaction bounds sent with the statements next to them', () => {
  it('commits with its last statement in 2 round trips, and the rows are visible to another connection', async () => {
    const result = await tripsOf(async (execute) => {
      await execute('insert into item (n) values (1)');
      await execute(withCommit('insert into item (n) values (2)'));
    });
    expect(result).toEqual({ trips: 2 });
    expect(await rows()).toEqual([1, 2]);
  });

  it('without withCommit, COMMIT is a round trip of its own (3), with the same outcome', async () => {
    const result = await tripsOf(async (execute) => {
      await execute('insert into item (n) values (1)');
      await execute('insert into item (n) values (2)');
    });
    expect(result).toEqual({ trips: 3 });
    expect(await rows()).toEqual([1, 2]);
  });

  it('a transaction that sends no statement sends no BEGIN or COMMIT either', async () => {
    expect(await tripsOf(async () => undefined)).toEqual({ trips: 0 });
  });

  it('a failing first statement rolls back (its ROLLBACK is a round trip) and leaves the connection usable', async () => {
    const failed = await tripsOf(async (execute) => {
      await execute('insert into item (n) values (500)');
    });
    expect(failed).toEqual({ trips: 2, error: expect.stringContaining('item_n_check') });
    expect(await tripsOf(async (execute) => void (await execute(withCommit('insert into item (n) values (3)'))))).toEqual({ trips: 1 });
    expect(await rows()).toEqual([3]);
  });

  it('a failing last statement skips its COMMIT: nothing of the transaction is kept', async () => {
    const failed = await tripsOf(async (execute) => {
      await execute('insert into item (n) values (4)');
      await execute(withCommit('insert into item (n) values (400)'));
    });
    expect(failed).toEqual({ trips: 3, error: expect.stringContaining('item_n_check') });
    expect(await rows()).toEqual([]);
    expect(await tripsOf(async (execute) => void (await execute(withCommit('insert into item (n) values (5)'))))).toEqual({ trips: 1 });
    expect(await rows()).toEqual([5]);
  });

  it('a failing COMMIT (a deferred constraint) reaches the caller, keeps nothing, and leaves the connection usable', async () => {
    const failed = await tripsOf(async (execute) => {
      await execute('insert into item (n) values (6)');
      await execute(withCommit('insert into item (n, parent) values (7, 99)'));
    });
    expect(failed).toEqual({ trips: 3, error: expect.stringContaining('item_parent_fkey') });
    expect(await rows()).toEqual([]);
    expect(await tripsOf(async (execute) => void (await execute(withCommit('insert into item (n) values (8)'))))).toEqual({ trips: 1 });
    expect(await rows()).toEqual([8]);
  });

  it('refuses a statement after the transaction committed, without sending it', async () => {
    const failed = await tripsOf(async (execute) => {
      await execute(withCommit('insert into item (n) values (9)'));
      await execute('insert into item (n) values (10)');
    });
    expect(failed).toEqual({ trips: 1, error: expect.stringContaining('a statement was sent after its transaction committed') });
    // The first insert committed; the second never reached PostgreSQL.
    expect(await rows()).toEqual([9]);
    expect(await tripsOf(async (execute) => void (await execute(withCommit('insert into item (n) values (11)'))))).toEqual({ trips: 1 });
    expect(await rows()).toEqual([9, 11]);
  });

  it('a prepared first statement gets BEGIN on its own, and still runs inside the transaction', async () => {
    const before = roundTrips.count;
    const failed = await orm.em
      .fork()
      .transactional(async (em) => {
        await em.getKnex().raw('insert into item (n) values (?)', [12]).transacting(em.getTransactionContext()!);
        throw new Error('undo');
      })
      .catch((error: Error) => error.message);
    expect(failed).toBe('undo');
    // BEGIN, the insert, ROLLBACK: the insert was inside the transaction, so it is gone.
    expect(roundTrips.count - before).toBe(3);
    expect(await rows()).toEqual([]);
  });
});

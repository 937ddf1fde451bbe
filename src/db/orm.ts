import { MikroORM, PostgreSqlDriver, Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../migrations';
import { ENTITIES } from './entities';
import { pipelineTransactionBounds } from './transaction-pipelining';

/** Postgres stops any statement that runs longer than this, so one bad query cannot hold a connection. */
const STATEMENT_TIMEOUT_MS = 15_000;
/** A write waits this long at most for a row another transaction holds, then fails instead of queueing on. */
const LOCK_TIMEOUT_MS = 5_000;
/**
 * A transaction left idle this long (a stalled process, a stuck client) is ended by PostgreSQL: it
 * would hold its row locks and, while open, hold back the event log's commit watermark (live
 * delivery of everything committed after it began; see src/common/events/event-log.ts).
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 5_000;

export function ormOptions(clientUrl: string, poolMax = 10): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: {
      min: 0,
      max: poolMax,
      afterCreate: (connection: { query: (sql: string, done: (error: Error | null) => void) => void }, done: (error: Error | null) => void) =>
        connection.query(
          `set statement_timeout = ${STATEMENT_TIMEOUT_MS}; set lock_timeout = ${LOCK_TIMEOUT_MS}; ` +
            `set idle_in_transaction_session_timeout = ${IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
          (error) => {
            if (!error) pipelineTransactionBounds(connection as never);
            done(error);
          },
        ),
    },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
  };
}

export async function openOrm(clientUrl: string, poolMax?: number): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, poolMax));
}

/** Applies the committed migrations; safe to run from several instances (each runs in a transaction under a lock). */
export async function migrate(orm: MikroORM): Promise<void> {
  const connection = orm.em.getConnection();
  await connection.execute('select pg_advisory_lock(7340022)');
  try {
    await orm.getMigrator().up();
  } finally {
    await connection.execute('select pg_advisory_unlock(7340022)');
  }
}

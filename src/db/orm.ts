import { MikroORM, PostgreSqlDriver, Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../migrations';
import { ENTITIES } from './entities';

/** Postgres stops any statement that runs longer than this, so one bad query cannot hold a connection. */
const STATEMENT_TIMEOUT_MS = 15_000;

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
        connection.query(`set statement_timeout = ${STATEMENT_TIMEOUT_MS}`, done),
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

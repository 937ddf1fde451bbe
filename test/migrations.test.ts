import { migrate, openOrm } from '../src/db/orm';
import { MIGRATIONS } from '../src/migrations';
import { createTestDatabase } from './support/app';

describe('migrations', () => {
  it('bring a new database exactly to the schema the entities describe (no drift)', async () => {
    const orm = await openOrm(await createTestDatabase());
    try {
      await migrate(orm);
      const drift = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false });
      // When this fails: `npm run build && DATABASE_URL=... node dist/scripts/schema-diff.js` prints the missing SQL.
      expect(drift.trim()).toBe('');
    } finally {
      await orm.close();
    }
  });

  it('can run twice (a second instance starting) without applying anything again', async () => {
    const orm = await openOrm(await createTestDatabase());
    try {
      await migrate(orm);
      await migrate(orm);
      const applied = await orm.getMigrator().getExecutedMigrations();
      expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    } finally {
      await orm.close();
    }
  });
});

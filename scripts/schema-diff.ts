import 'reflect-metadata';
import { openOrm, migrate } from '../src/db/orm';

/**
 * Prints the SQL that would bring the migrated database in line with the entities: empty when the
 * committed migrations are complete. Wrap its output in a new src/migrations file when it is not.
 * Usage: DATABASE_URL=postgres://... node dist/scripts/schema-diff.js
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a database this script may migrate');
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false });
    process.stdout.write(sql.trim() ? `${sql.trim()}\n` : '-- the migrations match the entities\n');
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency fingerprints: a repeat of a key must send the same request. Rows kept before this have
 * no fingerprint to compare; they get '' (replayed by operation alone, as before), and the default is
 * dropped again so the column is exactly what the entity describes.
 */
export class Migration20261127070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "idempotency_record" add column "fingerprint" text not null default ''`);
    this.addSql(`alter table "idempotency_record" alter column "fingerprint" drop default`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Events name the incident, return or rating they are about (after-sales). */
export class Migration20261127020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "event" add column "incident_uuid" uuid null, add column "return_uuid" uuid null, add column "rating_uuid" uuid null`);
  }
}

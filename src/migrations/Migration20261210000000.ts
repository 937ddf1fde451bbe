import { Migration } from '@mikro-orm/migrations';

/**
 * The event log without a global lock (src/common/events/event-log.ts): each event carries the id of
 * the transaction that appended it (`txid`) and the transaction-id part of its log position
 * (`position_txid`); readers stop at the commit watermark and page by (position_txid, id).
 * Events appended before this (in commit order, under the old lock) get 0 in both, so they keep
 * their order and come before every later event. The indexes follow the new paging order.
 *
 * `event_log_secret` holds the key that makes event cursors opaque (random, made here once per
 * database from gen_random_uuid(), which draws from PostgreSQL's strong random source) and the last
 * id of the old cursor format, so a client resuming with an old cursor still can.
 *
 * Order references no longer count the marketplace's orders, so their sequence goes.
 */
export class Migration20261210000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "event" add column "txid" xid8 not null default '0', add column "position_txid" xid8 not null default '0'`);
    this.addSql(`alter table "event" alter column "txid" set default pg_current_xact_id(), alter column "position_txid" set default pg_current_xact_id()`);
    this.addSql(`drop index "event_order_uuid_id_index"`);
    this.addSql(`drop index "event_customer_uuid_id_index"`);
    this.addSql(`drop index "event_shop_uuid_id_index"`);
    this.addSql(`create index "event_position_txid_id_index" on "event" ("position_txid", "id")`);
    this.addSql(`create index "event_order_uuid_position_txid_id_index" on "event" ("order_uuid", "position_txid", "id")`);
    this.addSql(`create index "event_customer_uuid_position_txid_id_index" on "event" ("customer_uuid", "position_txid", "id")`);
    this.addSql(`create index "event_shop_uuid_position_txid_id_index" on "event" ("shop_uuid", "position_txid", "id")`);

    this.addSql(`create table "event_log_secret" ("id" smallint not null, "cursor_key" bytea not null, "legacy_cursor_max_id" bigint not null, constraint "event_log_secret_pkey" primary key ("id"))`);
    this.addSql(
      `insert into "event_log_secret" ("id", "cursor_key", "legacy_cursor_max_id") ` +
        `select 1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), coalesce(max("id"), 0) from "event"`,
    );

    this.addSql(`drop sequence if exists "order_reference_seq"`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Messages: one thread per order, numbered messages, read marks per side; events name their message. */
export class Migration20261127010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "message_thread" ("id" uuid not null, "order_id" uuid null, "shop_uuid" uuid not null, "customer_uuid" uuid not null, "subject" text not null, "message_count" int not null default 0, "last_message_at" timestamptz null, "shop_reply_needed_since" timestamptz null, "reply_due_at" timestamptz null, "created_at" timestamptz not null, constraint "message_thread_pkey" primary key ("id"))`);
    this.addSql(`alter table "message_thread" add constraint "message_thread_order_id_unique" unique ("order_id")`);
    this.addSql(`create index "message_thread_customer_uuid_last_message_at_index" on "message_thread" ("customer_uuid", "last_message_at")`);
    this.addSql(`create index "message_thread_shop_uuid_last_message_at_index" on "message_thread" ("shop_uuid", "last_message_at")`);
    this.addSql(`create table "message" ("id" uuid not null, "thread_id" uuid not null, "number" int not null, "author_type" text check ("author_type" in ('OPERATOR', 'SELLER', 'CUSTOMER', 'SYSTEM')) not null, "author_name" text not null, "body" text not null, "created_at" timestamptz not null, "answered_wait_since" timestamptz null, constraint "message_pkey" primary key ("id"))`);
    this.addSql(`alter table "message" add constraint "message_thread_id_number_unique" unique ("thread_id", "number")`);
    this.addSql(`create table "thread_read" ("thread_id" uuid not null, "reader" text not null, "last_read_number" int not null, constraint "thread_read_pkey" primary key ("thread_id", "reader"))`);
    this.addSql(`alter table "message_thread" add constraint "message_thread_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "message" add constraint "message_thread_id_foreign" foreign key ("thread_id") references "message_thread" ("id") on update cascade`);
    this.addSql(`alter table "thread_read" add constraint "thread_read_thread_id_foreign" foreign key ("thread_id") references "message_thread" ("id") on update cascade`);
    this.addSql(`alter table "event" add column "message_uuid" uuid null`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Ratings: one per order (unique), the shop's reply, and the removal request the operator decides. */
export class Migration20261127050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rating" ("id" uuid not null, "order_id" uuid not null, "shop_id" uuid not null, "customer_id" uuid not null, "grade" smallint not null, "comment" text null, "created_at" timestamptz not null, "reply_body" text null, "reply_created_at" timestamptz null, "reply_updated_at" timestamptz null, "removal" text check ("removal" in ('NONE', 'REQUESTED', 'REMOVED', 'KEPT')) not null default 'NONE', "removal_ground" text check ("removal_ground" in ('RULES_VIOLATION', 'NOT_THIS_TRANSACTION', 'CUSTOMER_REQUEST')) null, "removal_explanation" text null, "removal_requested_at" timestamptz null, "removal_decided_at" timestamptz null, "updated_at" timestamptz not null, constraint "rating_pkey" primary key ("id"))`);
    this.addSql(`alter table "rating" add constraint "rating_order_id_unique" unique ("order_id")`);
    this.addSql(`create index "rating_created_at_id_index" on "rating" ("created_at", "id")`);
    this.addSql(`create index "rating_customer_id_created_at_id_index" on "rating" ("customer_id", "created_at", "id")`);
    this.addSql(`create index "rating_shop_id_created_at_id_index" on "rating" ("shop_id", "created_at", "id")`);
    this.addSql(`alter table "rating" add constraint "rating_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade`);
    this.addSql(`alter table "rating" add constraint "rating_shop_id_foreign" foreign key ("shop_id") references "shop" ("id") on update cascade`);
    this.addSql(`alter table "rating" add constraint "rating_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade`);
  }
}

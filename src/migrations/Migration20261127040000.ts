import { Migration } from '@mikro-orm/migrations';

/** Returns: a customer's withdrawal from order lines (quantities per line), and the refunds each return paid out. */
export class Migration20261127040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "order_return" ("id" uuid not null, "order_id" uuid not null, "shop_id" uuid not null, "customer_id" uuid not null, "reason" text check ("reason" in ('WITHDRAWAL_NO_REASON', 'DAMAGED_PRODUCT', 'NOT_AS_DESCRIBED', 'WRONG_ITEM', 'OTHER')) not null, "comment" text null, "status" text check ("status" in ('REQUESTED', 'ACCEPTED', 'REJECTED', 'RECEIVED', 'REFUNDED', 'CANCELED')) not null, "requested_at" timestamptz not null, "window_ends_at" timestamptz not null, "decision_due_at" timestamptz not null, "rejection_reason" text check ("rejection_reason" in ('WINDOW_CLOSED', 'NOT_RETURNABLE', 'NOT_RECEIVED_BACK', 'OTHER')) null, "rejection_message" text null, "tracking_carrier_code" text null, "tracking_carrier_name" text null, "tracking_number" text null, "tracking_url" text null, "tracking_updated_at" timestamptz null, "decided_at" timestamptz null, "received_at" timestamptz null, "refunded_at" timestamptz null, "canceled_at" timestamptz null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "order_return_pkey" primary key ("id"))`);
    this.addSql(`create index "order_return_order_id_index" on "order_return" ("order_id")`);
    this.addSql(`create index "order_return_status_index" on "order_return" ("status")`);
    this.addSql(`create index "order_return_requested_at_id_index" on "order_return" ("requested_at", "id")`);
    this.addSql(`create index "order_return_customer_id_requested_at_id_index" on "order_return" ("customer_id", "requested_at", "id")`);
    this.addSql(`create index "order_return_shop_id_requested_at_id_index" on "order_return" ("shop_id", "requested_at", "id")`);
    this.addSql(`create table "return_line" ("id" uuid not null, "return_id" uuid not null, "line_id" uuid not null, "quantity" int not null, constraint "return_line_pkey" primary key ("id"))`);
    this.addSql(`create index "return_line_line_id_index" on "return_line" ("line_id")`);
    this.addSql(`alter table "return_line" add constraint "return_line_return_id_line_id_unique" unique ("return_id", "line_id")`);
    this.addSql(`create table "return_refund" ("return_id" uuid not null, "refund_id" uuid not null, constraint "return_refund_pkey" primary key ("return_id", "refund_id"))`);
    this.addSql(`alter table "return_refund" add constraint "return_refund_refund_id_unique" unique ("refund_id")`);
    this.addSql(`alter table "order_return" add constraint "order_return_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade`);
    this.addSql(`alter table "order_return" add constraint "order_return_shop_id_foreign" foreign key ("shop_id") references "shop" ("id") on update cascade`);
    this.addSql(`alter table "order_return" add constraint "order_return_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade`);
    this.addSql(`alter table "return_line" add constraint "return_line_return_id_foreign" foreign key ("return_id") references "order_return" ("id") on update cascade`);
    this.addSql(`alter table "return_line" add constraint "return_line_line_id_foreign" foreign key ("line_id") references "order_line" ("id") on update cascade`);
    this.addSql(`alter table "return_refund" add constraint "return_refund_return_id_foreign" foreign key ("return_id") references "order_return" ("id") on update cascade`);
    this.addSql(`alter table "return_refund" add constraint "return_refund_refund_id_foreign" foreign key ("refund_id") references "refund" ("id") on update cascade`);
  }
}

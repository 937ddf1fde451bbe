import { Migration } from '@mikro-orm/migrations';

/** Incidents: one row per complaint, the lines it covers, due dates and the auto-close deadline. */
export class Migration20261127030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "incident" ("id" uuid not null, "order_id" uuid not null, "shop_uuid" uuid not null, "customer_uuid" uuid not null, "reason" text check ("reason" in ('NOT_RECEIVED', 'LATE_DELIVERY', 'DEFECTIVE', 'NOT_AS_DESCRIBED', 'INCOMPLETE', 'OTHER')) not null, "status" text check ("status" in ('NEW', 'IN_PROGRESS', 'RESOLVED', 'DISPUTED', 'CLOSED')) not null, "opened_by_type" text check ("opened_by_type" in ('OPERATOR', 'SELLER', 'CUSTOMER', 'SYSTEM')) not null, "opened_by_name" text not null, "opened_at" timestamptz not null, "first_response_due_at" timestamptz not null, "first_response_at" timestamptz null, "resolution_due_at" timestamptz not null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "closed_by_type" text check ("closed_by_type" in ('OPERATOR', 'SELLER', 'CUSTOMER', 'SYSTEM')) null, "closed_by_name" text null, "auto_close_at" timestamptz null, "delivery_fallback_left_ms" bigint null, "version" int not null default 1, constraint "incident_pkey" primary key ("id"))`);
    this.addSql(`create index "incident_order_id_index" on "incident" ("order_id")`);
    this.addSql(`create index "incident_auto_close_at_index" on "incident" ("auto_close_at")`);
    this.addSql(`create index "incident_opened_at_id_index" on "incident" ("opened_at", "id")`);
    this.addSql(`create index "incident_customer_uuid_opened_at_id_index" on "incident" ("customer_uuid", "opened_at", "id")`);
    this.addSql(`create index "incident_shop_uuid_opened_at_id_index" on "incident" ("shop_uuid", "opened_at", "id")`);
    this.addSql(`create table "incident_line" ("incident_id" uuid not null, "order_line_id" uuid not null, constraint "incident_line_pkey" primary key ("incident_id", "order_line_id"))`);
    this.addSql(`alter table "incident" add constraint "incident_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade`);
    this.addSql(`alter table "incident_line" add constraint "incident_line_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "incident_line" add constraint "incident_line_order_line_id_foreign" foreign key ("order_line_id") references "order_line" ("id") on update cascade on delete cascade`);
  }
}

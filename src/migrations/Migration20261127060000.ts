import { Migration } from '@mikro-orm/migrations';

/** Customer notifications: the outbox the sender mails from (attempts and next_attempt_at drive its retries). */
export class Migration20261127060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer_notification" ("id" uuid not null, "customer_id" uuid not null, "order_id" uuid null, "kind" text check ("kind" in ('ORDER_ACCEPTED', 'ORDER_REFUSED', 'ORDER_SHIPPED', 'ORDER_READY_FOR_PICKUP', 'ORDER_DELIVERED', 'ORDER_CANCELED', 'REFUND_ISSUED', 'INCIDENT_UPDATED', 'RETURN_UPDATED', 'NEW_MESSAGE', 'RATING_INVITATION')) not null, "locale" text check ("locale" in ('PL', 'EN')) not null, "subject" text not null, "body" text not null, "created_at" timestamptz not null, "sent_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_error" text null, constraint "customer_notification_pkey" primary key ("id"))`);
    this.addSql(`create index "customer_notification_order_id_index" on "customer_notification" ("order_id")`);
    this.addSql(`create index "customer_notification_next_attempt_at_index" on "customer_notification" ("next_attempt_at")`);
    this.addSql(`create index "customer_notification_created_at_id_index" on "customer_notification" ("created_at", "id")`);
    this.addSql(`create index "customer_notification_customer_id_created_at_id_index" on "customer_notification" ("customer_id", "created_at", "id")`);
    this.addSql(`alter table "customer_notification" add constraint "customer_notification_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade`);
    this.addSql(`alter table "customer_notification" add constraint "customer_notification_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade on delete set null`);
  }
}

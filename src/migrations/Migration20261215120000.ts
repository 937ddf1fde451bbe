import { Migration } from '@mikro-orm/migrations';

/**
 * Partial indexes for the dashboard's after-sales counts at marketplace scale (`npm run bench` with
 * BENCH_ONLY=plans shows the plans). Each count asks for the few open rows of a shop (open
 * incidents, returns awaiting a decision or a refund, ratings without a reply) but was answered
 * from the shop's whole history, read from the heap through the (shop, date) indexes: a shop with
 * 100,000 orders read every incident, return and rating it ever had on every recount. Indexes that
 * hold only the open rows make each count an index-only scan over those rows.
 *
 * Unread threads compared each thread's message count with its side's read mark in thread_read:
 * a join the planner answered by reading every read mark of the marketplace (a hash join over all
 * of thread_read). Each thread now carries its sides' read marks, copied from thread_read by a
 * trigger in the same transaction as the mark itself, so "unread by the shop" is a condition on one
 * row that a partial index can hold. thread_read stays the one place the application writes.
 */
export class Migration20261215120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "incident_shop_uuid_open_index" on "incident" ("shop_uuid") where "status" <> 'CLOSED'`);
    this.addSql(`create index "incident_customer_uuid_open_index" on "incident" ("customer_uuid") where "status" <> 'CLOSED'`);
    // Both return counts: awaiting a decision (REQUESTED) and refund overdue (refund_due_at while not refunded).
    this.addSql(`create index "order_return_shop_id_open_index" on "order_return" ("shop_id", "refund_due_at") include ("status") where "status" in ('REQUESTED', 'ACCEPTED', 'RECEIVED')`);
    this.addSql(`create index "order_return_customer_id_open_index" on "order_return" ("customer_id", "refund_due_at") include ("status") where "status" in ('REQUESTED', 'ACCEPTED', 'RECEIVED')`);
    this.addSql(`create index "rating_shop_id_without_reply_index" on "rating" ("shop_id") where "reply_body" is null and "removal" <> 'REMOVED'`);
    this.addSql(`create index "rating_customer_id_without_reply_index" on "rating" ("customer_id") where "reply_body" is null and "removal" <> 'REMOVED'`);

    this.addSql(`alter table "message_thread" add column "shop_read_number" int not null default 0, add column "customer_read_number" int not null default 0, add column "operator_read_number" int not null default 0`);
    this.addSql(`update "message_thread" t set
      "shop_read_number" = coalesce((select r."last_read_number" from "thread_read" r where r."thread_id" = t."id" and r."reader" = 'SHOP'), 0),
      "customer_read_number" = coalesce((select r."last_read_number" from "thread_read" r where r."thread_id" = t."id" and r."reader" = 'CUSTOMER'), 0),
      "operator_read_number" = coalesce((select r."last_read_number" from "thread_read" r where r."thread_id" = t."id" and r."reader" = 'OPERATOR'), 0)`);
    this.addSql(`create function "thread_read_mark_on_thread"() returns trigger language plpgsql as $$
      begin
        update "message_thread" set
          "shop_read_number" = case when new."reader" = 'SHOP' then new."last_read_number" else "shop_read_number" end,
          "customer_read_number" = case when new."reader" = 'CUSTOMER' then new."last_read_number" else "customer_read_number" end,
          "operator_read_number" = case when new."reader" = 'OPERATOR' then new."last_read_number" else "operator_read_number" end
        where "id" = new."thread_id";
        return null;
      end $$`);
    this.addSql(`create trigger "thread_read_mark_on_thread" after insert or update of "last_read_number" on "thread_read" for each row execute function "thread_read_mark_on_thread"()`);
    this.addSql(`create index "message_thread_shop_uuid_unread_index" on "message_thread" ("shop_uuid") where "message_count" > "shop_read_number"`);
    this.addSql(`create index "message_thread_customer_uuid_unread_index" on "message_thread" ("customer_uuid") where "message_count" > "customer_read_number"`);
    this.addSql(`create index "message_thread_shop_uuid_awaiting_reply_index" on "message_thread" ("shop_uuid") where "shop_reply_needed_since" is not null`);
  }
}

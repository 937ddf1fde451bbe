import { Migration } from '@mikro-orm/migrations';

/**
 * Partial indexes for the dashboard's after-sales counts at marketplace scale (`npm run bench` with
 * BENCH_ONLY=plans shows the plans). Each count asks for the few open rows of a shop (open
 * incidents, returns awaiting a decision or a refund, ratings without a reply) but was answered
 * from the shop's whole history, read from the heap through the (shop, date) indexes: a shop with
 * 100,000 orders read every incident, return and rating it ever had on every recount. Indexes that
 * hold only the open rows make each count an index-only scan over those rows.
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
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the deadline sorts and the dashboard's overdue counts at marketplace scale. The
 * orders list sorts nullable deadlines last through `coalesce(…, 'infinity')` (order.queries.ts),
 * which only an index on that very expression serves; the dashboard counts a shop's orders per
 * state with their deadlines, which a covering index answers without reading the table.
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "order_shop_state_shipping_deadline_sort_index" on "order" ("shop_id", "state", (coalesce("shipping_deadline", 'infinity'::timestamptz)), "id")`);
    this.addSql(`create index "order_shop_shipping_deadline_sort_index" on "order" ("shop_id", (coalesce("shipping_deadline", 'infinity'::timestamptz)), "id")`);
    this.addSql(`create index "order_shop_state_acceptance_deadline_sort_index" on "order" ("shop_id", "state", (coalesce("acceptance_deadline", 'infinity'::timestamptz)), "id")`);
    this.addSql(`create index "order_shop_acceptance_deadline_sort_index" on "order" ("shop_id", (coalesce("acceptance_deadline", 'infinity'::timestamptz)), "id")`);
    // Replaces (shop_id, state): the same lookups, plus the deadlines the overdue counts read.
    this.addSql(`drop index "order_shop_id_state_index"`);
    this.addSql(`create index "order_shop_id_state_index" on "order" ("shop_id", "state") include ("acceptance_deadline", "shipping_deadline")`);
  }
}

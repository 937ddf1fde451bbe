import { Migration } from '@mikro-orm/migrations';

/** Indexes for dashboard counts by state and for a shop's or customer's orders sorted by UPDATED_AT. */
export class Migration20261127080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "order_customer_id_updated_at_id_index" on "order" ("customer_id", "updated_at", "id")`);
    this.addSql(`create index "order_shop_id_updated_at_id_index" on "order" ("shop_id", "updated_at", "id")`);
    this.addSql(`create index "order_customer_id_state_index" on "order" ("customer_id", "state")`);
    this.addSql(`create index "order_shop_id_state_index" on "order" ("shop_id", "state")`);
  }
}

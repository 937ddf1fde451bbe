import { Migration } from '@mikro-orm/migrations';

/**
 * Locking an order and reading it with its lines in one round trip (src/orders/order-lock.ts). The
 * lines must be read after the lock is held: when the lock waited for another writer, a statement
 * that joins the lines reads them as they were when it began. A VOLATILE PL/pgSQL function runs each
 * statement with a fresh snapshot (READ COMMITTED), so its second statement sees the lines as the
 * previous holder committed them, without a second client round trip.
 */
export class Migration20261217100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "lock_order"("wanted" uuid, "scope_shop" uuid, "scope_customer" uuid, "skip_held" boolean)
returns table ("order_row" jsonb, "shop_row" jsonb, "customer_row" jsonb, "line_rows" jsonb) language plpgsql volatile as $fn$
declare
  "held" record;
begin
  -- Only the order's row is locked (for update of o): the shop's and customer's rows stay free.
  if "skip_held" then
    select to_jsonb("o") as "o", to_jsonb("s") as "s", to_jsonb("c") as "c" into "held"
    from "order" "o" join "shop" "s" on "s"."id" = "o"."shop_id" join "customer" "c" on "c"."id" = "o"."customer_id"
    where "o"."id" = "wanted" and ("scope_shop" is null or "o"."shop_id" = "scope_shop") and ("scope_customer" is null or "o"."customer_id" = "scope_customer")
    for update of "o" skip locked;
  else
    select to_jsonb("o") as "o", to_jsonb("s") as "s", to_jsonb("c") as "c" into "held"
    from "order" "o" join "shop" "s" on "s"."id" = "o"."shop_id" join "customer" "c" on "c"."id" = "o"."customer_id"
    where "o"."id" = "wanted" and ("scope_shop" is null or "o"."shop_id" = "scope_shop") and ("scope_customer" is null or "o"."customer_id" = "scope_customer")
    for update of "o";
  end if;
  if not found then
    return;
  end if;
  -- A new statement, so a new snapshot: the lines as whoever held the lock before us left them.
  return query select "held"."o", "held"."s", "held"."c",
    coalesce((select jsonb_agg(to_jsonb("l") order by "l"."index") from "order_line" "l" where "l"."order_id" = "wanted"), '[]'::jsonb);
end
$fn$`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/**
 * Appending events in one statement from the client (src/common/events/event-log.ts): the per-order
 * append locks, the insert and the NOTIFY run inside `append_events`, server-side, so a write
 * transaction pays one round trip for its events instead of two. The function is VOLATILE and
 * PL/pgSQL, so its insert takes a fresh snapshot after the locks are held (READ COMMITTED), which
 * is what the positions need: it sees the commit of the order's previous appender.
 */
export class Migration20261216000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "append_events"("drafts" jsonb, "channel" text) returns void language plpgsql volatile as $fn$
declare
  "last_position" xid8;
begin
  -- The orders' append locks, in one order (hash order), so two appenders never deadlock.
  perform pg_advisory_xact_lock(7340023, "keys"."h")
  from (select distinct hashtext("d"."order_uuid") as "h" from jsonb_to_recordset("drafts") as "d"("order_uuid" text)
        where "d"."order_uuid" is not null order by 1) as "keys";
  -- A new statement, so a new snapshot: it sees the commit of whoever held an order's lock before us.
  with "draft" as (
    select * from jsonb_to_recordset("drafts") as "d"(
      "n" int, "type" text, "occurred_at" timestamptz, "actor_type" text, "actor_name" text, "order_uuid" uuid, "shop_uuid" uuid,
      "customer_uuid" uuid, "message_uuid" uuid, "incident_uuid" uuid, "return_uuid" uuid, "rating_uuid" uuid,
      "from_state" text, "to_state" text, "data" jsonb)
  ), "placed" as (
    select greatest(pg_current_xact_id(), max("e"."position_txid")) as "position_txid"
    from "event" "e" where "e"."order_uuid" in (select "d"."order_uuid" from "draft" "d")
  ), "inserted" as (
    insert into "event" ("type", "occurred_at", "actor_type", "actor_name", "order_uuid", "shop_uuid", "customer_uuid", "message_uuid",
      "incident_uuid", "return_uuid", "rating_uuid", "from_state", "to_state", "data", "txid", "position_txid")
    select "d"."type", "d"."occurred_at", "d"."actor_type", "d"."actor_name", "d"."order_uuid", "d"."shop_uuid", "d"."customer_uuid",
      "d"."message_uuid", "d"."incident_uuid", "d"."return_uuid", "d"."rating_uuid", "d"."from_state", "d"."to_state", "d"."data",
      pg_current_xact_id(), "p"."position_txid"
    from "draft" "d" cross join "placed" "p"
    order by "d"."n"
    returning "position_txid"
  )
  select max("inserted"."position_txid") into "last_position" from "inserted";
  perform pg_notify("channel", "last_position"::text);
end
$fn$`);
  }
}

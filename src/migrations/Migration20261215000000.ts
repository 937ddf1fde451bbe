import { Migration } from '@mikro-orm/migrations';

/**
 * The marketplace's rules (issue 10): shipping refunds, the REFUNDED order state, closing that waits
 * for open returns, the delivery fallback's pause kept on the order, cancellation codes, incident
 * resolutions and late-shipment incidents, and the refund deadline of returns. Existing rows are
 * brought to what the new rules derive, so no order keeps a state or timer the code would not give it.
 */
export class Migration20261215000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "shipping_refund" ("id" uuid not null, "order_id" uuid not null, "amount_minor" bigint not null, "reason" text check ("reason" in ('CUSTOMER_CANCELLED_BEFORE_SHIPPING', 'WITHDRAWAL_NO_REASON', 'NOT_COLLECTED', 'LATE_SHIPPING', 'DAMAGED_PRODUCT', 'NOT_AS_DESCRIBED', 'NOT_DELIVERED_ON_TIME')) not null, "created_at" timestamptz not null, constraint "shipping_refund_pkey" primary key ("id"))`);
    this.addSql(`create index "shipping_refund_order_id_index" on "shipping_refund" ("order_id")`);
    this.addSql(`alter table "shipping_refund" add constraint "shipping_refund_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade`);

    this.addSql(`alter table "order" add column "shipping_refunded_minor" bigint not null default 0, add column "delivery_fallback_left_ms" bigint null, add column "after_sales_settled_at" timestamptz null`);
    this.addSql(`alter table "order" drop constraint if exists "order_state_check"`);
    this.addSql(`alter table "order" add constraint "order_state_check" check("state" in ('WAITING_ACCEPTANCE', 'WAITING_DEBIT_PAYMENT', 'SHIPPING', 'SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED', 'REFUSED', 'CANCELED', 'REFUNDED'))`);
    this.addSql(`alter table "order_line" add column "cancellation_reason" text check ("cancellation_reason" in ('CUSTOMER_REQUEST', 'OUT_OF_STOCK', 'ADDRESS_PROBLEM', 'PRICE_ERROR', 'OTHER')) null`);
    this.addSql(`alter table "order_return" add column "refund_due_at" timestamptz null`);

    // The pause of a delivery fallback moves from the incident to its order.
    this.addSql(`update "order" o set "delivery_fallback_left_ms" = i."delivery_fallback_left_ms" from "incident" i where i."order_id" = o."id" and i."delivery_fallback_left_ms" is not null`);
    this.addSql(`alter table "incident" drop column "delivery_fallback_left_ms"`);
    this.addSql(`alter table "incident" add column "resolution" text check ("resolution" in ('REFUNDED', 'REPLACED', 'REPAIRED', 'CARRIER_FAULT', 'CUSTOMER_ERROR', 'OTHER')) null`);
    this.addSql(`alter table "incident" drop constraint if exists "incident_reason_check"`);
    this.addSql(`alter table "incident" add constraint "incident_reason_check" check("reason" in ('NOT_RECEIVED', 'LATE_DELIVERY', 'DEFECTIVE', 'NOT_AS_DESCRIBED', 'INCOMPLETE', 'OTHER', 'NOT_SHIPPED_ON_TIME'))`);

    // Existing rows, as the new rules derive them.
    this.addSql(`update "order" o set "price_minor" = coalesce((select sum(l."unit_price_minor" * l."quantity") from "order_line" l where l."order_id" = o."id" and l."state" not in ('REFUSED', 'CANCELED')), 0)`);
    this.addSql(`update "order" o set "state" = 'REFUNDED', "close_at" = null
      where exists (select 1 from "order_line" l where l."order_id" = o."id" and l."state" = 'REFUNDED')
        and not exists (select 1 from "order_line" l where l."order_id" = o."id" and l."state" not in ('REFUSED', 'CANCELED', 'REFUNDED'))`);
    this.addSql(`update "order_return" set "refund_due_at" = (("requested_at" at time zone 'Europe/Warsaw')::date + 15)::timestamp at time zone 'Europe/Warsaw' - interval '1 millisecond'
      where "status" in ('REQUESTED', 'ACCEPTED', 'RECEIVED', 'REFUNDED')`);
    this.addSql(`update "order" o set "close_at" = null
      where exists (select 1 from "order_return" r where r."order_id" = o."id" and r."status" in ('REQUESTED', 'ACCEPTED', 'RECEIVED'))`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** The order foundation: shops, customers, API keys, orders with lines and refunds, the event log, idempotency. */
export class Migration20261127000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "customer" ("id" uuid not null, "display_name" text not null, "email" text not null, "locale" text check ("locale" in ('PL', 'EN')) not null default 'PL', "created_at" timestamptz not null, constraint "customer_pkey" primary key ("id"))`);
    this.addSql(`create table "event" ("id" bigserial primary key, "type" text check ("type" in ('ORDER_PLACED', 'ORDER_ACCEPTED', 'ORDER_REFUSED', 'ORDER_PAYMENT_RECEIVED', 'ORDER_TRACKING_SET', 'ORDER_SHIPPED', 'ORDER_READY_FOR_PICKUP', 'ORDER_DELIVERED', 'ORDER_CANCELED', 'ORDER_CLOSED', 'ORDER_REFUNDED', 'INCIDENT_OPENED', 'INCIDENT_UPDATED', 'RETURN_REQUESTED', 'RETURN_UPDATED', 'RATING_RECEIVED', 'RATING_UPDATED', 'MESSAGE_ADDED', 'CUSTOMER_NOTIFIED')) not null, "occurred_at" timestamptz not null, "actor_type" text check ("actor_type" in ('OPERATOR', 'SELLER', 'CUSTOMER', 'SYSTEM')) not null, "actor_name" text not null, "order_uuid" uuid null, "shop_uuid" uuid null, "customer_uuid" uuid null, "from_state" text null, "to_state" text null, "data" jsonb null)`);
    this.addSql('create index "event_order_uuid_id_index" on "event" ("order_uuid", "id")');
    this.addSql('create index "event_customer_uuid_id_index" on "event" ("customer_uuid", "id")');
    this.addSql('create index "event_shop_uuid_id_index" on "event" ("shop_uuid", "id")');
    this.addSql('create table "idempotency_record" ("scope" text not null, "key" text not null, "operation" text not null, "outcome" jsonb not null, "created_at" timestamptz not null, constraint "idempotency_record_pkey" primary key ("scope", "key"))');
    this.addSql('create table "shop" ("id" uuid not null, "name" text not null, "return_policy_days" int not null default 14, "auto_accept" boolean not null default false, "partial_acceptance" boolean not null default true, "created_at" timestamptz not null, constraint "shop_pkey" primary key ("id"))');
    this.addSql(`create table "order" ("id" uuid not null, "reference" text not null, "shop_id" uuid not null, "customer_id" uuid not null, "state" text check ("state" in ('WAITING_ACCEPTANCE', 'WAITING_DEBIT_PAYMENT', 'SHIPPING', 'SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED', 'REFUSED', 'CANCELED')) not null, "payment_workflow" text check ("payment_workflow" in ('PAY_ON_ACCEPTANCE', 'PAY_ON_DELIVERY')) not null, "price_minor" bigint not null, "shipping_price_minor" bigint not null, "shipping_address" jsonb not null, "tracking_carrier_code" text null, "tracking_carrier_name" text null, "tracking_number" text null, "tracking_url" text null, "tracking_updated_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "lead_time_to_ship_days" int not null, "acceptance_deadline" timestamptz null, "payment_deadline" timestamptz null, "shipping_deadline" timestamptz null, "delivery_fallback_at" timestamptz null, "close_at" timestamptz null, "accepted_at" timestamptz null, "paid_at" timestamptz null, "shipped_at" timestamptz null, "received_at" timestamptz null, "closed_at" timestamptz null, "version" int not null default 1, constraint "order_pkey" primary key ("id"))`);
    this.addSql('alter table "order" add constraint "order_reference_unique" unique ("reference")');
    this.addSql('create index "order_state_index" on "order" ("state")');
    this.addSql('create index "order_tracking_number_index" on "order" ("tracking_number")');
    this.addSql('create index "order_updated_at_index" on "order" ("updated_at")');
    this.addSql('create index "order_acceptance_deadline_index" on "order" ("acceptance_deadline")');
    this.addSql('create index "order_payment_deadline_index" on "order" ("payment_deadline")');
    this.addSql('create index "order_shipping_deadline_index" on "order" ("shipping_deadline")');
    this.addSql('create index "order_delivery_fallback_at_index" on "order" ("delivery_fallback_at")');
    this.addSql('create index "order_close_at_index" on "order" ("close_at")');
    this.addSql('create index "order_created_at_id_index" on "order" ("created_at", "id")');
    this.addSql('create index "order_customer_id_created_at_id_index" on "order" ("customer_id", "created_at", "id")');
    this.addSql('create index "order_shop_id_created_at_id_index" on "order" ("shop_id", "created_at", "id")');
    this.addSql(`create table "order_line" ("id" uuid not null, "order_id" uuid not null, "index" int not null, "offer_sku" text not null, "product_title" text not null, "quantity" int not null, "unit_price_minor" bigint not null, "state" text check ("state" in ('WAITING_ACCEPTANCE', 'WAITING_DEBIT_PAYMENT', 'SHIPPING', 'SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED', 'REFUSED', 'CANCELED', 'INCIDENT_OPEN', 'REFUNDED')) not null, "state_before_incident" text check ("state_before_incident" in ('WAITING_ACCEPTANCE', 'WAITING_DEBIT_PAYMENT', 'SHIPPING', 'SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED', 'REFUSED', 'CANCELED', 'INCIDENT_OPEN', 'REFUNDED')) null, "refunded_minor" bigint not null default 0, constraint "order_line_pkey" primary key ("id"))`);
    this.addSql('alter table "order_line" add constraint "order_line_order_id_index_unique" unique ("order_id", "index")');
    this.addSql(`create table "refund" ("id" uuid not null, "order_id" uuid not null, "line_id" uuid not null, "amount_minor" bigint not null, "reason" text check ("reason" in ('CUSTOMER_CANCELLED_BEFORE_SHIPPING', 'WITHDRAWAL_NO_REASON', 'NOT_COLLECTED', 'LATE_SHIPPING', 'DAMAGED_PRODUCT', 'NOT_AS_DESCRIBED', 'NOT_DELIVERED_ON_TIME')) not null, "created_at" timestamptz not null, constraint "refund_pkey" primary key ("id"))`);
    this.addSql(`create table "api_key" ("id" uuid not null, "name" text not null, "role" text check ("role" in ('OPERATOR', 'SELLER', 'CUSTOMER')) not null, "prefix" text not null, "secret_hash" text not null, "shop_id" uuid null, "customer_id" uuid null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"))`);
    this.addSql('alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash")');
    this.addSql('alter table "order" add constraint "order_shop_id_foreign" foreign key ("shop_id") references "shop" ("id") on update cascade');
    this.addSql('alter table "order" add constraint "order_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade');
    this.addSql('alter table "order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade');
    this.addSql('alter table "refund" add constraint "refund_order_id_foreign" foreign key ("order_id") references "order" ("id") on update cascade');
    this.addSql('alter table "refund" add constraint "refund_line_id_foreign" foreign key ("line_id") references "order_line" ("id") on update cascade');
    this.addSql('alter table "api_key" add constraint "api_key_shop_id_foreign" foreign key ("shop_id") references "shop" ("id") on update cascade on delete set null');
    this.addSql('alter table "api_key" add constraint "api_key_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete set null');
    this.addSql('create index "refund_order_id_index" on "refund" ("order_id")');
    this.addSql('create sequence "order_reference_seq" start 1');
  }
}

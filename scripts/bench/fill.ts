import { Pool, PoolClient } from 'pg';
import { toMinorUnits } from '../../src/common/money';
import { CARRIERS } from '../../src/orders/carriers';
import { CUSTOMER_NAMES, emailOf, PLACES, SHOPS } from '../seed/catalog';
import { AfterSales, fillAfterSales } from './fill-after-sales';

/**
 * Fills the product's own tables with a marketplace in a handful of set-based statements
 * (generate_series, insert … select): 10,000 orders take seconds and 100,000 about a minute on a
 * busy two-core machine, where the API would need hours. The shape follows a real shop: one big shop holds a tenth of the orders,
 * most orders are old and closed, the recent ones are spread over the active states with deadlines
 * that fit (none is due, so the server's sweeper leaves the data alone), shipped ones carry
 * tracking, and every order has the event-log entries of its story. A fixed seed makes the same
 * marketplace each run. The result is checked through the real API afterwards (bench.ts).
 */

export interface FillOptions {
  orders: number;
  shops: number;
  log: (line: string) => void;
}

export interface Marketplace {
  /** The shop holding a tenth of the orders, whose seller the read and fan-out benchmarks play. */
  bigShopUuid: string;
  orders: number;
  lines: number;
  customers: number;
  events: number;
  afterSales: AfterSales;
}

/** How the orders are spread over states, and how old each kind is (days): a shop's usual mix. */
const STATE_MIX: readonly { state: string; share: number; ageDays: [number, number] }[] = [
  { state: 'WAITING_ACCEPTANCE', share: 0.04, ageDays: [0.05, 2] },
  { state: 'WAITING_DEBIT_PAYMENT', share: 0.02, ageDays: [0.1, 3] },
  { state: 'SHIPPING', share: 0.1, ageDays: [0.2, 5] },
  { state: 'SHIPPED', share: 0.1, ageDays: [2, 10] },
  { state: 'TO_COLLECT', share: 0.02, ageDays: [2, 8] },
  { state: 'RECEIVED', share: 0.12, ageDays: [5, 25] },
  { state: 'CLOSED', share: 0.5, ageDays: [40, 180] },
  { state: 'REFUSED', share: 0.03, ageDays: [3, 120] },
  { state: 'CANCELED', share: 0.07, ageDays: [3, 120] },
];

/** `case` over a uniform draw `r`: each state's share of the orders. */
function stateCase(r: string): string {
  let cumulative = 0;
  const branches = STATE_MIX.map(({ state, share }) => {
    cumulative += share;
    return `when ${r} < ${cumulative.toFixed(4)} then '${state}'`;
  });
  return `case ${branches.join(' ')} else 'CANCELED' end`;
}

function ageCase(state: string, r: string): string {
  const branches = STATE_MIX.map(({ state: name, ageDays: [low, high] }) => `when '${name}' then ${low} + ${r} * ${high - low}`);
  return `case ${state} ${branches.join(' ')} end`;
}

async function step<T>(log: (line: string) => void, what: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`  ${what} ...`);
  const result = await run();
  log(`  ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

export async function fillMarketplace(pool: Pool, options: FillOptions): Promise<Marketplace> {
  const client = await pool.connect();
  try {
    return await fill(client, options);
  } finally {
    client.release();
  }
}

async function fill(db: PoolClient, { orders, shops, log }: FillOptions): Promise<Marketplace> {
  const customers = Math.max(20, Math.round(orders / 5));
  const shopNames = Array.from({ length: shops }, (_, i) => (i < SHOPS.length ? SHOPS[i].name : `${SHOPS[i % SHOPS.length].name} #${Math.floor(i / SHOPS.length) + 1}`));
  const products = SHOPS.flatMap((shop) =>
    shop.products.map((product, i) => ({ title: product.title, sku: `${shop.skuPrefix}-${String(i + 1).padStart(4, '0')}`, priceMinor: toMinorUnits(product.price)! })),
  );
  const carriers = CARRIERS.map((carrier) => ({ code: carrier.code, name: carrier.name, integrated: carrier.integrated, template: carrier.trackingUrlTemplate }));

  // Room for the sorts and hash joins of a million rows (this session only).
  await db.query(`set work_mem = '256MB'`);
  await db.query(`set maintenance_work_mem = '512MB'`);
  await step(log, `${shops} shops and ${customers} customers`, async () => {
    await db.query(`create temp table bench_shop as select idx::int, gen_random_uuid() as id, name from unnest($1::text[]) with ordinality as t(name, idx)`, [shopNames]);
    await db.query(`insert into shop (id, name, return_policy_days, auto_accept, partial_acceptance, created_at)
      select id, name, 14, false, true, date_trunc('milliseconds', now() - interval '400 days') from bench_shop`);
    await db.query(
      `create temp table bench_customer as
        select n as idx, gen_random_uuid() as id, ($1::text[])[1 + (n - 1) % cardinality($1::text[])] as name,
               ($2::text[])[1 + (n - 1) % cardinality($2::text[])] || '.' || n || '@example.pl' as email
        from generate_series(1, $3::int) n`,
      [CUSTOMER_NAMES, CUSTOMER_NAMES.map((name) => emailOf(name).replace('@example.pl', '')), customers],
    );
    await db.query(`insert into customer (id, display_name, email, locale, created_at)
      select id, name, email, case when idx % 10 = 0 then 'EN' else 'PL' end, date_trunc('milliseconds', now() - interval '500 days' + (idx % 400) * interval '1 day')
      from bench_customer`);
  });

  await step(log, `${orders} orders drawn`, async () => {
    await db.query('select setseed(0.2026)');
    // One row per order with every draw it needs, then its story's timestamps derived from its age.
    await db.query(
      `create temp table bench_order as
       with drawn as (
         select n, random() as r_state, random() as r_age, random() as r_shop, random() as r_customer, random() as r_lines,
                random() as r_workflow, random() as r_carrier
         from generate_series(1, $1::int) n
       ), typed as (
         select d.*, ${stateCase('r_state')} as state from drawn d
       ), aged as (
         select t.*,
                -- The big shop (1) holds every tenth order; the others share the rest evenly.
                case when n % 10 = 0 then 1 else 2 + floor(r_shop * ($2::int - 1))::int end as shop_idx,
                1 + floor(r_customer * $3::int)::int as customer_idx,
                case when state = 'WAITING_DEBIT_PAYMENT' or r_workflow < 0.7 then 'PAY_ON_ACCEPTANCE' else 'PAY_ON_DELIVERY' end as workflow,
                (${ageCase('state', 'r_age')}) * interval '1 day' as age,
                1 + n % 3 as lead_days,
                case when r_lines < 0.6 then 1 when r_lines < 0.9 then 2 else 3 end as line_count,
                ($4::jsonb -> (floor(r_carrier * jsonb_array_length($4::jsonb))::int)) as carrier
         from typed t
       )
       select a.*, gen_random_uuid() as id, date_trunc('milliseconds', now() - age) as created_at from aged a`,
      [orders, shops, customers, JSON.stringify(carriers)],
    );
    await db.query(`alter table bench_order
      add column accepted_at timestamptz, add column paid_at timestamptz, add column shipped_at timestamptz,
      add column received_at timestamptz, add column closed_at timestamptz, add column ended_at timestamptz, add column shipping_deadline timestamptz`);
    // Fractions of the order's age: accepted early, shipped a little later, received after a fifth.
    await db.query(`update bench_order set
      accepted_at = case when state not in ('WAITING_ACCEPTANCE', 'REFUSED') then date_trunc('milliseconds', created_at + age * 0.02) end,
      paid_at = case when workflow = 'PAY_ON_ACCEPTANCE' and state in ('SHIPPING', 'SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED') then date_trunc('milliseconds', created_at + age * 0.03)
                     when workflow = 'PAY_ON_DELIVERY' and state in ('RECEIVED', 'CLOSED') then date_trunc('milliseconds', created_at + age * 0.2) end,
      shipped_at = case when state in ('SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED') then date_trunc('milliseconds', created_at + age * 0.08) end,
      received_at = case when state in ('RECEIVED', 'CLOSED') then date_trunc('milliseconds', created_at + age * 0.2) end,
      closed_at = case when state = 'CLOSED' then date_trunc('milliseconds', created_at + age * 0.2 + interval '30 days') end,
      ended_at = case when state in ('REFUSED', 'CANCELED') then date_trunc('milliseconds', created_at + age * 0.05) end`);
    // About lead_days business days after the order could ship: some are overdue, as in life. None
    // falls within three hours of now, so the overdue counts hold still while the benchmark runs.
    await db.query(`update bench_order set shipping_deadline = case
        when d between now() - interval '3 hours' and now() + interval '3 hours' then d + interval '6 hours' else d end
      from (select n as dn, date_trunc('milliseconds', coalesce(paid_at, accepted_at) + lead_days * interval '34 hours') as d from bench_order where state = 'SHIPPING') due
      where n = dn`);
  });

  const lines = await step(log, 'order lines', async () => {
    const result = await db.query(
      `create temp table bench_line as
       select o.id as order_id, o.n, g.i - 1 as index, gen_random_uuid() as id, o.state,
              p.value ->> 'title' as title, p.value ->> 'sku' as sku, (p.value ->> 'priceMinor')::bigint as unit_price_minor,
              case when (o.n + g.i) % 5 = 0 then 2 else 1 end as quantity
       from bench_order o
       cross join lateral generate_series(1, o.line_count) g(i)
       cross join lateral (select $1::jsonb -> ((o.n * 7 + g.i * 13) % jsonb_array_length($1::jsonb)) as value) p`,
      [JSON.stringify(products)],
    );
    return result.rowCount ?? 0;
  });

  await step(log, 'orders written', async () => {
    await db.query(
      `insert into "order" (id, reference, shop_id, customer_id, state, payment_workflow, price_minor, shipping_price_minor, shipping_address,
         tracking_carrier_code, tracking_carrier_name, tracking_number, tracking_url, tracking_updated_at,
         created_at, updated_at, lead_time_to_ship_days, acceptance_deadline, payment_deadline, shipping_deadline,
         delivery_fallback_at, close_at, accepted_at, paid_at, shipped_at, received_at, closed_at, version)
       select o.id,
              -- As the server writes them: the day, then ten digits that count nothing (a permutation of the row number, unique).
              to_char(o.created_at at time zone 'Europe/Warsaw', 'YYYYMMDD') || lpad((o.seq * 7919 % 10000000000)::text, 10, '0') || '-A',
              s.id, c.id, o.state, o.workflow, l.price_minor, (array[999, 1299, 0, 1499])[1 + o.n % 4],
              jsonb_build_object('name', c.name, 'street', (($1::jsonb -> (o.n % jsonb_array_length($1::jsonb))) ->> 'street') || ' ' || (1 + o.n % 120),
                                 'postalCode', ($1::jsonb -> (o.n % jsonb_array_length($1::jsonb))) ->> 'postalCode',
                                 'city', ($1::jsonb -> (o.n % jsonb_array_length($1::jsonb))) ->> 'city', 'countryCode', 'PL', 'phone', null),
              t.code, t.name, t.number, t.url, o.shipped_at,
              o.created_at,
              greatest(o.created_at, o.accepted_at, o.paid_at, o.shipped_at, o.received_at, o.closed_at, o.ended_at),
              o.lead_days,
              case when o.state = 'WAITING_ACCEPTANCE' then o.created_at + interval '72 hours' end,
              case when o.state = 'WAITING_DEBIT_PAYMENT' then o.created_at + interval '10 days' end,
              o.shipping_deadline,
              -- Carriers that report deliveries themselves need no fallback timer.
              case when o.state = 'SHIPPED' and not (o.carrier ->> 'integrated')::boolean then o.shipped_at + interval '14 days' end,
              case when o.state = 'RECEIVED' then o.received_at + interval '30 days' end,
              o.accepted_at, o.paid_at, o.shipped_at, o.received_at, o.closed_at,
              1 + (o.accepted_at is not null)::int + (o.state = 'REFUSED')::int + (o.workflow = 'PAY_ON_ACCEPTANCE' and o.paid_at is not null)::int
                + 2 * (o.shipped_at is not null)::int + (o.received_at is not null)::int + (o.closed_at is not null)::int + (o.state = 'CANCELED')::int
       from (select b.*, row_number() over (order by b.created_at, b.n) as seq from bench_order b) o
       join bench_shop s on s.idx = o.shop_idx
       join bench_customer c on c.idx = o.customer_idx
       join (select order_id, sum(unit_price_minor * quantity) as price_minor from bench_line group by order_id) l on l.order_id = o.id
       left join lateral (
         select o.carrier ->> 'code' as code, o.carrier ->> 'name' as name, n.number,
                replace(o.carrier ->> 'template', '{trackingNumber}', n.number) as url
         from (select upper(left(o.carrier ->> 'code', 2)) || lpad((o.n::bigint * 7919 % 1000000007)::text, 12, '0') as number) n
         where o.shipped_at is not null
       ) t on true
       order by o.created_at, o.n`,
      [JSON.stringify(PLACES)],
    );
    await db.query(`insert into order_line (id, order_id, index, offer_sku, product_title, quantity, unit_price_minor, state)
      select id, order_id, index, sku, title, quantity, unit_price_minor, state from bench_line order by order_id, index`);
  });

  const events = await step(log, 'event log', async () => {
    // Each order's story, oldest first across the marketplace, so event ids follow time as live ones do.
    const result = await db.query(`insert into event (type, occurred_at, actor_type, actor_name, order_uuid, shop_uuid, customer_uuid, from_state, to_state)
      select e.type, e.at, e.actor_type, case e.actor_type when 'CUSTOMER' then c.name when 'SELLER' then s.name else 'System' end,
             o.id, s.id, c.id, e.from_state, e.to_state
      from bench_order o
      join bench_shop s on s.idx = o.shop_idx
      join bench_customer c on c.idx = o.customer_idx
      cross join lateral (values
        ('ORDER_PLACED', o.created_at, 'CUSTOMER', null, 'WAITING_ACCEPTANCE'),
        ('ORDER_ACCEPTED', o.accepted_at, 'SELLER', 'WAITING_ACCEPTANCE', case when o.workflow = 'PAY_ON_ACCEPTANCE' then 'WAITING_DEBIT_PAYMENT' else 'SHIPPING' end),
        ('ORDER_REFUSED', case when o.state = 'REFUSED' then o.ended_at end, 'SELLER', 'WAITING_ACCEPTANCE', 'REFUSED'),
        ('ORDER_PAYMENT_RECEIVED', case when o.workflow = 'PAY_ON_ACCEPTANCE' then o.paid_at end, 'OPERATOR', 'WAITING_DEBIT_PAYMENT', 'SHIPPING'),
        ('ORDER_TRACKING_SET', o.shipped_at - interval '1 minute', 'SELLER', null, null),
        ('ORDER_SHIPPED', case when o.state <> 'TO_COLLECT' then o.shipped_at end, 'SELLER', 'SHIPPING', 'SHIPPED'),
        ('ORDER_READY_FOR_PICKUP', case when o.state = 'TO_COLLECT' then o.shipped_at end, 'SELLER', 'SHIPPING', 'TO_COLLECT'),
        ('ORDER_DELIVERED', o.received_at, 'CUSTOMER', 'SHIPPED', 'RECEIVED'),
        ('ORDER_CLOSED', o.closed_at, 'SYSTEM', 'RECEIVED', 'CLOSED'),
        ('ORDER_CANCELED', case when o.state = 'CANCELED' then o.ended_at end, 'SELLER',
         case when o.workflow = 'PAY_ON_ACCEPTANCE' then 'WAITING_DEBIT_PAYMENT' else 'SHIPPING' end, 'CANCELED')
      ) e(type, at, actor_type, from_state, to_state)
      where e.at is not null
      order by e.at, o.n`);
    return result.rowCount ?? 0;
  });

  const afterSales = await step(log, 'threads, incidents, returns and ratings', () => fillAfterSales(db));

  // Vacuumed as well as analyzed, so autovacuum has nothing left to do while the benchmark measures.
  await step(log, 'vacuum and analyze', () => db.query('vacuum (analyze)'));
  const { rows } = await db.query<{ id: string }>('select id from bench_shop where idx = 1');
  await db.query('drop table bench_line, bench_order, bench_customer, bench_shop');
  return { bigShopUuid: rows[0].id, orders, lines, customers, events, afterSales };
}

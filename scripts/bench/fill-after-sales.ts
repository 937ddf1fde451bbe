import { PoolClient } from 'pg';

/**
 * What happens after a sale, added to a filled marketplace (fill.ts) in set-based statements: the
 * conversations, incidents, returns and ratings a real shop collects, so the dashboard's counts and
 * the sweeper's scans meet tables of a realistic size and mix (plans.ts checks their plans). Most of
 * it is history (closed incidents, decided returns, answered threads); a small part is open and holds
 * its order the way the rules do (an open incident or return takes the order's close timer away and
 * an open incident takes its lines). Which order gets what follows from a hash of its number `n`
 * (not `n` itself, which also picks the big shop), so the same marketplace comes out each run. Nothing is due while the benchmark runs: every open deadline lies
 * days ahead.
 *
 * Reads the fill's temp tables (bench_order, bench_shop, bench_customer, bench_line) on the same session.
 */
export interface AfterSales {
  threads: number;
  messages: number;
  incidents: number;
  returns: number;
  ratings: number;
}

export async function fillAfterSales(db: PoolClient): Promise<AfterSales> {
  // One conversation per fifth order: 1–4 messages, the customer first; a third of the active orders' threads wait for the shop.
  const threads = await db.query(`insert into message_thread (id, order_id, shop_uuid, customer_uuid, subject, message_count, last_message_at, shop_reply_needed_since, reply_due_at, created_at)
    select gen_random_uuid(), o.id, s.id, c.id, 'Pytanie o zamówienie', 1 + o.n % 4,
           date_trunc('milliseconds', o.created_at + o.age * 0.1),
           case when o.state in ('WAITING_ACCEPTANCE', 'SHIPPING', 'SHIPPED') and abs(hashint4(o.n + 3)) % 3 = 0 then date_trunc('milliseconds', o.created_at + o.age * 0.1) end,
           case when o.state in ('WAITING_ACCEPTANCE', 'SHIPPING', 'SHIPPED') and abs(hashint4(o.n + 3)) % 3 = 0 then date_trunc('milliseconds', now() + interval '2 days') end,
           date_trunc('milliseconds', o.created_at + o.age * 0.05)
    from bench_order o join bench_shop s on s.idx = o.shop_idx join bench_customer c on c.idx = o.customer_idx
    where abs(hashint4(o.n)) % 5 = 1`);
  const messages = await db.query(`insert into message (id, thread_id, number, author_type, author_name, body, created_at)
    select gen_random_uuid(), t.id, g.k, case when g.k % 2 = 1 then 'CUSTOMER' else 'SELLER' end,
           case when g.k % 2 = 1 then c.display_name else s.name end,
           case when g.k % 2 = 1 then 'Dzień dobry, kiedy wysyłka?' else 'Dzień dobry, jutro rano.' end,
           t.created_at + (t.last_message_at - t.created_at) * (g.k - 1) / greatest(1, t.message_count - 1)
    from message_thread t join shop s on s.id = t.shop_uuid join customer c on c.id = t.customer_uuid
    cross join lateral generate_series(1, t.message_count) g(k)`);
  // Both sides have read everything, except the shop in the threads that wait for its reply.
  await db.query(`insert into thread_read (thread_id, reader, last_read_number)
    select t.id, side.reader, case when side.reader = 'SHOP' and t.shop_reply_needed_since is not null then t.message_count - 1 else t.message_count end
    from message_thread t cross join (values ('SHOP'), ('CUSTOMER')) side(reader)
    where not (side.reader = 'SHOP' and t.shop_reply_needed_since is not null and t.message_count = 1)`);

  // Incidents on one delivered order in 37: closed on closed orders; on received ones new, in progress or resolved (auto-closing in a week).
  await db.query(`create temp table bench_incident as
    select gen_random_uuid() as id, o.id as order_id, o.n, o.state as order_state, s.id as shop_uuid, c.id as customer_uuid, c.name as customer_name,
           date_trunc('milliseconds', o.created_at + o.age * 0.25) as opened_at,
           case when o.state = 'CLOSED' then 'CLOSED' when o.n % 3 = 0 then 'NEW' when o.n % 3 = 1 then 'IN_PROGRESS' else 'RESOLVED' end as status
    from bench_order o join bench_shop s on s.idx = o.shop_idx join bench_customer c on c.idx = o.customer_idx
    where o.state in ('RECEIVED', 'CLOSED') and abs(hashint4(o.n)) % 37 = 3`);
  const incidents = await db.query(`insert into incident (id, order_id, shop_uuid, customer_uuid, reason, status, opened_by_type, opened_by_name, opened_at,
      first_response_due_at, first_response_at, resolution_due_at, resolved_at, closed_at, closed_by_type, closed_by_name, auto_close_at, resolution)
    select i.id, i.order_id, i.shop_uuid, i.customer_uuid, (array['DEFECTIVE', 'NOT_AS_DESCRIBED', 'INCOMPLETE', 'OTHER'])[1 + i.n % 4], i.status,
           'CUSTOMER', i.customer_name, i.opened_at,
           i.opened_at + interval '2 days', case when i.status <> 'NEW' then i.opened_at + interval '1 day' end,
           i.opened_at + interval '14 days',
           case when i.status in ('RESOLVED', 'CLOSED') then i.opened_at + interval '3 days' end,
           case when i.status = 'CLOSED' then i.opened_at + interval '10 days' end,
           case when i.status = 'CLOSED' then 'SYSTEM' end, case when i.status = 'CLOSED' then 'System' end,
           case when i.status = 'RESOLVED' then date_trunc('milliseconds', now() + interval '7 days') end,
           case when i.status in ('RESOLVED', 'CLOSED') then 'REPLACED' end
    from bench_incident i`);
  await db.query(`insert into incident_line (incident_id, order_line_id) select i.id, l.id from bench_incident i join bench_line l on l.order_id = i.order_id`);
  // An open incident holds its order (no close timer) and, until resolved, its lines.
  await db.query(`update "order" o set close_at = null from bench_incident i where i.order_id = o.id and i.status <> 'CLOSED'`);
  await db.query(`update order_line l set state = 'INCIDENT_OPEN', state_before_incident = 'RECEIVED'
    from bench_incident i where i.order_id = l.order_id and i.status in ('NEW', 'IN_PROGRESS')`);

  // Returns of one order in 41: rejected ones in the history of closed orders, requested ones on received orders (awaiting the seller).
  const returns = await db.query(`with chosen as (
      select o.*, s.id as shop_uuid, c.id as customer_uuid, gen_random_uuid() as return_id,
             date_trunc('milliseconds', coalesce(o.received_at, o.created_at) + interval '2 days') as requested_at
      from bench_order o join bench_shop s on s.idx = o.shop_idx join bench_customer c on c.idx = o.customer_idx
      where o.state in ('RECEIVED', 'CLOSED') and abs(hashint4(o.n)) % 41 = 5 and abs(hashint4(o.n)) % 37 <> 3
    ), returned as (
      insert into order_return (id, order_id, shop_id, customer_id, reason, status, requested_at, window_ends_at, decision_due_at,
        rejection_reason, decided_at, updated_at, refund_due_at)
      select return_id, id, shop_uuid, customer_uuid, 'WITHDRAWAL_NO_REASON', case when state = 'CLOSED' then 'REJECTED' else 'REQUESTED' end,
             requested_at, coalesce(received_at, created_at) + interval '14 days',
             case when state = 'CLOSED' then requested_at + interval '3 days' else date_trunc('milliseconds', now() + interval '3 days') end,
             case when state = 'CLOSED' then 'WINDOW_CLOSED' end, case when state = 'CLOSED' then requested_at + interval '1 day' end,
             requested_at, case when state <> 'CLOSED' then date_trunc('milliseconds', now() + interval '10 days') end
      from chosen
      returning id, order_id, status
    )
    insert into return_line (id, return_id, line_id, quantity)
    select gen_random_uuid(), r.id, l.id, 1 from returned r join bench_line l on l.order_id = r.order_id and l.index = 0`);
  await db.query(`update "order" o set close_at = null from order_return r where r.order_id = o.id and r.status = 'REQUESTED'`);

  // A rating on one delivered order in three; the shop answered half of them.
  const ratings = await db.query(`insert into rating (id, order_id, shop_id, customer_id, grade, comment, created_at, reply_body, reply_created_at, updated_at)
    select gen_random_uuid(), o.id, s.id, c.id, 1 + o.n % 5, case when o.n % 2 = 0 then 'Szybko i sprawnie.' end,
           date_trunc('milliseconds', coalesce(o.received_at, o.created_at) + interval '1 day'),
           case when abs(hashint4(o.n + 2)) % 2 = 0 then 'Dziękujemy!' end,
           case when abs(hashint4(o.n + 2)) % 2 = 0 then date_trunc('milliseconds', coalesce(o.received_at, o.created_at) + interval '2 days') end,
           date_trunc('milliseconds', coalesce(o.received_at, o.created_at) + interval '2 days')
    from bench_order o join bench_shop s on s.idx = o.shop_idx join bench_customer c on c.idx = o.customer_idx
    where o.state in ('RECEIVED', 'CLOSED') and abs(hashint4(o.n + 1)) % 3 = 0`);
  await db.query('drop table bench_incident');
  return {
    threads: threads.rowCount ?? 0,
    messages: messages.rowCount ?? 0,
    incidents: incidents.rowCount ?? 0,
    returns: returns.rowCount ?? 0,
    ratings: ratings.rowCount ?? 0,
  };
}

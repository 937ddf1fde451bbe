import { Client } from 'pg';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';
import { dashboardOf } from './support/messages';

/**
 * The dashboard's after-sales counts at a shop with a long history: 2,000 closed incidents, decided
 * returns, answered ratings and read threads next to three open (unread) ones of each. The counts must come from the
 * partial indexes that hold only the open rows (Migration20261215120000), not from the shop's whole
 * history: the statements the server actually sends for the dashboard are captured and run again
 * under EXPLAIN ANALYZE, and no scan in them may touch more than the open rows. No timing is
 * asserted: how many rows the plans touch on tables of this size is the behaviour.
 */

let t: TestApp;
let db: Client;

beforeAll(async () => {
  t = await startTestApp();
  db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await t.close();
});

const HISTORY = 2_000;
const OPEN = 3;

/** HISTORY + OPEN copies of one placed order in the shop, each with a closed incident, a rejected return and an answered rating, OPEN of them open. */
async function shopWithHistory(m: Market): Promise<void> {
  await placeOrder(t, m);
  const { rows: [template] } = await db.query<{ id: string }>('select id from "order" where reference not like \'%-%-%\' order by created_at desc limit 1');
  await db.query(
    `create temp table copy as
       select gen_random_uuid() as id, n, n <= $2 as open from generate_series(1, $1::int) n`,
    [HISTORY + OPEN, OPEN],
  );
  await db.query(
    `insert into "order"
     select (jsonb_populate_record(null::"order", to_jsonb(o) || jsonb_build_object('id', c.id, 'reference', o.reference || '-' || c.n, 'state', 'CLOSED', 'acceptance_deadline', null))).*
     from copy c cross join "order" o where o.id = $1`,
    [template.id],
  );
  await db.query(
    `insert into incident (id, order_id, shop_uuid, customer_uuid, reason, status, opened_by_type, opened_by_name, opened_at, first_response_due_at, resolution_due_at, closed_at)
     select gen_random_uuid(), c.id, o.shop_id, o.customer_id, 'DEFECTIVE', case when c.open then 'NEW' else 'CLOSED' end, 'CUSTOMER', 'Anna Kowalska',
            now() - interval '30 days', now() - interval '28 days', now() - interval '16 days', case when c.open then null else now() - interval '20 days' end
     from copy c join "order" o on o.id = c.id`,
  );
  await db.query(
    `insert into order_return (id, order_id, shop_id, customer_id, reason, status, requested_at, window_ends_at, decision_due_at, updated_at, refund_due_at)
     select gen_random_uuid(), c.id, o.shop_id, o.customer_id, 'WITHDRAWAL_NO_REASON', case when c.open then 'REQUESTED' else 'REJECTED' end,
            now() - interval '5 days', now() + interval '9 days', now() + interval '2 days', now() - interval '5 days',
            case when c.open then now() + interval '10 days' end
     from copy c join "order" o on o.id = c.id`,
  );
  await db.query(
    `insert into rating (id, order_id, shop_id, customer_id, grade, created_at, reply_body, updated_at)
     select gen_random_uuid(), c.id, o.shop_id, o.customer_id, 5, now() - interval '5 days', case when c.open then null else 'Dziękujemy!' end, now()
     from copy c join "order" o on o.id = c.id`,
  );
  // A conversation on every order: the shop has read all but OPEN of them (its read marks written as the app writes them, in thread_read).
  await db.query(
    `insert into message_thread (id, order_id, shop_uuid, customer_uuid, subject, message_count, last_message_at, created_at)
     select gen_random_uuid(), c.id, o.shop_id, o.customer_id, 'Pytanie', 2, now() - interval '5 days', now() - interval '6 days'
     from copy c join "order" o on o.id = c.id`,
  );
  await db.query(
    `insert into thread_read (thread_id, reader, last_read_number)
     select t.id, 'SHOP', case when c.open then 1 else 2 end from message_thread t join copy c on c.id = t.order_id`,
  );
  await db.query('analyze');
}

interface Scan {
  node: string;
  /** Rows the node produced plus rows it read and filtered out: what it touched. */
  rowsTouched: number;
}

/** Every scan node of an EXPLAIN (ANALYZE, FORMAT JSON) plan, with the rows it touched. */
function scansIn(plan: unknown): Scan[] {
  if (Array.isArray(plan)) return plan.flatMap(scansIn);
  if (!plan || typeof plan !== 'object') return [];
  const node = plan as Record<string, unknown>;
  const own: Scan[] = [];
  if (typeof node['Node Type'] === 'string' && node['Node Type'].includes('Scan')) {
    const touched = Number(node['Actual Rows'] ?? 0) * Number(node['Actual Loops'] ?? 1) + Number(node['Rows Removed by Filter'] ?? 0);
    own.push({ node: `${node['Node Type']} ${node['Index Name'] ?? node['Relation Name'] ?? ''}`.trim(), rowsTouched: touched });
  }
  return [...own, ...Object.values(node).flatMap(scansIn)];
}

describe('dashboard counts at a shop with a long after-sales history', () => {
  it('count open incidents, returns awaiting a decision, ratings without a reply and unread threads through partial indexes of those rows only', async () => {
    const m = await createMarket(t);
    await shopWithHistory(m);

    const statements: string[] = [];
    const capture = (query: { sql: string }) => statements.push(query.sql);
    const knex = t.app.orm.em.getKnex();
    knex.on('query', capture);
    let dashboard: Awaited<ReturnType<typeof dashboardOf>>;
    try {
      dashboard = await dashboardOf(t, m.keys.seller);
    } finally {
      knex.off('query', capture);
    }
    expect(dashboard).toMatchObject({ openIncidents: OPEN, returnsAwaitingDecision: OPEN, ratingsWithoutReply: OPEN, unreadThreads: OPEN });

    // Each statement the server sent, run again under EXPLAIN ANALYZE: no scan may touch the shop's history.
    const scans: Scan[] = [];
    for (const sql of statements) {
      const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(`explain (analyze, format json) ${sql}`);
      scans.push(...scansIn(rows[0]['QUERY PLAN']));
    }
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.filter((scan) => scan.rowsTouched > OPEN + 1)).toEqual([]); // + 1: the template order itself awaits acceptance
    expect(scans.map((scan) => scan.node)).not.toEqual(expect.arrayContaining([expect.stringContaining('thread_read')]));
  });
});

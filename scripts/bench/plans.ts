import { Pool } from 'pg';
import { sleep } from './api';
import { BenchContext } from './context';
import { DASHBOARD_QUERY, PAGE_SIZE, READS } from './operations';
import { pickOrderId } from './reads';
import { count, duration } from './report';

/**
 * `BENCH_ONLY=plans`: the plan of every statement the server sends for the read requests, the
 * dashboard and its background sweeps, at the filled size, with what does not stay flat as data
 * grows flagged. The statements are captured from the server's own sessions (auto_explain logs each
 * one with its parameters as JSON to PostgreSQL's log) and each is then run again here under
 * EXPLAIN (ANALYZE, BUFFERS), as a prepared statement with the same parameters, twice: with a custom
 * plan (what the server's unnamed statements get) and with a generic plan (what its named prepared
 * statements, src/common/prepared-statements.ts, run once PostgreSQL prefers one, after five
 * executions); the worse of the two is reported. Each request is sent a few times first, so the
 * plans shown are warm ones (shared hits, not first reads from disk).
 */

/** A plan node touching more rows than this, or a sort fed by more, grows with the shop: flagged. */
const MANY_ROWS = 1_000;
/** Pages (8 KiB) one statement may touch before it is flagged. */
const MANY_BUFFERS = 1_000;
const WARM_UPS = 3;

interface Statement {
  /** Query text as sent, parameters as `$n`. */
  query: string;
  /** Literals as auto_explain logs them (`'…'` or NULL), by position. */
  parameters: string[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the statement run again with the same parameters. */
  plan: string;
  executionMs: number;
  planMode: PlanMode;
}

/** PostgreSQL's plan_cache_mode values: a plan for these parameters, or one for any. */
type PlanMode = 'force_custom_plan' | 'force_generic_plan';

interface Finding {
  statement: Statement;
  flags: string[];
  buffers: number;
}

const AUTO_EXPLAIN: Record<string, string> = {
  session_preload_libraries: `'auto_explain'`,
  'auto_explain.log_min_duration': '0',
  'auto_explain.log_format': `'json'`,
};

/** Turns auto_explain on or off for sessions opened from now on (the server's pool: after a restart). */
async function autoExplain(pool: Pool, on: boolean): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`load 'auto_explain'`); // so this session knows the auto_explain.* settings it writes
    for (const [name, value] of Object.entries(AUTO_EXPLAIN)) await client.query(on ? `alter system set ${name} = ${value}` : `alter system reset ${name}`);
    await client.query('select pg_reload_conf()');
  } finally {
    client.release();
  }
}

/**
 * Collects auto_explain's entries from PostgreSQL's log lines: `… LOG:  duration: … ms  plan:` and
 * then a JSON document over the next lines (indentation trimmed, which JSON does not mind).
 */
class StatementLog {
  private captured: { query: string; parameters: string[] }[] = [];
  private pending?: string[];
  unreadable = 0;

  readonly listener = (line: string) => {
    const pending = this.pending;
    if (pending) {
      pending.push(line);
      // Nested objects close with a '}' line too (indentation trimmed): the document ends at the first that parses.
      if (!line.startsWith('}')) return;
      try {
        const entry = JSON.parse(pending.join('\n')) as { 'Query Text': string; 'Query Parameters'?: string };
        this.captured.push({ query: entry['Query Text'], parameters: parseParameters(entry['Query Parameters'] ?? '') });
        this.pending = undefined;
      } catch {
        if (pending.length > 20_000) {
          this.unreadable += 1;
          this.pending = undefined;
        }
      }
    } else if (/duration: [\d.]+ ms\s+plan:$/.test(line)) {
      this.pending = [];
    }
  };

  /** Everything captured since the last call (PostgreSQL writes its log within a moment). */
  async take(): Promise<{ query: string; parameters: string[] }[]> {
    await sleep(500);
    const taken = this.captured;
    this.captured = [];
    return taken;
  }
}

/** `$1 = 'a', $2 = NULL` → ["'a'", 'NULL'] (quotes inside a literal are doubled). */
function parseParameters(text: string): string[] {
  const values: string[] = [];
  for (const match of text.matchAll(/\$(\d+) = ('(?:[^']|'')*'|NULL)/g)) values[Number(match[1]) - 1] = match[2];
  return values;
}

/** The statement run again under EXPLAIN (ANALYZE, BUFFERS) with the same parameters, then rolled back. */
async function explain(pool: Pool, captured: { query: string; parameters: string[] }, planMode: PlanMode): Promise<Statement> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    // This session may have loaded auto_explain too: what it runs here is not the server's.
    await client.query(`set local auto_explain.log_min_duration = -1`);
    await client.query(`set local plan_cache_mode = ${planMode}`);
    await client.query(`prepare bench_plan as ${captured.query}`);
    const args = captured.parameters.length ? `(${captured.parameters.join(', ')})` : '';
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) execute bench_plan${args}`);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    return { query: captured.query, parameters: captured.parameters, plan, executionMs, planMode };
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.query('deallocate all').catch(() => undefined);
    client.release();
  }
}

/** What in a plan grows with the data: big scans, sorts of many rows, many heap fetches, many pages. */
function inspect(statement: Statement): Finding {
  const flags: string[] = [];
  const lines = statement.plan.split('\n');
  const rowsOf = (line: string) => {
    const actual = /actual (?:time=[\d.]+\.\.[\d.]+ )?rows=([\d.]+) loops=(\d+)/.exec(line);
    return actual ? Number(actual[1]) * Number(actual[2]) : 0;
  };
  const nodeName = (line: string) => /^\s*(?:->\s+)?([A-Za-z][A-Za-z ]+?)(?: on | using |\s+\(|$)/.exec(line)?.[1] ?? line.trim();
  let buffers = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    const isNode = /\(cost=/.test(line);
    if (isNode && /Seq Scan on/.test(line)) {
      const removed = Number(/Rows Removed by Filter: (\d+)/.exec(lines.slice(i + 1, i + 4).join('\n'))?.[1] ?? 0);
      const scanned = rowsOf(line) + removed;
      if (scanned > MANY_ROWS) flags.push(`Seq Scan reading ${count(scanned)} rows: ${line.trim().replace(/\s+\(cost.*$/, '')}`);
    }
    if (isNode && /\bSort\b/.test(nodeName(line))) {
      const child = lines.slice(i + 1).find((next) => /->.*\(cost=/.test(next));
      const input = child ? rowsOf(child) : 0;
      if (input > MANY_ROWS) flags.push(`Sort of ${count(input)} rows`);
    }
    if (isNode && /Scan/.test(line) && rowsOf(line) > MANY_ROWS) flags.push(`${nodeName(line)} returning ${count(rowsOf(line))} rows: ${line.trim().replace(/\s+\(cost.*$/, '')}`);
    const fetches = /Heap Fetches: (\d+)/.exec(line);
    if (fetches && Number(fetches[1]) > MANY_ROWS) flags.push(`${count(Number(fetches[1]))} heap fetches in an index-only scan`);
    const heapBlocks = /Heap Blocks: exact=(\d+)/.exec(line);
    if (heapBlocks && Number(heapBlocks[1]) > MANY_ROWS) flags.push(`bitmap heap scan over ${count(Number(heapBlocks[1]))} heap pages`);
    if (buffers === 0) {
      const top = /Buffers: shared (?:hit=(\d+))?\s*(?:read=(\d+))?/.exec(line);
      if (top) buffers = Number(top[1] ?? 0) + Number(top[2] ?? 0);
    }
  }
  if (buffers > MANY_BUFFERS) flags.push(`${count(buffers)} pages touched`);
  return { statement, flags, buffers };
}

/**
 * A statement's text with its literals as `?` and whitespace collapsed: the key by which background
 * statements are told apart from a request's (MikroORM inlines many values, a sweep's `now` among them).
 */
function shape(query: string): string {
  return query
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}

function print(log: (line: string) => void, title: string, findings: Finding[]): void {
  log(`\n--- ${title}: ${findings.length} statements ---`);
  for (const { statement, flags, buffers } of findings) {
    log(`\n> ${statement.query.replace(/\s+/g, ' ').trim().slice(0, 600)}`);
    if (statement.parameters.length) log(`  parameters: ${statement.parameters.join(', ').slice(0, 300)}`);
    const mode = statement.planMode === 'force_generic_plan' ? 'generic plan' : 'custom plan';
    log(`  ${duration(statement.executionMs)}, ${count(buffers)} pages (${mode}, the worse); ${flags.length ? `FLAGGED: ${flags.join('; ')}` : 'flat'}`);
    for (const line of statement.plan.trimEnd().split('\n')) log(`    ${line}`);
  }
}

export async function benchPlans(ctx: BenchContext): Promise<void> {
  const { db, server, log, report, market } = ctx;
  const api = server.api;
  const orderId = await pickOrderId(ctx);
  const requests: [string, () => Promise<unknown>][] = [
    ['orders page', () => api.request(READS.OrdersPage, { first: PAGE_SIZE }, ctx.sellerSecret)],
    ['SHIPPING page by deadline', () => api.request(READS.ShippingPage, { first: PAGE_SIZE }, ctx.sellerSecret)],
    ['order by id', () => api.request(READS.OrderById, { id: orderId }, ctx.sellerSecret)],
    ['dashboard', () => api.request(DASHBOARD_QUERY, {}, ctx.sellerSecret)],
  ];
  const section = `plans at ${count(market.orders)} orders (big shop ${count(market.orders / 10)})`;
  const statementLog = new StatementLog();
  const distinct = <T extends { query: string }>(statements: T[]) => {
    const seen = new Set<string>();
    return statements.filter((statement) => !seen.has(shape(statement.query)) && seen.add(shape(statement.query)));
  };
  const explainAll = async (captured: { query: string; parameters: string[] }[]) => {
    const findings: Finding[] = [];
    for (const statement of captured) {
      const custom = inspect(await explain(db.pool, statement, 'force_custom_plan'));
      const generic = inspect(await explain(db.pool, statement, 'force_generic_plan'));
      const worse = generic.flags.length !== custom.flags.length ? generic.flags.length > custom.flags.length : generic.statement.executionMs > custom.statement.executionMs;
      findings.push(worse ? generic : custom);
    }
    return findings;
  };
  const addRow = (figure: string, findings: Finding[]) => {
    const flags = findings.reduce((total, finding) => total + finding.flags.length, 0);
    const ms = findings.reduce((total, finding) => total + finding.statement.executionMs, 0);
    const pages = findings.reduce((total, finding) => total + finding.buffers, 0);
    report.add({ section, figure: `${figure}: statements; execution time; pages touched; flags`, ours: `${findings.length}; ${duration(ms)}; ${count(pages)}; ${flags}` });
    return flags;
  };
  await autoExplain(db.pool, true);
  db.onLog(statementLog.listener);
  try {
    await server.restart(); // its pool's new sessions load auto_explain
    for (const [, send] of requests) for (let i = 0; i < WARM_UPS; i += 1) await send();
    // The server's own periodic work (the sweeper, the notification sender, the event bus) with no request running.
    await statementLog.take();
    await sleep(6_000); // more than one TIMER_INTERVAL (5 s): every periodic statement ran at least once
    const background = distinct(await statementLog.take());
    const backgroundShapes = new Set(background.map((statement) => shape(statement.query)));
    let flagged = 0;
    for (const [name, send] of requests) {
      await send();
      const findings = await explainAll((await statementLog.take()).filter((statement) => !backgroundShapes.has(shape(statement.query))));
      print(log, name, findings);
      flagged += addRow(name, findings);
    }
    const backgroundFindings = await explainAll(background);
    print(log, 'background (sweeper, notification sender, event bus), each distinct statement once', backgroundFindings);
    flagged += addRow('background sweeps (distinct statements)', backgroundFindings);
    if (statementLog.unreadable) log(`WARNING: ${statementLog.unreadable} auto_explain entries could not be read from the log`);
    log(`\nplans: ${flagged} flags in all (a node over ${count(MANY_ROWS)} rows, a sort fed by as many, or a statement over ${count(MANY_BUFFERS)} pages)`);
  } finally {
    db.onLog(undefined);
    await autoExplain(db.pool, false);
    await server.restart();
  }
}

import { once } from 'node:events';
import { BenchApi } from './api';
import { BenchContext } from './context';
import type { LoadJob, LoadResult } from './load-client';
import { BASELINE, BaselineName, PAGE_SIZE, ReadName, READS } from './operations';
import { cpuMsOf, forkHelper, HelperChannel, postgresCpuMs, stopProcess } from './processes';
import { count, duration, median, rate, ratio } from './report';

type MeasuredName = ReadName | BaselineName;

const DOCUMENTS: Record<MeasuredName, string> = { ...READS, ...BASELINE };

const LABELS: Record<MeasuredName, string> = {
  Typename: 'an authenticated `{ __typename }` (the fixed cost of a request)',
  OrdersPage: `a seller's orders page (${PAGE_SIZE} orders with lines, customer, tracking)`,
  ShippingPage: 'the same filtered to SHIPPING, by deadline',
  OrderById: 'one order by id with its lines',
};

interface Sample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMs: number;
  postgresCpuMs: number;
  loadCpuMs: number;
  failures: number;
}

interface Target {
  name: 'ours' | 'floor';
  pid: number;
  job: LoadJob;
}

/** The order (c) reads: one of the big shop's with three lines and tracking, so every field has a value. */
export async function pickOrderId(ctx: BenchContext): Promise<string> {
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    `select o.id from "order" o where o.shop_id = $1
     order by (select count(*) from order_line l where l.order_id = o.id) desc, (o.tracking_number is not null) desc, o.created_at desc limit 1`,
    [ctx.market.bigShopUuid],
  );
  return Buffer.from(`Order:${rows[0].id}`, 'utf8').toString('base64url');
}

function variablesOf(name: MeasuredName, orderId: string): Record<string, unknown> {
  if (name === 'Typename') return {};
  return name === 'OrderById' ? { id: orderId } : { first: PAGE_SIZE };
}

/** The server's answer must be well-formed, non-empty, and the same JSON as the floor's (whitespace aside). */
function checkAnswers(name: MeasuredName, ours: string, floor: string): void {
  const data = (JSON.parse(ours) as { data?: any; errors?: unknown }).data;
  if (!data || (JSON.parse(ours) as { errors?: unknown }).errors) throw new Error(`${name}: the server answered errors: ${ours.slice(0, 500)}`);
  const empty = name === 'Typename' ? data.__typename !== 'Query' : name === 'OrderById' ? !data.order?.lines?.length : !data.orders?.edges?.length;
  if (empty && name !== 'ShippingPage') throw new Error(`${name}: the server answered no data: ${ours.slice(0, 500)}`);
  const [a, b] = [JSON.stringify(JSON.parse(ours)), JSON.stringify(JSON.parse(floor))];
  if (a === b) return;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  throw new Error(`${name}: the floor's answer differs from the server's at character ${at}:\n  ours:  …${a.slice(Math.max(0, at - 120), at + 80)}\n  floor: …${b.slice(Math.max(0, at - 120), at + 80)}`);
}

async function measure(ctx: BenchContext, load: HelperChannel, target: Target, seconds: number): Promise<Sample> {
  const serverBefore = cpuMsOf(target.pid);
  const postgresBefore = postgresCpuMs(ctx.db.postmasterPid);
  const result = await load.request<LoadResult>('run', { ...target.job, seconds });
  const serverMs = cpuMsOf(target.pid) - serverBefore;
  const postgresMs = postgresCpuMs(ctx.db.postmasterPid) - postgresBefore;
  const requests = Math.max(1, result.requests);
  return {
    requestsPerSecond: result.requests / result.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    serverCpuMs: serverMs / requests,
    postgresCpuMs: postgresMs / requests,
    loadCpuMs: result.cpuMs / requests,
    failures: result.failures,
  };
}

function medianOf(samples: Sample[], pick: (sample: Sample) => number): number {
  return median(samples.map(pick));
}

/** Reads: the orders page, the SHIPPING page and one order by id (benchRequests). */
export function benchReads(ctx: BenchContext): Promise<void> {
  return benchRequests(ctx, Object.keys(READS) as ReadName[]);
}

/** The fixed cost of any GraphQL request: an authenticated `{ __typename }` against the floor's constant answer. */
export function benchBaseline(ctx: BenchContext): Promise<void> {
  return benchRequests(ctx, Object.keys(BASELINE) as BaselineName[]);
}

/**
 * Each request against the server and against the floor, in interleaved rounds (ours, floor, ours,
 * floor, …) after a warm-up of each, so both meet the same machine; medians reported.
 */
async function benchRequests(ctx: BenchContext, names: MeasuredName[]): Promise<void> {
  const { config, report, log } = ctx;
  const floorPort = config.httpPort + 1;
  const floorProcess = forkHelper('the read floor', 'read-floor.js', {
    BENCH_DATABASE_URL: ctx.db.url,
    BENCH_PORT: String(floorPort),
    BENCH_SHOP_UUID: ctx.market.bigShopUuid,
  });
  const load = new HelperChannel(forkHelper('the load generator', 'load-client.js'));
  try {
    await once(floorProcess, 'message');
    const floorApi = new BenchApi(floorPort, ctx.sellerSecret);
    const orderId = await pickOrderId(ctx);
    for (const name of names) {
      const body = JSON.stringify({ operationName: name, query: DOCUMENTS[name], variables: variablesOf(name, orderId) });
      const [ours, floor] = [await ctx.server.api.raw(body, ctx.sellerSecret), await floorApi.raw(body)];
      checkAnswers(name, ours, floor);
      const job = (port: number, expectBody: string): LoadJob => ({
        url: `http://127.0.0.1:${port}/graphql`,
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.sellerSecret}` },
        connections: config.connections,
        seconds: config.seconds,
        expectBody,
      });
      const targets: Target[] = [
        { name: 'ours', pid: ctx.server.pid, job: job(ctx.server.port, ours) },
        { name: 'floor', pid: floorProcess.pid!, job: job(floorPort, floor) },
      ];
      log(`${name}: answers match the floor (${ours.length} bytes); warming up, then ${config.rounds} rounds of ${config.seconds} s each`);
      if (config.warmupSeconds > 0) for (const target of targets) await measure(ctx, load, target, config.warmupSeconds);
      const samples: Record<Target['name'], Sample[]> = { ours: [], floor: [] };
      for (let round = 1; round <= config.rounds; round += 1) {
        for (const target of targets) {
          const sample = await measure(ctx, load, target, config.seconds);
          samples[target.name].push(sample);
          log(
            `  round ${round}/${config.rounds} ${target.name.padEnd(5)}: ${rate(sample.requestsPerSecond)} req/s, p50 ${sample.p50Ms} ms, p99 ${sample.p99Ms} ms, ` +
              `server CPU ${duration(sample.serverCpuMs)}/req, PostgreSQL ${duration(sample.postgresCpuMs)}/req, failures ${sample.failures}`,
          );
        }
      }
      const [o, f] = [samples.ours, samples.floor];
      const section = `${name === 'Typename' ? 'baseline' : 'reads'}: ${LABELS[name]}`;
      const both = (pick: (sample: Sample) => number, format: (value: number) => string) => {
        const [ours, floor] = [medianOf(o, pick), medianOf(f, pick)];
        return { ours: format(ours), floor: format(floor), ratio: ratio(ours, floor) };
      };
      report.add({ section, figure: `req/s (${config.connections} connections)`, ...both((s) => s.requestsPerSecond, rate) });
      report.add({ section, figure: 'latency p50', ...both((s) => s.p50Ms, (ms) => `${ms} ms`) });
      report.add({ section, figure: 'latency p99', ...both((s) => s.p99Ms, (ms) => `${ms} ms`) });
      report.add({ section, figure: 'server CPU per request', ...both((s) => s.serverCpuMs, duration) });
      report.add({ section, figure: 'PostgreSQL CPU per request', ...both((s) => s.postgresCpuMs, duration) });
      report.add({ section, figure: 'load generator CPU per request', ...both((s) => s.loadCpuMs, duration) });
      const failures = (samples: Sample[]) => count(samples.reduce((total, sample) => total + sample.failures, 0));
      report.add({ section, figure: 'failed or wrong answers (all rounds)', ours: failures(o), floor: failures(f) });
    }
  } finally {
    await stopProcess(load.child);
    await stopProcess(floorProcess);
  }
}

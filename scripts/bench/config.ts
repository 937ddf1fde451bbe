/**
 * What `npm run bench` measures and where, read once from the environment (README, "Benchmarks").
 * Every figure has a default that finishes in about ten minutes on a two-core machine.
 */
export const SECTIONS = ['baseline', 'reads', 'plans', 'mutations', 'writes', 'fanout', 'storm', 'live'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchConfig {
  sections: Set<Section>;
  orders: number;
  shops: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  writers: number[];
  subscribers: number;
  messages: number;
  tabs: number;
  socketsPerWorker: number;
  stormTimeoutSeconds: number;
  /** The live section: shops, seller frontends per shop, customer messages per second, for how long. */
  live: { shops: number; tabsPerShop: number; rate: number; seconds: number };
  /** Server processes (the server's WORKERS setting). */
  workers: number;
  pgPort: number;
  /** The server; the read floor and the WebSocket floor take the next two ports. */
  httpPort: number;
}

function whole(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function sections(): Set<Section> {
  const raw = process.env.BENCH_ONLY;
  if (!raw) return new Set(SECTIONS);
  const chosen = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = chosen.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`BENCH_ONLY takes ${SECTIONS.join(',')}; unknown: ${unknown.join(',')}`);
  return new Set(chosen as Section[]);
}

export function loadBenchConfig(): BenchConfig {
  const orders = whole('BENCH_ORDERS', 10_000, 100, 10_000_000);
  return {
    sections: sections(),
    orders,
    shops: whole('BENCH_SHOPS', 50, 2, 100_000),
    seconds: whole('BENCH_SECONDS', 8, 1, 600),
    warmupSeconds: whole('BENCH_WARMUP_SECONDS', 2, 0, 60),
    rounds: whole('BENCH_ROUNDS', 3, 1, 15),
    connections: whole('BENCH_CONNECTIONS', 32, 1, 1_000),
    writers: (process.env.BENCH_WRITERS ?? '1,16').split(',').map((count) => {
      const value = Number(count);
      if (!Number.isInteger(value) || value < 1 || value > 200) throw new Error(`BENCH_WRITERS takes whole numbers from 1 to 200, got "${count}"`);
      return value;
    }),
    subscribers: whole('BENCH_SUBSCRIBERS', 10_000, 1, 100_000),
    messages: whole('BENCH_MESSAGES', 5, 1, 1_000),
    tabs: whole('BENCH_TABS', 2_000, 1, 100_000),
    socketsPerWorker: whole('BENCH_SOCKETS_PER_WORKER', 2_500, 1, 20_000),
    stormTimeoutSeconds: whole('BENCH_STORM_TIMEOUT_SECONDS', 120, 1, 3_600),
    live: {
      // 3,000 × 5 = 15,000 sockets: the machine this runs on allows 20,000 open files per process.
      shops: whole('BENCH_LIVE_SHOPS', 3_000, 1, 100_000),
      tabsPerShop: whole('BENCH_LIVE_TABS_PER_SHOP', 5, 1, 100),
      rate: whole('BENCH_LIVE_RATE', 200, 1, 10_000),
      seconds: whole('BENCH_LIVE_SECONDS', 30, 1, 3_600),
    },
    workers: whole('BENCH_WORKERS', 1, 1, 64),
    pgPort: whole('BENCH_PG_PORT', 54357, 1, 65535),
    httpPort: whole('BENCH_HTTP_PORT', 4107, 1, 65533),
  };
}

/** The configuration as one line, for the report: what someone needs to repeat the run. */
export function describeConfig(config: BenchConfig): string {
  return [
    `BENCH_ONLY=${[...config.sections].join(',')}`,
    `BENCH_ORDERS=${config.orders}`,
    `BENCH_SHOPS=${config.shops}`,
    `BENCH_SECONDS=${config.seconds}`,
    `BENCH_WARMUP_SECONDS=${config.warmupSeconds}`,
    `BENCH_ROUNDS=${config.rounds}`,
    `BENCH_CONNECTIONS=${config.connections}`,
    `BENCH_WRITERS=${config.writers.join(',')}`,
    `BENCH_SUBSCRIBERS=${config.subscribers}`,
    `BENCH_MESSAGES=${config.messages}`,
    `BENCH_TABS=${config.tabs}`,
    `BENCH_LIVE_SHOPS=${config.live.shops}`,
    `BENCH_LIVE_TABS_PER_SHOP=${config.live.tabsPerShop}`,
    `BENCH_LIVE_RATE=${config.live.rate}`,
    `BENCH_LIVE_SECONDS=${config.live.seconds}`,
    `BENCH_WORKERS=${config.workers}`,
  ].join(' ');
}

import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BenchApi, waitFor } from './api';
import { spawnProcess, stopProcess } from './processes';

export const OPERATOR_SECRET = 'sk_bench_operator_0123456789abcdef';

/** The real server (dist/src/main.js) as its own process, on the benchmark's database. */
export class ServerUnderTest {
  private child?: ChildProcess;
  readonly api: BenchApi;

  constructor(
    private readonly databaseUrl: string,
    readonly port: number,
    /** Server processes (the server's WORKERS); the CPU and memory figures sum them. */
    private readonly workers = 1,
  ) {
    this.api = new BenchApi(port, OPERATOR_SECRET);
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('the server is not running');
    return this.child.pid;
  }

  /** `nodeArgs`: flags for node itself (`--inspect=…` for the storm's memory breakdown). */
  async start(nodeArgs: string[] = []): Promise<void> {
    // BENCH_CPU_PROF_DIR: the server writes a V8 CPU profile of its whole life there when it stops
    // (summarize it with dist/scripts/bench/profile-summary.js).
    const profileDir = process.env.BENCH_CPU_PROF_DIR;
    const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250'] : [];
    this.child = spawnProcess('the server', process.execPath, [...profiling, ...nodeArgs, join(__dirname, '..', '..', 'src', 'main.js')], {
      DATABASE_URL: this.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      BOOTSTRAP_OPERATOR_KEY: OPERATOR_SECRET,
      // Every simulated frontend uses the one seller key: lift the per-key socket cap.
      WS_MAX_SOCKETS_PER_KEY: '1000000',
      WORKERS: String(this.workers),
    });
    await waitFor('the server to be ready', () => this.api.ready(), 60_000);
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child, 30_000);
    this.child = undefined;
  }

  /** A fresh process (cold caches and JIT, as after a deploy) on the same database. */
  async restart(nodeArgs: string[] = []): Promise<void> {
    await this.stop();
    await this.start(nodeArgs);
  }
}

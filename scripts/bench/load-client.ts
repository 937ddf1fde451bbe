import autocannon from 'autocannon';
import { serveHelperRequests } from './processes';

/**
 * The HTTP load generator (its own process, so its CPU is neither the server's nor the
 * benchmark's): autocannon with keep-alive connections, each sending the same request as soon as
 * the previous answer arrived. Every answer must equal `expectBody`, byte for byte.
 */
export interface LoadJob {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  expectBody: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts, non-2xx answers and answers that differ from expectBody. */
  failures: number;
  cpuMs: number;
}

serveHelperRequests({
  async run(job: LoadJob): Promise<LoadResult> {
    const cpuBefore = process.cpuUsage();
    const result = await autocannon({
      url: job.url,
      method: 'POST',
      headers: job.headers,
      body: job.body,
      connections: job.connections,
      duration: job.seconds,
      timeout: 30,
      expectBody: job.expectBody,
    });
    const cpu = process.cpuUsage(cpuBefore);
    return {
      requests: result['2xx'] - result.mismatches,
      seconds: result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failures: result.errors + result.timeouts + result.non2xx + result.mismatches,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  },
});

import { forkHelper, HelperChannel, stopProcess } from './processes';
import type { Arrivals, ConnectJob, ConnectResult, DeliveryStats, Progress, TaggedExpectation } from './socket-worker';

/** Socket workers (socket-worker.ts) driven as one: each holds its share of the sockets. */
export class SocketFleet {
  private constructor(private readonly workers: HelperChannel[]) {}

  static start(workers: number): SocketFleet {
    return new SocketFleet(Array.from({ length: workers }, (_, i) => new HelperChannel(forkHelper(`socket worker ${i + 1}`, 'socket-worker.js'))));
  }

  get size(): number {
    return this.workers.length;
  }

  private all<T>(command: string, args: (index: number) => unknown = () => ({})): Promise<T[]> {
    return Promise.all(this.workers.map((worker, i) => worker.request<T>(command, args(i))));
  }

  /** `count` sockets spread evenly over the workers, opened in parallel by all of them (per-socket `secrets` and `tags` follow their sockets). */
  async connect(job: ConnectJob): Promise<ConnectResult> {
    const share = (i: number) => Math.floor(job.count / this.workers.length) + (i < job.count % this.workers.length ? 1 : 0);
    const firstOf = (i: number) => Array.from({ length: i }, (_, j) => share(j)).reduce((total, n) => total + n, 0);
    const slice = <T>(values: T[] | undefined, i: number) => values?.slice(firstOf(i), firstOf(i) + share(i));
    const results = await this.all<ConnectResult>('connect', (i) => ({ ...job, count: share(i), secrets: slice(job.secrets, i), tags: slice(job.tags, i) }));
    return {
      served: sum(results.map((r) => r.served)),
      failed: sum(results.map((r) => r.failed)),
      lastServedAt: Math.max(...results.map((r) => r.lastServedAt)),
      firstFailure: results.find((r) => r.firstFailure)?.firstFailure,
    };
  }

  async reset(): Promise<void> {
    await this.all('reset');
  }

  async progress(expectDashboard?: string): Promise<Progress> {
    const parts = await this.all<Progress>('progress', () => ({ expectDashboard }));
    return {
      deliveries: sum(parts.map((p) => p.deliveries)),
      dashboards: sum(parts.map((p) => p.dashboards)),
      dashboardsMatching: sum(parts.map((p) => p.dashboardsMatching)),
      open: sum(parts.map((p) => p.open)),
    };
  }

  async stats(messageIds: string[], expectDashboard?: string, tagged?: TaggedExpectation): Promise<DeliveryStats> {
    const parts = await this.all<DeliveryStats>('stats', () => ({ messageIds, expectDashboard, tagged }));
    const total = (pick: (part: DeliveryStats) => number) => sum(parts.map(pick));
    return {
      deliveries: total((p) => p.deliveries),
      dashboards: total((p) => p.dashboards),
      dashboardsMatching: total((p) => p.dashboardsMatching),
      open: total((p) => p.open),
      lastDeliveryAt: Math.max(...parts.map((p) => p.lastDeliveryAt)),
      lastDashboardAt: Math.max(...parts.map((p) => p.lastDashboardAt)),
      orderChanges: total((p) => p.orderChanges),
      latencies: parts.flatMap((p) => p.latencies),
      lost: total((p) => p.lost),
      duplicated: total((p) => p.duplicated),
      unexpected: total((p) => p.unexpected),
      errors: total((p) => p.errors),
      dropped: total((p) => p.dropped),
      cpuMs: total((p) => p.cpuMs),
      deliveredElsewhere: total((p) => p.deliveredElsewhere),
      missing: parts.flatMap((p, worker) => p.missing.map((m) => ({ ...m, tabIndex: worker * 1_000_000 + m.tabIndex }))),
    };
  }

  /** Per id, the served tabs (over all workers) that have it, with its first and last arrival. */
  async arrivals(ids: string[]): Promise<Arrivals> {
    const parts = await this.all<Arrivals>('arrivals', () => ({ ids }));
    const merged: Arrivals = {};
    for (const part of parts) {
      for (const [id, entry] of Object.entries(part)) {
        const into = merged[id];
        merged[id] = into ? { tabs: into.tabs + entry.tabs, first: Math.min(into.first, entry.first), last: Math.max(into.last, entry.last) } : { ...entry };
      }
    }
    return merged;
  }

  async closeSockets(): Promise<void> {
    await this.all('close');
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => stopProcess(worker.child)));
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

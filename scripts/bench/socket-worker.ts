import WebSocket from 'ws';
import { serveHelperRequests } from './processes';
import { SUBSCRIPTIONS, SubscriptionName } from './operations';

/**
 * Client sockets for the fan-out and reconnect-storm benchmarks, a few thousand per process. Each
 * socket is a seller's browser tab: it speaks the graphql-ws protocol (graphql-transport-ws)
 * directly on `ws` — connection_init with the key, the tab's subscriptions, pongs — or, against the
 * bare-`ws` floor, just receives. Both kinds parse every frame the same way, so the client side
 * costs the same against the server and against the floor. The worker counts, per socket, every
 * message id it receives (for lost and duplicated deliveries) and keeps each tab's last dashboard.
 */

export interface ConnectJob {
  url: string;
  /** 'graphql-ws' for the server; 'raw' for the floor, which pushes frames without a protocol. */
  protocol: 'graphql-ws' | 'raw';
  secret?: string;
  /** One key per socket (overrides `secret`): socket i of this job uses secrets[i]. */
  secrets?: string[];
  /** What each socket stands for (its shop), by index like `secrets`: deliveries are checked against it. */
  tags?: string[];
  subscriptions: SubscriptionName[];
  count: number;
  /** Sockets opened at once; the next batch starts when this one is served (count = all at once). */
  batch: number;
  timeoutMs: number;
}

export interface ConnectResult {
  served: number;
  failed: number;
  /** Date.now() when the last socket was served. */
  lastServedAt: number;
  firstFailure?: string;
}

export interface Progress {
  deliveries: number;
  dashboards: number;
  dashboardsMatching: number;
  open: number;
}

export interface DeliveryStats extends Progress {
  lastDeliveryAt: number;
  lastDashboardAt: number;
  orderChanges: number;
  /** Milliseconds from the message's createdAt to its arrival, one per delivery. */
  latencies: number[];
  lost: number;
  duplicated: number;
  /** Deliveries of ids nobody sent in this measurement. */
  unexpected: number;
  errors: number;
  /** Sockets that closed after being served. */
  dropped: number;
  cpuMs: number;
  /** With `expectedByTag`: deliveries of ids meant for another tag (another shop's socket got them). */
  deliveredElsewhere: number;
  /** With `expectedByTag`: each (id, tab) still missing, with when that tab was served (Date.now()). */
  missing: { id: string; tag: string; tabIndex: number; servedAt: number }[];
}

/** Where ids arrived: per id, how many served tabs have it and its first and last arrival (Date.now()). */
export type Arrivals = Record<string, { tabs: number; first: number; last: number }>;

/** Per tag (shop), the message ids its sockets must get; with each id's send time for the latencies. */
export interface TaggedExpectation {
  expectedByTag: Record<string, string[]>;
  /** Date.now() when the write that made the id was sent: latency = arrival - this. */
  sentAt: Record<string, number>;
}

interface Tab {
  socket: WebSocket;
  /** pending until served (acknowledged, subscribed, first dashboard in) or failed; then settled for good. */
  state: 'pending' | 'served' | 'failed';
  /** Closed, or being closed by us. */
  closed: boolean;
  counts: Map<string, number>;
  /** Date.now() of each id's first arrival. */
  arrivals: Map<string, number>;
  tag?: string;
  dashboard?: string;
  /** This worker's index of the tab, and Date.now() when it was served. */
  index: number;
  servedAt: number;
}

let tabs: Tab[] = [];
const tally = { deliveries: 0, dashboards: 0, orderChanges: 0, errors: 0, dropped: 0, lastDeliveryAt: 0, lastDashboardAt: 0, latencies: [] as number[] };
let cpuBaseline = process.cpuUsage();

function reset(): void {
  for (const tab of tabs) {
    tab.counts.clear();
    tab.arrivals.clear();
  }
  Object.assign(tally, { deliveries: 0, dashboards: 0, orderChanges: 0, errors: 0, dropped: 0, lastDeliveryAt: 0, lastDashboardAt: 0, latencies: [] });
  cpuBaseline = process.cpuUsage();
}

function openTab(job: ConnectJob, index: number, settle: (tab: Tab, failure?: string) => void): Tab {
  const socket = new WebSocket(job.url, job.protocol === 'graphql-ws' ? 'graphql-transport-ws' : undefined, { perMessageDeflate: false });
  const tab: Tab = { socket, state: 'pending', closed: false, counts: new Map(), arrivals: new Map(), tag: job.tags?.[index], index, servedAt: 0 };
  const secret = job.secrets?.[index] ?? job.secret;
  const waitsForDashboard = job.subscriptions.includes('dashboardChanged');
  const serve = () => {
    if (tab.state !== 'pending') return;
    tab.state = 'served';
    tab.servedAt = Date.now();
    settle(tab);
  };
  const fail = (reason: string) => {
    if (tab.state !== 'pending') return;
    tab.state = 'failed';
    settle(tab, reason);
  };
  socket.on('open', () => {
    if (job.protocol === 'raw') return serve();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${secret}` } }));
  });
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; id?: string; payload?: any };
    switch (frame.type) {
      case 'connection_ack':
        for (const name of job.subscriptions) {
          const { id, query } = SUBSCRIPTIONS[name];
          socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables: {} } }));
        }
        if (!waitsForDashboard) serve();
        return;
      case 'next':
        return receive(tab, frame.id!, frame.payload, serve);
      case 'ping':
        return socket.send('{"type":"pong"}');
      case 'error':
        tally.errors += 1;
        return fail(`subscription error: ${JSON.stringify(frame.payload).slice(0, 300)}`);
      default:
        return;
    }
  });
  socket.on('error', (error) => fail(`socket error: ${error.message}`));
  socket.on('close', (code, reason) => {
    if (tab.state === 'served' && !tab.closed) tally.dropped += 1;
    tab.closed = true;
    fail(`closed with ${code} ${reason.toString()}`);
  });
  return tab;
}

function receive(tab: Tab, id: string, payload: { data?: Record<string, any>; errors?: unknown[] }, serve: () => void): void {
  const now = Date.now();
  if (payload.errors || !payload.data) {
    tally.errors += 1;
    return;
  }
  if (id === SUBSCRIPTIONS.messageAdded.id) {
    const message = payload.data.messageAdded as { id: string; createdAt: string };
    tab.counts.set(message.id, (tab.counts.get(message.id) ?? 0) + 1);
    if (!tab.arrivals.has(message.id)) tab.arrivals.set(message.id, now);
    tally.deliveries += 1;
    tally.lastDeliveryAt = now;
    tally.latencies.push(now - Date.parse(message.createdAt));
  } else if (id === SUBSCRIPTIONS.dashboardChanged.id) {
    tab.dashboard = JSON.stringify(payload.data.dashboardChanged);
    tally.dashboards += 1;
    tally.lastDashboardAt = now;
    serve(); // a tab with a dashboard is served once its first (initial) counts arrive
  } else if (id === SUBSCRIPTIONS.orderChanged.id) {
    tally.orderChanges += 1;
  }
}

/** Opens `job.count` sockets, `job.batch` at a time; each batch waits until its sockets are served or failed. */
async function connect(job: ConnectJob): Promise<ConnectResult> {
  const result: ConnectResult = { served: 0, failed: 0, lastServedAt: 0 };
  const until = Date.now() + job.timeoutMs;
  for (let start = 0; start < job.count; start += job.batch) {
    const size = Math.min(job.batch, job.count - start);
    await new Promise<void>((resolve) => {
      let pending = size;
      const timer = setTimeout(resolve, Math.max(0, until - Date.now()));
      const settle = (_tab: Tab, failure?: string) => {
        if (failure) {
          result.failed += 1;
          result.firstFailure ??= failure;
        } else {
          result.served += 1;
          result.lastServedAt = Date.now();
        }
        if (--pending === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (let i = 0; i < size; i += 1) tabs.push(openTab(job, start + i, settle));
    });
    if (Date.now() >= until) break;
  }
  // Sockets still pending at the deadline count as failures (and stay failed if they are served later).
  const unsettled = tabs.filter((tab) => tab.state === 'pending');
  for (const tab of unsettled) tab.state = 'failed';
  if (unsettled.length > 0) {
    result.failed += unsettled.length;
    result.firstFailure ??= `${unsettled.length} sockets were not served within ${job.timeoutMs} ms`;
  }
  return result;
}

function progress(expectDashboard?: string): Progress {
  let dashboardsMatching = 0;
  let open = 0;
  for (const tab of tabs) {
    if (expectDashboard !== undefined && tab.dashboard === expectDashboard) dashboardsMatching += 1;
    if (tab.state === 'served' && !tab.closed) open += 1;
  }
  return { deliveries: tally.deliveries, dashboards: tally.dashboards, dashboardsMatching, open };
}

function stats(args: { messageIds: string[]; expectDashboard?: string; tagged?: TaggedExpectation }): DeliveryStats {
  const expected = new Set(args.messageIds);
  const tagged = args.tagged;
  const tagOf = new Map<string, string>();
  if (tagged) for (const [tag, ids] of Object.entries(tagged.expectedByTag)) for (const id of ids) tagOf.set(id, tag);
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  let deliveredElsewhere = 0;
  const missing: DeliveryStats['missing'] = [];
  const latencies = tagged ? [] : tally.latencies;
  for (const tab of tabs) {
    if (tab.state !== 'served') continue;
    const mine = tagged ? tagged.expectedByTag[tab.tag ?? ''] ?? [] : expected;
    for (const id of mine) {
      const count = tab.counts.get(id) ?? 0;
      if (count === 0) {
        lost += 1;
        if (tagged) missing.push({ id, tag: tab.tag ?? '', tabIndex: tab.index, servedAt: tab.servedAt });
      }
      if (count > 1) duplicated += count - 1;
    }
    for (const [id, count] of tab.counts) {
      if (!tagged) {
        if (!expected.has(id)) unexpected += count;
        continue;
      }
      const owner = tagOf.get(id);
      if (owner === undefined) unexpected += count;
      else if (owner !== tab.tag) deliveredElsewhere += count;
      else latencies.push(tab.arrivals.get(id)! - tagged.sentAt[id]);
    }
  }
  const cpu = process.cpuUsage(cpuBaseline);
  return {
    ...progress(args.expectDashboard),
    lastDeliveryAt: tally.lastDeliveryAt,
    lastDashboardAt: tally.lastDashboardAt,
    orderChanges: tally.orderChanges,
    latencies,
    lost,
    duplicated,
    unexpected,
    errors: tally.errors,
    dropped: tally.dropped,
    cpuMs: (cpu.user + cpu.system) / 1000,
    deliveredElsewhere,
    missing,
  };
}

function arrivals(ids: string[]): Arrivals {
  const result: Arrivals = {};
  for (const tab of tabs) {
    if (tab.state !== 'served') continue;
    for (const id of ids) {
      const at = tab.arrivals.get(id);
      if (at === undefined) continue;
      const entry = (result[id] ??= { tabs: 0, first: at, last: at });
      entry.tabs += 1;
      entry.first = Math.min(entry.first, at);
      entry.last = Math.max(entry.last, at);
    }
  }
  return result;
}

async function closeAll(): Promise<void> {
  const open = tabs.filter((tab) => !tab.closed);
  await new Promise<void>((resolve) => {
    let pending = open.length;
    if (pending === 0) return resolve();
    const timer = setTimeout(resolve, 15_000);
    for (const tab of open) {
      tab.closed = true;
      tab.socket.once('close', () => {
        if (--pending === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      tab.socket.close(1000);
    }
  });
  for (const tab of tabs) tab.socket.terminate();
  tabs = [];
}

serveHelperRequests({
  connect: (job: ConnectJob) => connect(job),
  reset: () => reset(),
  progress: (args: { expectDashboard?: string }) => progress(args.expectDashboard),
  stats: (args: { messageIds: string[]; expectDashboard?: string; tagged?: TaggedExpectation }) => stats(args),
  arrivals: (args: { ids: string[] }) => arrivals(args.ids),
  close: () => closeAll(),
});

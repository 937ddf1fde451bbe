import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * The kernel's TCP counters that tell whether connections were lost before the server saw them
 * (what `nstat -az | grep -E 'ListenOverflows|ListenDrops|SynRetrans'` shows): an accept queue full
 * (ListenOverflows, ListenDrops) or a SYN queue full, which clients notice as SYNs sent again
 * (TCPSynRetrans). They count the whole network namespace, other programs' connections included.
 */
export interface ListenCounters {
  listenOverflows: number;
  listenDrops: number;
  synRetransmits: number;
}

export function listenCounters(): ListenCounters {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const header = lines.findIndex((line) => line.startsWith('TcpExt:'));
  const names = lines[header].split(/\s+/);
  const values = lines[header + 1].split(/\s+/).map(Number);
  const value = (name: string) => values[names.indexOf(name)] ?? NaN;
  return { listenOverflows: value('ListenOverflows'), listenDrops: value('ListenDrops'), synRetransmits: value('TCPSynRetrans') };
}

export function countersSince(before: ListenCounters): ListenCounters {
  const now = listenCounters();
  return {
    listenOverflows: now.listenOverflows - before.listenOverflows,
    listenDrops: now.listenDrops - before.listenDrops,
    synRetransmits: now.synRetransmits - before.synRetransmits,
  };
}

/** The machine's 1-minute load average, for the report: figures on a shared machine need it. */
export function loadAverage(): string {
  return loadavg()[0].toFixed(1);
}

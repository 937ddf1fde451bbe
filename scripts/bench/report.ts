import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

/**
 * The benchmark's one table: each row one figure, ours next to the floor measured in the same run
 * and their ratio, so the comparison holds however busy the machine was.
 */
export interface Row {
  section: string;
  figure: string;
  ours: string;
  floor?: string;
  ratio?: string;
}

export class Report {
  readonly rows: Row[] = [];

  add(row: Row): void {
    this.rows.push(row);
    console.log(`  ${row.section} | ${row.figure}: ${row.ours}${row.floor ? ` (floor ${row.floor}${row.ratio ? `, ours/floor ${row.ratio}` : ''})` : ''}`);
  }

  markdown(): string {
    const escape = (text = '') => text.replace(/\|/g, '\\|');
    const lines = ['| section | figure | ours | floor | ours / floor |', '|---|---|---:|---:|---:|'];
    for (const row of this.rows) lines.push(`| ${escape(row.section)} | ${escape(row.figure)} | ${escape(row.ours)} | ${escape(row.floor ?? '')} | ${escape(row.ratio ?? '')} |`);
    return lines.join('\n');
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function rate(value: number): string {
  return value >= 100 ? count(value) : value.toFixed(1);
}

/** A duration given in milliseconds, in the unit that keeps two or three significant digits. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function ratio(ours: number, floor: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(floor) || floor === 0) return 'n/a';
  return ours / floor >= 10 ? (ours / floor).toFixed(0) : (ours / floor).toFixed(2);
}

export function bytes(value: number): string {
  return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
}

/** Cores, CPU model, memory, Node, PostgreSQL: what a reader needs to compare runs. */
export function describeMachine(postgresVersion: string): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return `${cpus().length} cores (${model}), ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Linux, Node ${process.version}, PostgreSQL ${postgresVersion} (embedded)`;
}

/** The 1, 5 and 15-minute load averages: how busy the shared machine was. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

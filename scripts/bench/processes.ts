import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every process the benchmark starts, so all of them stop at the end, on Ctrl+C and on errors; and
 * what each one costs, read from /proc (the kernel's count: it includes GC, JIT and I/O threads,
 * and costs the measured process nothing).
 */

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface StatFields {
  ppid: number;
  /** user + system CPU of the process itself, in milliseconds. */
  cpuMs: number;
  /** ... of its children that exited and were waited for. */
  childrenCpuMs: number;
}

function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // the process is gone
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ticks = (index: number) => Number(fields[index]);
  const ms = (value: number) => (value * 1000) / CLOCK_TICKS_PER_SECOND;
  return { ppid: ticks(1), cpuMs: ms(ticks(11) + ticks(12)), childrenCpuMs: ms(ticks(13) + ticks(14)) };
}

/** The live processes whose parent is `pid` (a server's cluster workers). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((child) => readStat(child)?.ppid === pid);
}

/**
 * User + system CPU time a process has used so far, in milliseconds (10 ms resolution), with its
 * children's, live and exited: a server run with WORKERS=N counts its workers (BENCH_WORKERS).
 */
export function cpuMsOf(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is gone; cannot read its CPU time`);
  return stat.cpuMs + stat.childrenCpuMs + childrenOf(pid).reduce((total, child) => total + (readStat(child)?.cpuMs ?? 0), 0);
}

/** The CPU of a PostgreSQL server: the postmaster, its live backends and the ones that have exited. */
export function postgresCpuMs(postmasterPid: number): number {
  const postmaster = readStat(postmasterPid);
  if (!postmaster) throw new Error(`the PostgreSQL postmaster ${postmasterPid} is gone`);
  let total = postmaster.cpuMs + postmaster.childrenCpuMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === postmasterPid) total += stat.cpuMs;
  }
  return total;
}

/**
 * Waits until a process has used under 5% of a core for half a second (at most `timeoutMs`), so work
 * queued by one measurement (closed sockets' leftovers) does not run into the next.
 */
export async function waitUntilIdle(pid: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let before = cpuMsOf(pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuMsOf(pid);
    if (now - before < 25) return;
    before = now;
  }
}

function ownRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib[1]) * 1024;
}

/** Resident memory of a process and its live children (a server's workers), summed. */
export function rssBytesOf(pid: number): number {
  return ownRssBytes(pid) + childrenOf(pid).reduce((total, child) => total + ownRssBytes(child), 0);
}

const running = new Map<ChildProcess, string>();
const expectedExits = new WeakSet<ChildProcess>();
let unexpectedExitListener: ((error: Error) => void) | undefined;

/** Called with an error when a child the benchmark needs dies on its own (crash, port taken). */
export function onUnexpectedExit(listener: (error: Error) => void): void {
  unexpectedExitListener = listener;
}

function track(child: ChildProcess, name: string): ChildProcess {
  running.set(child, name);
  child.once('exit', (code, signal) => {
    running.delete(child);
    if (!expectedExits.has(child)) unexpectedExitListener?.(new Error(`${name} (pid ${child.pid}) exited on its own: code ${code}, signal ${signal}`));
  });
  return child;
}

/** A benchmark helper (scripts/bench/*.js) with an IPC channel; it exits when this process goes away. */
export function forkHelper(name: string, script: string, env: Record<string, string> = {}): ChildProcess {
  const child = fork(join(__dirname, script), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return track(child, name);
}

/** Any other program (the real server). */
export function spawnProcess(name: string, command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  return track(child, name);
}

/** SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  expectedExits.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(killer);
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running.keys()].map((child) => stopProcess(child)));
}

/** Request/answer over a helper's IPC channel; helpers answer `{ id, result }` or `{ id, error }`. */
export class HelperChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.result);
    });
    child.once('exit', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`helper ${child.pid} exited`));
      this.pending.clear();
    });
  }

  request<T>(command: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command, args });
    });
  }
}

/** The helper side of HelperChannel: runs `handlers[command]` for each request. */
export function serveHelperRequests(handlers: Record<string, (args: any) => unknown>): void {
  process.on('message', async (message: { id: number; command: string; args: unknown }) => {
    try {
      const handler = handlers[message.command];
      if (!handler) throw new Error(`unknown command ${message.command}`);
      const result = await handler(message.args);
      process.send!({ id: message.id, result: result ?? null });
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  });
  // The benchmark went away (finished, Ctrl+C, crashed): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
}

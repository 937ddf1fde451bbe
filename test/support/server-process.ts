import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

/** The repository root: the server under test is `node dist/src/main.js` run from here. */
export const ROOT = resolve(__dirname, '../..');
export const MAIN = join(ROOT, 'dist/src/main.js');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function contentsOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * `npm run build` (incremental), once at a time: jest runs test files in parallel workers, and two
 * compilers writing dist/ at once could hand a server a half-written file.
 */
export async function buildServer(): Promise<void> {
  const lock = join(tmpdir(), `seller-api-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(contentsOrEmpty(join(lock, 'pid')));
      if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * A fresh folder under the system temporary folder, mode 0755: as root the embedded PostgreSQL runs
 * as the user postgres, which must be able to enter every folder above its data.
 */
export function openFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(folder, 0o755);
  return folder;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Every line written so far. */
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first JSON log line whose `msg` matches; rejects if the server exits first. */
  waitForLog(msg: string | RegExp): Promise<Record<string, unknown>>;
}

function lines(stream: NodeJS.ReadableStream, into: string[], onLine: () => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    into.push(...parts);
    onLine();
  });
  stream.on('end', () => {
    if (partial) into.push(partial);
    onLine();
  });
}

/**
 * Starts the built server as its own process with exactly `env` (plus PATH and HOME), so the test
 * runner's own variables (NODE_ENV=test, DATABASE_URL) do not leak into it.
 */
export function spawnServer(env: Record<string, string>, args: readonly string[] = [MAIN]): ServerProcess {
  const child = spawn(process.execPath, [...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const watchers = new Set<() => void>();
  const notify = () => watchers.forEach((watch) => watch());
  lines(child.stdout!, stdout, notify);
  lines(child.stderr!, stderr, notify);
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('close', (code, signal) => {
      ended = true;
      notify();
      resolveExit({ code, signal });
    }),
  );
  const parse = (line: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  return {
    child,
    stdout,
    stderr,
    exited,
    waitForLog: (msg) =>
      new Promise((resolveLog, reject) => {
        const watch = () => {
          const found = stdout.map(parse).find((entry) => entry && (typeof msg === 'string' ? entry.msg === msg : msg.test(String(entry.msg))));
          if (found) {
            watchers.delete(watch);
            resolveLog(found);
          } else if (ended) {
            watchers.delete(watch);
            reject(new Error(`the server exited before logging ${String(msg)}; stderr:\n${stderr.join('\n')}\nstdout:\n${stdout.join('\n')}`));
          }
        };
        watchers.add(watch);
        watch();
      }),
  };
}

/** Runs the server to its exit (for start-ups that must fail). */
export async function runServer(env: Record<string, string>): Promise<{ code: number | null; stdout: string[]; stderr: string[] }> {
  const server = spawnServer(env);
  const { code } = await server.exited;
  return { code, stdout: server.stdout, stderr: server.stderr };
}

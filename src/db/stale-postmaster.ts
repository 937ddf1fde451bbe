import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StartupError } from '../startup-error';

/** How long a stale server gets for a fast shutdown (SIGINT), then for an immediate one (SIGQUIT). */
const FAST_SHUTDOWN_MS = 60_000;
const IMMEDIATE_SHUTDOWN_MS = 10_000;
const POLL_MS = 100;

/** Lines 1, 2 and 4 of postmaster.pid (PostgreSQL's documented layout): pid, data directory, port. */
interface PostmasterPid {
  pid: number;
  port: number;
}

interface ProcessInfo {
  ppid: number;
  args: string[];
}

function readPostmasterPid(databaseDir: string): PostmasterPid | undefined {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const [pidLine, , , portLine] = readFileSync(file, 'utf8').split('\n');
  const pid = Number(pidLine);
  return Number.isInteger(pid) && pid > 0 ? { pid, port: Number(portLine) } : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parent and command line of a process: /proc on Linux, `ps` elsewhere; undefined when unknowable. */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    if (existsSync('/proc/self/stat')) {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return { ppid, args };
    }
    const [ppid, ...args] = execFileSync('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/);
    return { ppid: Number(ppid), args };
  } catch {
    return undefined;
  }
}

/** True when `args` are those of a PostgreSQL server on `databaseDir` (`postgres -D <dir> …`). */
function servesDirectory(args: string[], databaseDir: string): boolean {
  const dataDirIndex = args.indexOf('-D') + 1;
  return ['postgres', 'postmaster'].includes(basename(args[0] ?? '')) && dataDirIndex > 0 && resolve(args[dataDirIndex]) === databaseDir;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += POLL_MS) {
    if (!isAlive(pid)) return true;
    await sleep(POLL_MS);
  }
  return !isAlive(pid);
}

/**
 * The process that started the embedded PostgreSQL of a data directory writes its pid here. While
 * it lives, the server is its child; once it is gone (kill -9, OOM kill) the server is reparented,
 * which is how a server left running by a dead instance is told from one a live instance uses.
 */
export function ownerFile(dataDir: string): string {
  return join(dataDir, 'postgres.owner-pid');
}

export function recordOwner(dataDir: string): void {
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
}

export function forgetOwner(dataDir: string): void {
  rmSync(ownerFile(dataDir), { force: true });
}

function recordedOwner(dataDir: string): number | undefined {
  const owner = existsSync(ownerFile(dataDir)) ? Number(readFileSync(ownerFile(dataDir), 'utf8').trim()) : NaN;
  return Number.isInteger(owner) && owner > 0 ? owner : undefined;
}

/**
 * Makes `databaseDir` free for a new server. A PostgreSQL left running by an instance that died
 * (kill -9, an OOM kill) is stopped; a postmaster.pid naming a process that is not a PostgreSQL on
 * this directory (a pid reused after a reboot) is removed. A server a live instance uses is left
 * alone: that is a StartupError saying so.
 */
export async function stopStalePostmaster(dataDir: string, databaseDir: string, log: (line: string) => void): Promise<void> {
  const postmaster = readPostmasterPid(databaseDir);
  if (!postmaster || !isAlive(postmaster.pid)) return; // PostgreSQL itself ignores a lock file of a dead process
  const info = processInfo(postmaster.pid);
  if (info && !servesDirectory(info.args, databaseDir)) {
    log(`postmaster.pid names process ${postmaster.pid}, which is not a PostgreSQL on ${databaseDir}; removing the stale lock file`);
    rmSync(join(databaseDir, 'postmaster.pid'), { force: true });
    return;
  }
  const owner = recordedOwner(dataDir);
  const orphaned = info !== undefined && (owner === undefined ? info.ppid === 1 : info.ppid !== owner || !isAlive(owner));
  if (!orphaned) {
    const user = owner && info?.ppid === owner ? `another running instance of this server (process ${owner})` : `another running PostgreSQL (process ${postmaster.pid})`;
    throw new StartupError(
      `DATA_DIR ${dataDir} is in use by ${user}: stop it first, or give this one another DATA_DIR ` +
        `(to share its database instead, set DATABASE_URL=postgres://postgres:postgres@127.0.0.1:${postmaster.port}/marketplace)`,
    );
  }
  log(`stopping the embedded PostgreSQL (process ${postmaster.pid}) left running on ${databaseDir} by an instance that is gone`);
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(postmaster.pid, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return; // it stopped meanwhile
      throw new StartupError(`the PostgreSQL left running on ${databaseDir} (process ${postmaster.pid}) belongs to another user: stop it as that user and start again`);
    }
  };
  signal('SIGINT'); // fast shutdown: rolls back what the dead instance left open
  if (await waitForExit(postmaster.pid, FAST_SHUTDOWN_MS)) return;
  signal('SIGQUIT'); // immediate shutdown: the next start recovers from the WAL
  if (await waitForExit(postmaster.pid, IMMEDIATE_SHUTDOWN_MS)) return;
  throw new StartupError(`the PostgreSQL left running on ${databaseDir} (process ${postmaster.pid}) does not stop: kill it (kill -9 ${postmaster.pid}) and start again`);
}

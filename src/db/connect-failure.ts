import { StartupError } from '../startup-error';

/**
 * Why the database at `databaseUrl` cannot be used, as one line with what to do (never the
 * password); other errors unchanged. Codes: Node's socket errors and PostgreSQL's SQLSTATEs.
 */
export function connectFailure(error: unknown, databaseUrl: string): unknown {
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}`;
  const database = decodeURIComponent(url.pathname.slice(1));
  switch ((error as { code?: string } | undefined)?.code) {
    case 'ECONNREFUSED':
      return new StartupError(`nothing accepts database connections at ${where}: start PostgreSQL there, or correct DATABASE_URL`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`the database host ${url.hostname} does not resolve: correct DATABASE_URL`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new StartupError(`the database at ${where} cannot be reached: check the network, or correct DATABASE_URL`);
    case '28P01':
    case '28000':
      return new StartupError(`the database at ${where} refuses the user "${decodeURIComponent(url.username)}" with that password: correct DATABASE_URL`);
    case '3D000':
      return new StartupError(`the database "${database}" does not exist at ${where}: create it (createdb ${database}), or correct DATABASE_URL`);
    default:
      return error;
  }
}

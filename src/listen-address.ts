import { createServer } from 'node:net';
import { ConfigError } from './config';
import { StartupError } from './startup-error';

/** Why HOST:PORT cannot be listened on, as the one-line error `main` reports; other errors unchanged. */
export function listenFailure(error: unknown, host: string, port: number): unknown {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new ConfigError(`HOST must be an address of this machine, such as 127.0.0.1 or 0.0.0.0; "${host}" does not resolve`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(`HOST must be an address of this machine, such as 127.0.0.1 or 0.0.0.0; ${host} is not one of its addresses`);
    case 'EADDRINUSE':
      return new StartupError(`port ${port} on ${host} is already in use (another instance of this server?): stop what listens there, or set PORT to a free port`);
    case 'EACCES':
      return new StartupError(`this user may not listen on port ${port} (ports below 1024 need privileges): set PORT to a port above 1023`);
    default:
      return error;
  }
}

/**
 * Binds HOST:PORT for a moment before anything else starts, so a wrong address or a taken port is
 * reported at once rather than after the database has started and migrated.
 */
export async function checkListenAddress(host: string, port: number): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, resolve);
    });
  } catch (error) {
    throw listenFailure(error, host, port);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

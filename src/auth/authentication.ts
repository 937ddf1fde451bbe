import { RateLimiterMemory } from 'rate-limiter-flexible';
import { hashSecret } from './api-key.service';
import { ApiKeyCache } from './api-key-cache';
import { Viewer } from './viewer';

/** `Bearer ` and a secret (46 characters for issued keys) fit many times over; anything longer is refused unread. */
export const MAX_CREDENTIAL_LENGTH = 512;
const FAILURE_WINDOW_SECONDS = 60;

/** What a presented credential (an Authorization header, or connectionParams.authorization) comes to. */
export type Authentication =
  | { kind: 'anonymous' }
  | { kind: 'viewer'; viewer: Viewer; secretHash: string }
  /** Malformed, unknown or revoked: counted against the client's address. */
  | { kind: 'rejected' }
  /** Longer than MAX_CREDENTIAL_LENGTH: refused before hashing or counting. */
  | { kind: 'oversized' }
  /** The address used up its failed checks for the window: no check is made until it ends. */
  | { kind: 'rate-limited'; retryAfterSeconds: number };

function bearerSecret(credential: string): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(credential.trim())?.[1];
}

/**
 * Checks credentials for HTTP and WebSocket alike. Failed checks are counted per client address
 * (the TCP peer's address: proxies' forwarding headers are not trusted); once an address has used
 * up its budget for the minute, every credential it sends is refused unchecked until the minute
 * ends, so guessing keys or flooding the database with unknown ones gets nowhere.
 */
export class Authenticator {
  private readonly failures: RateLimiterMemory;

  constructor(
    readonly keys: ApiKeyCache,
    private readonly failedChecksPerMinute: number,
  ) {
    this.failures = new RateLimiterMemory({ points: failedChecksPerMinute, duration: FAILURE_WINDOW_SECONDS });
  }

  async authenticate(credential: unknown, address: string): Promise<Authentication> {
    if (credential === undefined || credential === null || credential === '') return { kind: 'anonymous' };
    if (typeof credential === 'string' && credential.length > MAX_CREDENTIAL_LENGTH) return { kind: 'oversized' };
    const spent = await this.failures.get(address);
    if (spent && spent.consumedPoints >= this.failedChecksPerMinute) {
      return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(spent.msBeforeNext / 1000)) };
    }
    const secret = typeof credential === 'string' ? bearerSecret(credential) : undefined;
    const secretHash = secret ? hashSecret(secret) : undefined;
    const viewer = secretHash ? await this.keys.viewerFor(secretHash) : null;
    if (viewer && secretHash) return { kind: 'viewer', viewer, secretHash };
    await this.failures.penalty(address, 1);
    return { kind: 'rejected' };
  }
}

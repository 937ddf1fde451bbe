import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { viewersForSecretHashes } from './api-key.service';
import { Viewer } from './viewer';

/** Enough for every key in active use on one instance; the bound only matters against floods. */
const MAX_CACHED_KEYS = 10_000;
/** Keys read in one statement at most (a reconnect storm brings thousands at once). */
const MAX_KEYS_PER_READ = 500;

/** What the cache needs from the event bus (src/live/event-bus.ts): revocations, and whether it may have missed one. */
export interface RevocationFeed {
  readonly listening: boolean;
  readonly revocationListeners: Set<(apiKeyUuid: string) => void>;
  readonly reconnectListeners: Set<() => void>;
}

/**
 * Valid API keys by secret hash, so that checking a known key costs no database round trip. It
 * cannot outlive a revocation: the revocation's NOTIFY drops the key on every instance (and the
 * revoking instance drops it before answering); while the LISTEN connection is down a NOTIFY could
 * be missed, so the cache is neither read nor filled, and once it listens again the cache starts
 * empty. Unknown and revoked keys are never cached: those checks are rate-limited instead.
 * What a viewer holds (role, shop, customer, their names) never changes for a key; only revocation does.
 *
 * Keys missing from the cache are read together: every check that misses during one turn of the
 * event loop joins one statement. When every tab reconnects at once (a deploy), thousands of
 * connection_inits arrive before the first read could answer, and each read one key by itself.
 */
export class ApiKeyCache {
  private readonly viewers = new LRUCache<string, Viewer>({ max: MAX_CACHED_KEYS });
  /** Bumped by every invalidation: a database read that began before one must not be cached after it. */
  private generation = 0;
  private readonly forgetKey = (apiKeyUuid: string) => this.forget(apiKeyUuid);
  private readonly clearAll = () => this.clear();
  private readonly reads = new DataLoader<string, Viewer | null>(
    async (hashes) => {
      const viewers = await viewersForSecretHashes(this.em.fork(), hashes);
      return hashes.map((hash) => viewers.get(hash) ?? null);
    },
    // Not a cache (the LRU above is, under the revocation rules); setImmediate: the checks of every
    // socket whose data came in the same poll for I/O, not only of one callback, share the statement.
    { cache: false, maxBatchSize: MAX_KEYS_PER_READ, batchScheduleFn: (read) => setImmediate(read) },
  );

  constructor(
    private readonly em: EntityManager,
    private readonly feed: RevocationFeed,
  ) {
    feed.revocationListeners.add(this.forgetKey);
    feed.reconnectListeners.add(this.clearAll);
  }

  /** The viewer of a valid key; null for an unknown or revoked one. */
  async viewerFor(secretHash: string): Promise<Viewer | null> {
    if (this.feed.listening) {
      const cached = this.viewers.get(secretHash);
      if (cached) return cached;
    }
    const generation = this.generation;
    const viewer = await this.reads.load(secretHash);
    if (!viewer) return null;
    // Shared by every request of the key from now on: no one may change it.
    Object.freeze(viewer);
    if (this.feed.listening && generation === this.generation) this.viewers.set(secretHash, viewer);
    return viewer;
  }

  /** Drops one key (revoked here or on another instance). */
  forget(apiKeyUuid: string): void {
    this.generation += 1;
    const hashes = [...this.viewers.entries()].filter(([, viewer]) => viewer.apiKeyUuid === apiKeyUuid).map(([hash]) => hash);
    for (const hash of hashes) this.viewers.delete(hash);
  }

  clear(): void {
    this.generation += 1;
    this.viewers.clear();
  }

  detach(): void {
    this.feed.revocationListeners.delete(this.forgetKey);
    this.feed.reconnectListeners.delete(this.clearAll);
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { ApiKeyCache } from './auth/api-key-cache';
import { Viewer } from './auth/viewer';
import { createLoaders, Loaders } from './common/loaders';
import { Config } from './config';

/** Per-request state: who is calling, a forked EntityManager, and batching loaders bound to it. */
export interface AppContext {
  viewer: Viewer | null;
  em: EntityManager;
  loaders: Loaders;
  config: Config;
  /** This instance's cache of valid keys: revokeApiKey drops the key from it before answering. */
  apiKeys: ApiKeyCache;
}

export function createContext(em: EntityManager, config: Config, viewer: Viewer | null, apiKeys: ApiKeyCache): AppContext {
  const forked = em.fork();
  return { viewer, em: forked, loaders: createLoaders(forked), config, apiKeys };
}

/**
 * An HTTP request's context, whose EntityManager is forked (and its loaders made) when a resolver
 * first reads it: a request that reads nothing through the ORM (`{ __typename }`, a refused
 * operation, a read served by row views through the connection) skips the fork, ~7% of the CPU of
 * a request that does nothing else. The getters sit on the prototype because Apollo copies the
 * context's own properties into a clone of the same prototype before running an operation.
 */
export class RequestContext implements AppContext {
  private forked?: EntityManager;
  private made?: Loaders;

  constructor(
    private readonly root: EntityManager,
    readonly config: Config,
    readonly viewer: Viewer | null,
    readonly apiKeys: ApiKeyCache,
    /** The request sent a key that is unknown or revoked (anonymousAccessPlugin refuses it). */
    readonly credentialsRejected: boolean,
  ) {}

  get em(): EntityManager {
    return (this.forked ??= this.root.fork());
  }

  get loaders(): Loaders {
    return (this.made ??= createLoaders(this.em));
  }
}

/** The viewer of a field that requires one; the auth checks guarantee it is set. */
export function viewerOf(context: AppContext): Viewer {
  if (!context.viewer) throw new Error('viewerOf called on an unauthenticated request');
  return context.viewer;
}

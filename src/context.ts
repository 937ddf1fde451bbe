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

/** The viewer of a field that requires one; the auth checks guarantee it is set. */
export function viewerOf(context: AppContext): Viewer {
  if (!context.viewer) throw new Error('viewerOf called on an unauthenticated request');
  return context.viewer;
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from './auth/viewer';
import { createLoaders, Loaders } from './common/loaders';
import { Config } from './config';

/** Per-request state: who is calling, a forked EntityManager, and batching loaders bound to it. */
export interface AppContext {
  viewer: Viewer | null;
  em: EntityManager;
  loaders: Loaders;
  config: Config;
}

export function createContext(em: EntityManager, config: Config, viewer: Viewer | null): AppContext {
  const forked = em.fork();
  return { viewer, em: forked, loaders: createLoaders(forked), config };
}

/** The viewer of a field that requires one; the auth checks guarantee it is set. */
export function viewerOf(context: AppContext): Viewer {
  if (!context.viewer) throw new Error('viewerOf called on an unauthenticated request');
  return context.viewer;
}

import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/**
 * The request's batching loaders, filled by the domains: each module's install registers its
 * factories here and widens this interface by declaration merging, so `common/` and the request
 * context import no domain. A loader is built on first use only: a request (or one subscription
 * event) pays for the few it reads, not for all of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Loaders {}

type Factories = { [K in keyof Loaders]?: (em: EntityManager) => Loaders[K] };
const factories: Factories = {};

/** Registers loader factories under their names; a name registered twice is a wiring bug. */
export function registerLoaders(added: Factories): void {
  for (const name of Object.keys(added) as (keyof Loaders)[]) {
    if (factories[name]) throw new Error(`Loader ${String(name)} is registered twice`);
    (factories as Record<string, unknown>)[name] = added[name];
  }
}

/** Loaders bound to `em`, each made on first access. */
export function createLoaders(em: EntityManager): Loaders {
  const made: Record<string, unknown> = {};
  return new Proxy(made, {
    get(target, name: string) {
      if (name in target) return target[name];
      const factory = (factories as Record<string, ((em: EntityManager) => unknown) | undefined>)[name];
      if (!factory) return undefined;
      return (target[name] = factory(em));
    },
  }) as unknown as Loaders;
}

/** The loader types a module's factories make, for its `declare module` widening of `Loaders`. */
export type LoadersOf<F> = { [K in keyof F]: F[K] extends (em: EntityManager) => infer L ? L : never };

/** Rows by primary key, one statement per batch; missing ones answer null. */
export function byUuid<T extends { uuid: string }>(em: EntityManager, entity: new () => T): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (uuids) => {
    const found = await em.find(entity, { uuid: { $in: [...uuids] } } as never);
    const map = new Map(found.map((item) => [item.uuid, item]));
    return uuids.map((uuid) => map.get(uuid) ?? null);
  });
}

/** Each order's rows of `entity` (which has an `order` relation), in `orderBy` order, one statement per batch. */
export function groupedByOrder<T extends { order: { uuid: string } }>(em: EntityManager, entity: new () => T, orderBy: Record<string, 'asc'>): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (orderUuids) => {
    const found = await em.find(entity, { order: { $in: [...orderUuids] } } as never, { orderBy: orderBy as never });
    return orderUuids.map((uuid) => found.filter((item) => item.order.uuid === uuid));
  });
}

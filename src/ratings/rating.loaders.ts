import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byUuid, LoadersOf } from '../common/loaders';
import { Rating } from './rating.entity';
import { ratingSummaries, RatingSummary } from './rating.queries';

/** Per-request batching for rating fields. */
export const ratingLoaders = {
  rating: (em: EntityManager) => byUuid(em, Rating),
  /** The order's rating whoever may see it; visibility is the caller's to apply. */
  ratingByOrder: (em: EntityManager) => new DataLoader<string, Rating | null>(async (orderUuids) => {
    const found = await em.find(Rating, { order: { $in: [...orderUuids] } });
    return orderUuids.map((uuid) => found.find((rating) => rating.order.uuid === uuid) ?? null);
  }),
  ratingSummary: (em: EntityManager) => new DataLoader<string, RatingSummary>((shopUuids) => ratingSummaries(em, shopUuids)),
};

declare module '../common/loaders' {
  interface Loaders extends LoadersOf<typeof ratingLoaders> {}
}

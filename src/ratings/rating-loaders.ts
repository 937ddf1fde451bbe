import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Rating } from './rating.entity';
import { ratingSummaries, RatingSummary } from './rating-queries';

/** Per-request batching for rating fields (merged into the request's loaders in src/loaders.ts). */
export function createRatingLoaders(em: EntityManager) {
  return {
    rating: new DataLoader<string, Rating | null>(async (uuids) => {
      const found = await em.find(Rating, { uuid: { $in: [...uuids] } });
      return uuids.map((uuid) => found.find((rating) => rating.uuid === uuid) ?? null);
    }),
    /** The order's rating whoever may see it; visibility is the caller's to apply. */
    ratingByOrder: new DataLoader<string, Rating | null>(async (orderUuids) => {
      const found = await em.find(Rating, { order: { $in: [...orderUuids] } });
      return orderUuids.map((uuid) => found.find((rating) => rating.order.uuid === uuid) ?? null);
    }),
    ratingSummary: new DataLoader<string, RatingSummary>((shopUuids) => ratingSummaries(em, shopUuids)),
  };
}

import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { Event } from '../common/events/event.entity';
import { availableActions } from '../common/step-machine';
import { AppContext, viewerOf } from '../context';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { Shop } from '../shops/shop.entity';
import { Rating } from './rating.entity';
import { RatingFilter } from './rating.schema';
import { listRatings, RatingConnection, RatingSummary, visibleTo } from './rating.queries';
import { ratingMachine } from './rating.machine';
import { RatingAction, RatingRemovalGround } from './rating.status';

@Resolver(() => Rating)
export class RatingResolver {
  @Authorized()
  @Query(() => RatingConnection, {
    description:
      "Newest first. CUSTOMER: their own; SELLER: its shop's, removed ones excluded; OPERATOR: all. shopId narrows them to one shop's.",
  })
  ratings(
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true }) last?: number,
    @Arg('before', () => String, { nullable: true }) before?: string,
    @Arg('filter', () => RatingFilter, { nullable: true }) filter?: RatingFilter,
    @Arg('shopId', () => ID, { nullable: true }) shopId?: string,
  ): Promise<RatingConnection> {
    return listRatings(context.em, viewerOf(context), { first, after, last, before, filter, shopId });
  }

  @FieldResolver(() => [RatingAction], { description: 'What the viewer may do now, from the same rules the mutations check.' })
  async availableActions(@Root() rating: Rating, @Ctx() context: AppContext): Promise<RatingAction[]> {
    const env = { viewer: viewerOf(context), now: clock.now(), loaders: context.loaders, config: context.config };
    const offered = new Set(await availableActions(ratingMachine, rating, env));
    return Object.values(RatingAction).filter((action) => offered.has(action));
  }

  /** Whoever sees a rating sees its order (ratings are scoped like their orders). */
  @FieldResolver(() => Order)
  order(@Root() rating: Rating, @Ctx() { loaders }: AppContext): Promise<Order | null> {
    return loaders.order.load(rating.order.uuid);
  }

  @FieldResolver(() => Customer)
  customer(@Root() rating: Rating, @Ctx() { loaders }: AppContext): Promise<Customer | null> {
    return loaders.customer.load(rating.customer.uuid);
  }

  @FieldResolver(() => RatingRemovalGround, { nullable: true, description: "The shop's ground for removal; for the shop and operators." })
  removalGround(@Root() rating: Rating, @Ctx() context: AppContext): RatingRemovalGround | null {
    return viewerOf(context).role === Role.CUSTOMER ? null : rating.removalGround ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: "The shop's explanation for the operator; for the shop and operators." })
  removalExplanation(@Root() rating: Rating, @Ctx() context: AppContext): string | null {
    return viewerOf(context).role === Role.CUSTOMER ? null : rating.removalExplanation ?? null;
  }
}

/** Fields other domains' types gain from ratings (orders and shops know nothing of ratings). */
@Resolver(() => Order)
export class OrderRatingResolver {
  @FieldResolver(() => Rating, { nullable: true })
  async rating(@Root() order: Order, @Ctx() context: AppContext): Promise<Rating | null> {
    const rating = await context.loaders.ratingByOrder.load(order.uuid);
    return rating && visibleTo(viewerOf(context), rating) ? rating : null;
  }
}

@Resolver(() => Shop)
export class ShopRatingResolver {
  @FieldResolver(() => RatingSummary)
  ratingSummary(@Root() shop: Shop, @Ctx() { loaders }: AppContext): Promise<RatingSummary> {
    return loaders.ratingSummary.load(shop.uuid);
  }
}

@Resolver(() => Event)
export class EventRatingResolver {
  /** A REMOVED rating is null for the shop's sellers, though the event that removed it stays in their log. */
  @FieldResolver(() => Rating, { nullable: true })
  async rating(@Root() event: Event, @Ctx() context: AppContext): Promise<Rating | null> {
    if (!event.ratingUuid) return null;
    const rating = await context.loaders.rating.load(event.ratingUuid);
    return rating && visibleTo(viewerOf(context), rating) ? rating : null;
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { apiError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { encodeCursor, PageArgs, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { Rating } from './rating.entity';
import { RatingFilter } from './rating.schema';
import { RatingRemovalStatus } from './rating.status';

@ObjectType()
export class RatingEdge {
  @Field() cursor!: string;
  @Field(() => Rating) node!: Rating;
}

@ObjectType()
export class RatingConnection {
  @Field(() => [RatingEdge]) edges!: RatingEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counted only when the client selects it (a getter on the returned object). */
  @Field(() => Int) totalCount!: number | Promise<number>;
}

@ObjectType()
export class RatingSummary {
  @Field(() => Float, { nullable: true, description: 'Mean grade rounded half up to two decimals; null without ratings.' })
  average!: number | null;

  @Field(() => Int) count!: number;

  @Field(() => [Int], { description: 'Counts for grades 1..5, index 0 = grade 1.' })
  distribution!: number[];
}

/** The viewer's scope, the shop asked for (narrowing within the scope) and the client's filters. */
function whereOf(viewer: Viewer, filter: RatingFilter | null | undefined, shopId: string | null | undefined): Record<string, unknown> {
  const where: Record<string, unknown> = { $and: [ratingScope(viewer)] };
  const and = where.$and as Record<string, unknown>[];
  if (shopId) {
    const shopUuid = localIdOf('Shop', shopId);
    if (!shopUuid) throw apiError('BAD_REQUEST', 'shopId is not a shop id');
    and.push({ shop: shopUuid });
  }
  if (filter?.grades?.length) {
    if (filter.grades.some((grade) => !Number.isInteger(grade) || grade < 1 || grade > 5)) {
      throw apiError('BAD_REQUEST', 'filter.grades must be grades from 1 to 5');
    }
    and.push({ grade: { $in: filter.grades } });
  }
  if (filter?.withoutReply === true) and.push({ replyBody: null });
  if (filter?.withoutReply === false) and.push({ replyBody: { $ne: null } });
  return where;
}

/** Newest first, keyset on (createdAt, id). */
export async function listRatings(
  em: EntityManager,
  viewer: Viewer,
  args: PageArgs & { filter?: RatingFilter | null; shopId?: string | null },
): Promise<RatingConnection> {
  const request = pageRequest(args, 'ratings', ['instant', 'uuid']);
  const where = whereOf(viewer, args.filter, args.shopId);
  const direction = request.backwards ? 'asc' : 'desc';
  const keyset: Record<string, unknown>[] = [];
  if (request.cursor) {
    const [at, uuid] = request.cursor as [string, string];
    const past = request.backwards ? '$gt' : '$lt';
    keyset.push({ $or: [{ createdAt: { [past]: new Date(at) } }, { createdAt: new Date(at), uuid: { [past]: uuid } }] });
  }
  const rows = await em.find(
    Rating,
    { $and: [where, ...keyset] },
    { orderBy: { createdAt: direction, uuid: direction }, limit: request.size + 1 },
  );
  const { nodes, hasMore } = slicePage(rows, request);
  const cursorOf = (rating: Rating) => encodeCursor('ratings', [rating.createdAt.toISOString(), rating.uuid]);
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    get totalCount() {
      return em.count(Rating, where);
    },
  };
}

export function findRating(em: EntityManager, viewer: Viewer, uuid: string): Promise<Rating | null> {
  return em.findOne(Rating, { uuid, ...ratingScope(viewer) });
}

/**
 * The shop's public figures over every rating that is not REMOVED, in one aggregate statement per
 * batch of shops (src/ratings/rating-loaders.ts): the same for every viewer.
 */
export async function ratingSummaries(em: EntityManager, shopUuids: readonly string[]): Promise<RatingSummary[]> {
  const rows = await em.getConnection().execute<{ shop_id: string; grade: number; count: string }[]>(
    `select shop_id, grade, count(*) as count from rating
      where shop_id in (?) and removal <> ?
      group by shop_id, grade`,
    [[...shopUuids], RatingRemovalStatus.REMOVED],
  );
  return shopUuids.map((shopUuid) => {
    const distribution = [0, 0, 0, 0, 0];
    for (const row of rows) if (row.shop_id === shopUuid) distribution[row.grade - 1] = Number(row.count);
    const count = distribution.reduce((sum, n) => sum + n, 0);
    const total = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
    // Integer arithmetic, then half up: 13/3 = 4.333.. -> 4.33, 9/2 = 4.5 -> 4.5, 29/6 = 4.8333.. -> 4.83.
    const average = count === 0 ? null : Math.floor((total * 100) / count + 0.5) / 100;
    return { average, count, distribution };
  });
}

/**
 * Who sees a rating: whoever sees its order (the shop's sellers, its customer, operators), except
 * that a REMOVED rating is gone from the shop's record: its sellers no longer see it (it leaves
 * their lists, Order.rating, node and the summary); its author and the operators still do.
 */
export function ratingScope(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === Role.SELLER) return { shop: viewer.shopUuid, removal: { $ne: RatingRemovalStatus.REMOVED } };
  if (viewer.role === Role.CUSTOMER) return { customer: viewer.customerUuid };
  return {};
}

export function visibleTo(viewer: Viewer, rating: Rating): boolean {
  if (viewer.role === Role.SELLER) return rating.shop.uuid === viewer.shopUuid && rating.removal !== RatingRemovalStatus.REMOVED;
  if (viewer.role === Role.CUSTOMER) return rating.customer.uuid === viewer.customerUuid;
  return true;
}

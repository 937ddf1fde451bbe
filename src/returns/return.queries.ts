import { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Viewer } from '../auth/viewer';
import { apiError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { encodeCursor, PageArgs, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { tenantScope } from '../auth/viewer';
import { Return } from './return.entity';
import { ReturnFilter } from './return.schema';

@ObjectType()
export class ReturnEdge {
  @Field() cursor!: string;
  @Field(() => Return) node!: Return;
}

@ObjectType()
export class ReturnConnection {
  @Field(() => [ReturnEdge]) edges!: ReturnEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counted only when the client selects it (a getter on the returned object). */
  @Field(() => Int) totalCount!: number | Promise<number>;
}

/** The viewer's scope (a seller its shop's returns, a customer their own) and the client's filters. */
function whereOf(viewer: Viewer, filter: ReturnFilter | null | undefined): Record<string, unknown> {
  const where: Record<string, unknown> = { ...tenantScope(viewer) };
  if (filter?.statuses?.length) where.status = { $in: filter.statuses };
  if (filter?.orderId) {
    const orderUuid = localIdOf('Order', filter.orderId);
    if (!orderUuid) throw apiError('BAD_REQUEST', 'filter.orderId is not an order id');
    where.order = orderUuid;
  }
  return where;
}

/** Newest request first, keyset on (requestedAt, id). */
export async function listReturns(
  em: EntityManager,
  viewer: Viewer,
  args: PageArgs & { filter?: ReturnFilter | null },
): Promise<ReturnConnection> {
  const request = pageRequest(args, 'returns', ['instant', 'uuid']);
  const where = whereOf(viewer, args.filter);
  const direction = request.backwards ? 'asc' : 'desc';
  const keyset: Record<string, unknown> = {};
  if (request.cursor) {
    const [at, uuid] = request.cursor as [string, string];
    const past = request.backwards ? '$gt' : '$lt';
    keyset.$or = [{ requestedAt: { [past]: new Date(at) } }, { requestedAt: new Date(at), uuid: { [past]: uuid } }];
  }
  const rows = await em.find(Return, { ...where, ...keyset }, { orderBy: { requestedAt: direction, uuid: direction }, limit: request.size + 1 });
  const { nodes, hasMore } = slicePage(rows, request);
  const cursorOf = (ret: Return) => encodeCursor('returns', [ret.requestedAt.toISOString(), ret.uuid]);
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    get totalCount() {
      return em.count(Return, where);
    },
  };
}

/** One return the viewer may see (the viewer sees its order); null for anything else. */
export function findReturn(em: EntityManager, viewer: Viewer, uuid: string): Promise<Return | null> {
  return em.findOne(Return, { uuid, ...tenantScope(viewer) });
}

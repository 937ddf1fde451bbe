import { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Viewer } from '../auth/viewer';
import { apiError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { encodeCursor, PageArgs, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { sideOf, threadScope } from './message-access';
import { Message } from './message.entity';
import { MessageThreadFilter } from './message.inputs';
import { MessageThread } from './message-thread.entity';

@ObjectType()
export class MessageEdge {
  @Field() cursor!: string;
  @Field(() => Message) node!: Message;
}

@ObjectType()
export class MessageConnection {
  @Field(() => [MessageEdge]) edges!: MessageEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType()
export class MessageThreadEdge {
  @Field() cursor!: string;
  @Field(() => MessageThread) node!: MessageThread;
}

@ObjectType()
export class MessageThreadConnection {
  @Field(() => [MessageThreadEdge]) edges!: MessageThreadEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

/** A thread's messages in order; `last` without `before` is the newest page, as chat screens show it. */
export async function listMessages(em: EntityManager, thread: MessageThread, args: PageArgs): Promise<MessageConnection> {
  const request = pageRequest(args, 'messages', ['int']);
  const where: Record<string, unknown> = { thread };
  if (request.cursor) where.number = { [request.backwards ? '$lt' : '$gt']: request.cursor[0] };
  const rows = await em.find(Message, where, { orderBy: { number: request.backwards ? 'desc' : 'asc' }, limit: request.size + 1 });
  const { nodes, hasMore } = slicePage(rows, request);
  const cursorOf = (message: Message) => encodeCursor('messages', [message.number]);
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    totalCount: thread.messageCount,
  };
}

/** The viewer's threads, most recently active first, with the contract's filters. */
export async function listThreads(
  em: EntityManager,
  viewer: Viewer,
  args: PageArgs & { filter?: MessageThreadFilter | null },
): Promise<MessageThreadConnection> {
  const request = pageRequest(args, 'threads', ['instant?', 'uuid']);
  const knex = em.getKnex();
  const side = sideOf(viewer);
  const base = () => {
    const query = knex.from({ t: 'message_thread' }).leftJoin({ r: 'thread_read' }, (on) => {
      on.on('r.thread_id', 't.id').andOnVal('r.reader', side);
    });
    const scope = threadScope(viewer);
    if (scope.shopUuid) query.where('t.shop_uuid', scope.shopUuid);
    if (scope.customerUuid) query.where('t.customer_uuid', scope.customerUuid);
    const filter = args.filter;
    if (filter?.unread != null) query.whereRaw(`(t.message_count > coalesce(r.last_read_number, 0)) = ?`, [filter.unread]);
    if (filter?.awaitingReply != null) query.whereRaw('(t.shop_reply_needed_since is not null) = ?', [filter.awaitingReply]);
    if (filter?.orderId) {
      const orderUuid = localIdOf('Order', filter.orderId);
      if (!orderUuid) throw apiError('BAD_REQUEST', 'filter.orderId is not an order id');
      query.where('t.order_id', orderUuid);
    }
    return query;
  };
  const ascending = request.backwards;
  const query = base().select('t.*');
  const sortKey = "coalesce(t.last_message_at, '-infinity'::timestamptz)";
  if (request.cursor) {
    const [at, uuid] = request.cursor as [string | null, string];
    query.whereRaw(`(${sortKey}, t.id) ${ascending ? '>' : '<'} (?::timestamptz, ?::uuid)`, [at ?? '-infinity', uuid]);
  }
  query.orderByRaw(`${sortKey} ${ascending ? 'asc' : 'desc'}, t.id ${ascending ? 'asc' : 'desc'}`).limit(request.size + 1);
  const rows: Record<string, unknown>[] = await query;
  const { nodes, hasMore } = slicePage(rows.map((row) => em.map(MessageThread, row)), request);
  const [count] = (await base().count({ count: '*' })) as { count: string }[];
  const cursorOf = (thread: MessageThread) => encodeCursor('threads', [thread.lastMessageAt?.toISOString() ?? null, thread.uuid]);
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    totalCount: Number(count.count),
  };
}

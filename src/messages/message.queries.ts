import { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Viewer } from '../auth/viewer';
import { apiError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { managedRow } from '../common/managed-rows';
import { encodeCursor, PageArgs, PageInfo, pageInfo, pageRequest, slicePage } from '../common/pagination';
import { preparedRows } from '../common/prepared-statements';
import { sideOf, threadScope } from './message-access';
import { Message } from './message.entity';
import { MessageThreadFilter } from './message.schema';
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
  /** Counted only when the client selects it (a getter on the returned object). */
  @Field(() => Int) totalCount!: number | Promise<number>;
}

/**
 * The messages of many threads in one statement (an inbox page showing each thread's newest
 * message): each thread's first `size + 1` after the cursor, numbered per thread by a window.
 * `last` without `before` is the newest page, as chat screens show it.
 */
export async function listMessagesOfThreads(
  em: EntityManager,
  threads: readonly MessageThread[],
  args: PageArgs,
): Promise<Map<string, MessageConnection>> {
  const request = pageRequest(args, 'messages', ['int']);
  const direction = request.backwards ? 'desc' : 'asc';
  const knex = em.getKnex();
  const numbered = knex('message')
    .select('*', knex.raw(`row_number() over (partition by thread_id order by number ${direction}) as position_in_thread`))
    .whereIn('thread_id', threads.map((thread) => thread.uuid));
  if (request.cursor) numbered.where('number', request.backwards ? '<' : '>', request.cursor[0] as number);
  const rows: Record<string, unknown>[] = await knex
    .select('*')
    .from(numbered.as('numbered'))
    .where('position_in_thread', '<=', request.size + 1)
    .orderBy('position_in_thread');
  const byThread = new Map<string, Message[]>(threads.map((thread) => [thread.uuid, []]));
  for (const row of rows) {
    delete row.position_in_thread;
    const message = em.map(Message, row);
    byThread.get(message.thread.uuid)?.push(message);
  }
  const cursorOf = (message: Message) => encodeCursor('messages', [message.number]);
  return new Map(
    threads.map((thread) => {
      const { nodes, hasMore } = slicePage(byThread.get(thread.uuid)!, request);
      return [
        thread.uuid,
        {
          edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
          pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
          totalCount: thread.messageCount,
        },
      ];
    }),
  );
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
  const cursorOf = (thread: MessageThread) => encodeCursor('threads', [thread.lastMessageAt?.toISOString() ?? null, thread.uuid]);
  return {
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: pageInfo(nodes, hasMore, request, cursorOf),
    get totalCount() {
      return base()
        .count({ count: '*' })
        .then((rows) => Number((rows as { count: string }[])[0].count));
    },
  };
}

/** The message and its thread as JSON rows, one prepared statement (what every live `messageAdded` needs). */
const MESSAGE_WITH_THREAD =
  `select to_jsonb(m) as "message_row", to_jsonb(t) as "thread_row" ` +
  `from "message" m join "message_thread" t on t."id" = m."thread_id" where m."id" = ?::uuid`;

/**
 * A message with its thread, as managed entities of `em`, for a new message's live delivery: one
 * fixed statement mapped to entities, not `findOne` with `populate` (its QueryBuilder, knex and
 * the join's mapping cost ~0.5 ms of server CPU per message; issue 8, docs/performance.md, "Writes, round 3").
 */
export async function messageWithThread(em: EntityManager, uuid: string): Promise<Message> {
  const [row] = await preparedRows(em, MESSAGE_WITH_THREAD, [uuid]);
  if (!row) throw new Error(`Message not found (${uuid})`);
  managedRow(em, MessageThread, row.thread_row as Record<string, unknown>);
  return managedRow(em, Message, row.message_row as Record<string, unknown>);
}

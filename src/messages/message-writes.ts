import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { managedRow } from '../common/managed-rows';
import { transactionRows } from '../common/transaction-statements';
import { Order } from '../orders/order.entity';
import { ThreadSide, threadScope } from './message-access';
import { Message } from './message.entity';
import { MessageThread } from './message-thread.entity';

/*
 * Why fixed SQL here: a message is the most frequent write of a live marketplace (every customer
 * question, every answer), and building its four statements through MikroORM's QueryBuilder, its
 * change sets and its upsert cost more CPU than the rest of the request (issue 8). These statements
 * are written once; rows come back as managed entities (src/common/managed-rows.ts), as before
 * (hooks, the notification outbox and the answer read them), with nothing left for a flush to write.
 */

type Row = Record<string, unknown>;

function rowsOf(em: EntityManager, sql: string, params: unknown[]): Promise<Row[]> {
  return transactionRows<Row>(em, sql, params);
}

/** The column of the thread row that holds each side's read mark (kept by thread_read's trigger too). */
const READ_MARK_COLUMN: Record<ThreadSide, string> = {
  SHOP: 'shop_read_number',
  CUSTOMER: 'customer_read_number',
  OPERATOR: 'operator_read_number',
};

const THREAD_OF_ORDER = `select * from "message_thread" where "order_id" = ? for update`;
const THREAD_BY_ID = `select * from "message_thread" where "id" = ? for update`;

/** The order's thread, locked until commit; null before its first message. The caller holds the order's lock. */
export async function lockThreadOfOrder(em: EntityManager, order: Order): Promise<MessageThread | null> {
  const [row] = await rowsOf(em, THREAD_OF_ORDER, [order.uuid]);
  return row ? managedRow(em, MessageThread, row) : null;
}

/** A thread's order (null for a thread without one), if the viewer takes part in the thread; undefined if not. */
export async function orderOfThread(em: EntityManager, viewer: Viewer, uuid: string): Promise<{ orderUuid: string | null } | undefined> {
  const scope = threadScope(viewer);
  const [column, value] = scope.shopUuid ? ['shop_uuid', scope.shopUuid] : scope.customerUuid ? ['customer_uuid', scope.customerUuid] : [];
  const sql = `select "order_id" from "message_thread" where "id" = ?${column ? ` and "${column}" = ?` : ''}`;
  const [row] = await rowsOf(em, sql, column ? [uuid, value] : [uuid]);
  return row ? { orderUuid: (row.order_id as string | null) ?? null } : undefined;
}

/** The thread by id, locked until commit (the caller has locked its order first, as every writer does). */
export async function lockThreadById(em: EntityManager, uuid: string): Promise<MessageThread | null> {
  const [row] = await rowsOf(em, THREAD_BY_ID, [uuid]);
  return row ? managedRow(em, MessageThread, row) : null;
}

/** What an order's thread starts as: it is made with the order's first message. */
export interface NewThread {
  order: Order;
  shopUuid: string;
  customerUuid: string;
  subject: string;
}

/** What a new message changes on its thread, decided by the caller from the locked thread. */
export interface MessageWrite {
  /** The thread as locked, or, for an order's first message, what its row starts as. */
  thread: MessageThread | NewThread;
  side: ThreadSide;
  message: Pick<Message, 'authorType' | 'authorName' | 'body' | 'createdAt'> & { answeredWaitSince: Date | null };
  shopReplyNeededSince: Date | null;
  replyDueAt: Date | null;
}

function threadStatement(isNew: boolean, side: ThreadSide): string {
  const mark = READ_MARK_COLUMN[side];
  const write = isNew
    ? `insert into "message_thread" ("id", "order_id", "shop_uuid", "customer_uuid", "subject", "created_at", "message_count", "last_message_at", "shop_reply_needed_since", "reply_due_at", "${mark}")
       values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1) returning *`
    : `update "message_thread" set "message_count" = "message_count" + 1, "last_message_at" = ?, "shop_reply_needed_since" = ?, "reply_due_at" = ?, "${mark}" = "message_count" + 1
       where "id" = ? returning *`;
  // The author has read their own message: the side's mark moves to it here and in thread_read
  // (whose trigger writes the same number onto the thread again).
  return `with "thread" as (${write}),
    "message" as (
      insert into "message" ("id", "thread_id", "number", "author_type", "author_name", "body", "created_at", "answered_wait_since")
      select ?, "id", "message_count", ?, ?, ?, ?, ? from "thread" returning *),
    "mark" as (
      insert into "thread_read" ("thread_id", "reader", "last_read_number") select "id", ?, "message_count" from "thread"
      on conflict ("thread_id", "reader") do update set "last_read_number" = excluded."last_read_number")
    select to_jsonb("thread") as "thread_row", (select to_jsonb("message") from "message") as "message_row" from "thread"`;
}

const threadStatements = new Map<string, string>();

/**
 * One statement: the thread made or moved on (its count, last message time, the reply-needed marks
 * and the author's read mark), the message numbered after it, and the author's read mark in
 * thread_read. Answers the thread and the message as managed entities.
 */
export async function writeMessage(em: EntityManager, write: MessageWrite): Promise<{ thread: MessageThread; message: Message }> {
  const { thread: target, message } = write;
  const isNew = !(target instanceof MessageThread);
  const key = `${isNew}/${write.side}`;
  let sql = threadStatements.get(key);
  if (!sql) threadStatements.set(key, (sql = threadStatement(isNew, write.side)));
  const threadParams = isNew
    ? [randomUUID(), target.order.uuid, target.shopUuid, target.customerUuid, target.subject, message.createdAt, message.createdAt, write.shopReplyNeededSince, write.replyDueAt]
    : [message.createdAt, write.shopReplyNeededSince, write.replyDueAt, target.uuid];
  const messageParams = [randomUUID(), message.authorType, message.authorName, message.body, message.createdAt, message.answeredWaitSince];
  const [row] = await rowsOf(em, sql, [...threadParams, ...messageParams, write.side]);
  return { thread: managedRow(em, MessageThread, row.thread_row as Row), message: managedRow(em, Message, row.message_row as Row) };
}

/** Moves the side's read mark to `number` (never backwards: marks only move to a thread's count, which only grows). */
export async function markRead(em: EntityManager, thread: MessageThread, reader: ThreadSide, number: number): Promise<void> {
  await rowsOf(
    em,
    `insert into "thread_read" ("thread_id", "reader", "last_read_number") values (?, ?, ?) on conflict ("thread_id", "reader") do update set "last_read_number" = excluded."last_read_number"`,
    [thread.uuid, reader, number],
  );
}

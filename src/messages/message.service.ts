import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, idempotencyScope, Viewer } from '../auth/viewer';
import { addBusinessDays } from '../common/business-days';
import { ErrorResult, NotFoundError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { inTransaction } from '../common/transaction';
import { asStepTx, StepTx } from '../common/step-machine';
import { Config } from '../config';
import { checkText } from '../common/validation';
import { Order } from '../orders/order.entity';
import { lockOrder } from '../orders/order-lock';
import { MAX_MESSAGE_LENGTH, sideOf, threadScope } from './message-access';
import { Message } from './message.entity';
import { messageHooks } from './message-hooks';
import { MessageThread } from './message-thread.entity';
import { SendMessageInput } from './message.schema';
import { lockThreadById, lockThreadOfOrder, markRead, NewThread, orderOfThread, writeMessage } from './message-writes';
import { notifyViewerState } from './viewer-state';

/** The thread a message goes to, locked: an existing one the viewer takes part in, or the order's (made on the first message). */
async function threadFor(tx: StepTx, viewer: Viewer, input: SendMessageInput): Promise<ThreadTarget | ErrorResult> {
  if (input.threadId) {
    const uuid = localIdOf('MessageThread', input.threadId);
    if (!uuid) return new ValidationError(['input', 'threadId'], 'is not a thread id');
    const found = await orderOfThread(tx.em, viewer, uuid);
    if (!found) return new NotFoundError('Thread not found');
    // Every writer locks an order before its thread (an incident step holds the order and then posts
    // its note). Taking the thread first would deadlock with it as soon as this transaction touches
    // the order (a row of the customer notification outbox references it).
    if (found.orderUuid) await lockOrder(tx.em, found.orderUuid, null);
    return (await lockThreadById(tx.em, uuid))!;
  }
  const orderUuid = localIdOf('Order', input.orderId!);
  if (!orderUuid) return new ValidationError(['input', 'orderId'], 'is not an order id');
  // Locking the order serialises the first two messages of an order, so it gets one thread.
  const order = await lockOrder(tx.em, orderUuid, viewer);
  if (!order) return new NotFoundError('Order not found');
  return orderThread(tx, order);
}

/** A locked thread, or what an order's thread starts as (it is made with its first message). */
type ThreadTarget = MessageThread | NewThread;

/** The order's thread, locked until commit, or what it starts as; the caller holds the order's lock. */
async function orderThread(tx: StepTx, order: Order): Promise<ThreadTarget> {
  return (
    (await lockThreadOfOrder(tx.em, order)) ?? {
      order,
      shopUuid: order.shop.uuid,
      customerUuid: order.customer.uuid,
      subject: `Zamówienie ${order.reference}`,
    }
  );
}

function checkSendInput(input: SendMessageInput): ValidationError | undefined {
  if (Boolean(input.threadId) === Boolean(input.orderId)) {
    return new ValidationError(['input'], 'Give exactly one of threadId and orderId');
  }
  return checkText(['input', 'body'], input.body, MAX_MESSAGE_LENGTH);
}

export function sendMessage(em: EntityManager, viewer: Viewer, input: SendMessageInput, config: Config): Promise<Message | ErrorResult> {
  const idempotency = { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'SEND_MESSAGE', input };
  return runIdempotent(em, actorOf(viewer), idempotency, async (plainTx) => {
    const tx = asStepTx(plainTx, viewer, config);
    const invalid = checkSendInput(input);
    if (invalid) return invalid;
    const thread = await threadFor(tx, viewer, input);
    if (thread instanceof ErrorResult) return thread;
    return postToThread(tx, viewer, thread, input.body);
  });
}

/**
 * Adds a message to the order's thread inside the caller's transaction (an incident's first
 * message opens with it). The caller holds the order's lock and has checked the body.
 */
export async function appendMessage(tx: StepTx, viewer: Viewer, order: Order, body: string, options: PostOptions = {}): Promise<Message> {
  return postToThread(tx, viewer, await orderThread(tx, order), body, options);
}

interface PostOptions {
  /**
   * false for a customer's note that asks nothing of the shop (closing or contesting an incident,
   * which the operator decides): it does not mark the thread as waiting for the shop's answer.
   */
  awaitsShopReply?: boolean;
}

/** Numbers the message, keeps the reply-needed marks and the author's read mark, records the event, runs the hooks. */
async function postToThread(tx: StepTx, viewer: Viewer, target: ThreadTarget, body: string, options: PostOptions = {}): Promise<Message> {
  const side = sideOf(viewer);
  let shopReplyNeededSince = target instanceof MessageThread ? (target.shopReplyNeededSince ?? null) : null;
  let replyDueAt = target instanceof MessageThread ? (target.replyDueAt ?? null) : null;
  let answeredWaitSince: Date | null = null;
  if (side === 'CUSTOMER' && options.awaitsShopReply !== false && !shopReplyNeededSince) {
    shopReplyNeededSince = tx.now;
    replyDueAt = addBusinessDays(tx.now, 1);
  }
  if (side === 'SHOP' && shopReplyNeededSince) {
    answeredWaitSince = shopReplyNeededSince;
    shopReplyNeededSince = null;
    replyDueAt = null;
  }
  const { thread, message } = await writeMessage(tx.em, {
    thread: target,
    side,
    message: { authorType: tx.actor.type, authorName: tx.actor.displayName, body: body.trim(), createdAt: tx.now, answeredWaitSince },
    shopReplyNeededSince,
    replyDueAt,
  });
  tx.record({
    type: EventType.MESSAGE_ADDED,
    orderUuid: thread.order?.uuid,
    shopUuid: thread.shopUuid,
    customerUuid: thread.customerUuid,
    messageUuid: message.uuid,
    data: { threadUuid: thread.uuid },
  });
  for (const hook of messageHooks.posted) await hook(tx, thread, message, side);
  return message;
}

/**
 * The thread to mark, locked; null when the viewer sees no such thread. A malformed threadId is null
 * too (NotFoundError) rather than the ValidationError other mutations answer: these mutations'
 * MessageThreadResult union has no ValidationError member.
 */
async function findThread(em: EntityManager, viewer: Viewer, threadId: string): Promise<MessageThread | null> {
  const uuid = localIdOf('MessageThread', threadId);
  return uuid ? em.findOne(MessageThread, { uuid, ...threadScope(viewer) }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
}

export function markThreadRead(em: EntityManager, viewer: Viewer, threadId: string): Promise<MessageThread | NotFoundError> {
  return inTransaction(em, actorOf(viewer), async (tx) => {
    const thread = await findThread(tx.em, viewer, threadId);
    if (!thread) return new NotFoundError('Thread not found');
    await markRead(tx.em, thread, sideOf(viewer), thread.messageCount);
    await notifyViewerState(tx.em, thread);
    return thread;
  });
}

/** The shop decides a customer's last message needs no answer (a "thank you"). */
export function markNoReplyNeeded(em: EntityManager, viewer: Viewer, threadId: string): Promise<MessageThread | NotFoundError> {
  return inTransaction(em, actorOf(viewer), async (tx) => {
    const thread = await findThread(tx.em, viewer, threadId);
    if (!thread) return new NotFoundError('Thread not found');
    thread.shopReplyNeededSince = null;
    thread.replyDueAt = null;
    await notifyViewerState(tx.em, thread);
    return thread;
  });
}

import {
  MarkThreadReadDocument,
  MessageFieldsFragment,
  OrderThreadDocument,
  OrderThreadQuery,
  SendMessageDocument,
  SendMessageInput,
  SendMessageMutation,
  ThreadFieldsFragment,
  ViewerDashboardDocument,
  ViewerDashboardQuery,
} from '../generated/graphql';
import { TestApp } from './app';

export type SendResult = SendMessageMutation['sendMessage'];
export type OrderThread = NonNullable<NonNullable<OrderThreadQuery['order']>['thread']>;

/** sendMessage as `secret`, whatever member of MessageResult it answers. */
export async function send(t: TestApp, secret: string, input: SendMessageInput): Promise<SendResult> {
  return (await t.gql(SendMessageDocument, { input }, secret)).sendMessage;
}

/** sendMessage that must succeed: fails the test with the error otherwise. */
export async function sendOk(t: TestApp, secret: string, input: SendMessageInput): Promise<MessageFieldsFragment> {
  const result = await send(t, secret, input);
  if (result.__typename !== 'Message') throw new Error(`expected a Message, got ${JSON.stringify(result)}`);
  return result as MessageFieldsFragment;
}

/** The order's thread as `secret` sees it (null when it has none), with all its messages. */
export async function threadOf(t: TestApp, orderId: string, secret: string): Promise<OrderThread | null> {
  const { order } = await t.gql(OrderThreadDocument, { id: orderId }, secret);
  if (!order) throw new Error(`order ${orderId} not visible`);
  return order.thread;
}

export async function markRead(t: TestApp, threadId: string, secret: string): Promise<ThreadFieldsFragment> {
  const { markThreadRead: result } = await t.gql(MarkThreadReadDocument, { threadId }, secret);
  if (result.__typename !== 'MessageThread') throw new Error(`expected a MessageThread, got ${JSON.stringify(result)}`);
  return result as ThreadFieldsFragment;
}

export async function dashboardOf(t: TestApp, secret: string): Promise<ViewerDashboardQuery['viewer']['dashboard']> {
  return (await t.gql(ViewerDashboardDocument, {}, secret)).viewer.dashboard;
}

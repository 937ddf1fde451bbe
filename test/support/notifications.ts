import { Client } from 'pg';
import {
  AcceptOrderDocument,
  ConfirmShipmentDocument,
  CreateCustomerDocument,
  IssueApiKeyDocument,
  NotificationFieldsFragment,
  OrderFieldsFragment,
  OrderNotificationsDocument,
  RecordPaymentDocument,
  SetTrackingDocument,
} from '../generated/graphql';
import { TestApp } from './app';
import { asOrder, Market, placeOrder } from './market';

/** The uuid inside a global id (tests read the database by it). */
export function localId(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}

/** Order.notifications as `secret` sees them (the operator by default); fails when the order is not visible. */
export async function notificationsOf(t: TestApp, orderId: string, secret?: string): Promise<NotificationFieldsFragment[]> {
  const { order } = await t.gql(OrderNotificationsDocument, { id: orderId }, secret);
  if (!order) throw new Error(`order ${orderId} not visible`);
  return order.notifications;
}

export async function kindsOf(t: TestApp, orderId: string): Promise<string[]> {
  return (await notificationsOf(t, orderId)).map((notification) => notification.kind);
}

/** The notification of `kind` on the order, failing the test when there is not exactly one. */
export async function notificationOf(t: TestApp, orderId: string, kind: string): Promise<NotificationFieldsFragment> {
  const found = (await notificationsOf(t, orderId)).filter((notification) => notification.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} notification, found ${found.length}`);
  return found[0];
}

/** Runs one SQL query on the test app's database. */
export async function sql<T extends Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The events written by the very transaction that wrote the notification (rows of one transaction
 * share their `xmin`): proof that the outbox row and the change commit together.
 */
export async function eventsCommittedWith(t: TestApp, notificationId: string): Promise<string[]> {
  const rows = await sql<{ type: string }>(
    t,
    'select e.type from event e join customer_notification n on n.xmin = e.xmin where n.id = $1 order by e.id',
    [localId(notificationId)],
  );
  return rows.map((row) => row.type);
}

/** A customer writing in `locale`, with an API key. */
export async function createCustomer(t: TestApp, displayName: string, email: string, locale: 'PL' | 'EN') {
  const { createCustomer: customer } = await t.gql(CreateCustomerDocument, { input: { displayName, email, locale } });
  const { issueApiKey } = await t.gql(IssueApiKeyDocument, { input: { name: displayName, role: 'CUSTOMER', customerId: customer.id } });
  return { ...customer, key: issueApiKey.secret };
}

/** A prepaid order taken up to SHIPPED with InPost and `trackingNumber`. */
export async function shippedOrder(t: TestApp, market: Market, trackingNumber: string, customerKey = market.keys.customer): Promise<OrderFieldsFragment> {
  const placed = await placeOrder(t, market, {}, customerKey);
  const seller = market.keys.seller;
  asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: placed.id } }, seller)).acceptOrder);
  asOrder((await t.gql(RecordPaymentDocument, { input: { orderId: placed.id, outcome: 'PAID' } })).recordPayment);
  asOrder((await t.gql(SetTrackingDocument, { input: { orderId: placed.id, carrierCode: 'INPOST', trackingNumber } }, seller)).setTracking);
  return asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId: placed.id } }, seller)).confirmShipment);
}

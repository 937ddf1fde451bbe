import { wrap } from '@mikro-orm/core';
import { ActorType } from '../auth/role';
import { EventDraft } from '../common/events/event-log';
import { EventType as E } from '../common/events/event-type';
import { toMinorUnits } from '../common/money';
import { insertRow } from '../common/row-writes';
import { Tx } from '../common/transaction';
import { Message } from '../messages/message.entity';
import { Order } from '../orders/order.entity';
import { OrderState } from '../orders/order.status';
import { CustomerNotification } from './customer-notification.entity';
import { NotificationKind as K } from './notification-kind';
import { NotificationFacts } from './template-helpers';
import { renderNotification } from './templates';

const EXCERPT_LENGTH = 500;

/**
 * Which notifications an event owes the customer. The customer is told what others did (the shop,
 * an operator, a carrier, the system's timers), never their own steps, which they have just seen;
 * the rating invitation after delivery is the one exception. Messages: only the shop's.
 */
export function kindsFor(draft: EventDraft): K[] {
  const kinds = ((): K[] => {
    switch (draft.type) {
      case E.ORDER_ACCEPTED: return [K.ORDER_ACCEPTED];
      case E.ORDER_REFUSED: return [K.ORDER_REFUSED];
      case E.ORDER_SHIPPED: return [K.ORDER_SHIPPED];
      case E.ORDER_READY_FOR_PICKUP: return [K.ORDER_READY_FOR_PICKUP];
      case E.ORDER_DELIVERED: return [K.ORDER_DELIVERED, K.RATING_INVITATION];
      case E.ORDER_CANCELED: return [K.ORDER_CANCELED];
      // A return's refund is told by the return's own notification, with the amount: one mail, not two.
      case E.ORDER_REFUNDED: return draft.data?.returnId ? [] : [K.REFUND_ISSUED];
      case E.INCIDENT_OPENED:
      case E.INCIDENT_UPDATED: return [K.INCIDENT_UPDATED];
      case E.RETURN_REQUESTED:
      case E.RETURN_UPDATED: return [K.RETURN_UPDATED];
      case E.MESSAGE_ADDED: return draft.actor.type === ActorType.SELLER ? [K.NEW_MESSAGE] : [];
      default: return [];
    }
  })();
  if (draft.actor.type !== ActorType.CUSTOMER) return kinds;
  return kinds.filter((kind) => kind === K.RATING_INVITATION);
}

interface Planned {
  kind: K;
  draft: EventDraft;
}

/**
 * One notification per kind and subject within a transaction (the latest event wins), so a step
 * that records two updates of one incident tells the customer once, with where it ended up.
 */
function plan(drafts: readonly EventDraft[]): Planned[] {
  const planned = new Map<string, Planned>();
  for (const draft of drafts) {
    if (!draft.orderUuid || !draft.customerUuid) continue;
    for (const kind of kindsFor(draft)) {
      const about = draft.incidentUuid ?? draft.returnUuid ?? draft.messageUuid ?? '';
      const key = `${kind}:${draft.orderUuid}:${about}`;
      planned.delete(key);
      planned.set(key, { kind, draft });
    }
  }
  return [...planned.values()];
}

function titlesOf(order: Order, lineIds: unknown): string[] {
  if (!Array.isArray(lineIds)) return [];
  return order.lines.getItems().filter((line) => lineIds.includes(line.id)).map((line) => line.productTitle);
}

/** The refunded total from the event's data: `lines[].amount` (order refunds) or `amount` (a return's), plus `shipping` when refunded. */
function refundedMinor(data: Record<string, unknown> | undefined): number | undefined {
  const amounts = Array.isArray(data?.lines) ? data.lines.map((line: { amount?: unknown }) => line?.amount) : [data?.amount];
  if (data?.shipping !== undefined) amounts.push(data.shipping);
  const minors = amounts.map((amount) => (typeof amount === 'string' ? toMinorUnits(amount) : undefined));
  if (minors.length === 0 || minors.some((minor) => minor === undefined)) return undefined;
  return minors.reduce((sum: number, minor) => sum + minor!, 0);
}

const SYSTEM_CAUSES = new Set(['ACCEPTANCE_TIMEOUT', 'PAYMENT_FAILED', 'PAYMENT_TIMEOUT']);

async function factsFor(tx: Tx, { kind, draft }: Planned, order: Order): Promise<NotificationFacts> {
  const facts: NotificationFacts = { orderReference: order.reference, shopName: order.shop.name };
  const data = draft.data ?? {};
  const reason = typeof data.reason === 'string' ? data.reason : null;
  switch (kind) {
    case K.ORDER_ACCEPTED:
      return { ...facts, lineTitles: titlesOf(order, data.refusedLineIds) };
    case K.ORDER_REFUSED:
    case K.ORDER_CANCELED: {
      // A seller's cancel names its lines and gives its own words; the system's steps give a code.
      const byPerson = kind === K.ORDER_CANCELED ? Array.isArray(data.lineIds) : draft.actor.type !== ActorType.SYSTEM;
      if (!byPerson && reason && SYSTEM_CAUSES.has(reason)) return { ...facts, cause: reason as NotificationFacts['cause'] };
      const partial = kind === K.ORDER_CANCELED && order.state !== OrderState.CANCELED;
      return { ...facts, reason, lineTitles: partial ? titlesOf(order, data.lineIds) : [] };
    }
    case K.ORDER_SHIPPED:
      return { ...facts, carrierName: order.trackingCarrierName, trackingNumber: order.trackingNumber, trackingUrl: order.trackingUrl };
    case K.REFUND_ISSUED:
      return { ...facts, amountMinor: refundedMinor(draft.data), currency: 'PLN' };
    case K.INCIDENT_UPDATED:
      return { ...facts, status: draft.toState ?? null };
    case K.RETURN_UPDATED: {
      const refunded = draft.toState === 'REFUNDED' ? refundedMinor(draft.data) : undefined;
      const rejection = draft.toState === 'REJECTED' ? reason : null;
      return { ...facts, status: draft.toState ?? null, amountMinor: refunded || undefined, currency: 'PLN', reason: rejection };
    }
    case K.NEW_MESSAGE: {
      const message = draft.messageUuid ? await tx.em.findOne(Message, { uuid: draft.messageUuid }) : null;
      const body = message?.body ?? '';
      return { ...facts, excerpt: body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body };
    }
    default:
      return facts;
  }
}

/** A customer is invited to rate an order once, however many deliveries it reports. */
async function alreadyInvited(tx: Tx, orderUuid: string): Promise<boolean> {
  return (await tx.em.count(CustomerNotification, { order: orderUuid, kind: K.RATING_INVITATION })) > 0;
}

/**
 * The order an event is about, with its shop, customer and lines. The step that recorded the event
 * usually holds it already, flushed, in this transaction: reading it again would cost a statement.
 */
async function orderOf(tx: Tx, uuid: string): Promise<Order | null> {
  const held = tx.em.getUnitOfWork().getById<Order>(Order.name, uuid);
  if (held && held.lines.isInitialized() && wrap(held.shop).isInitialized() && wrap(held.customer).isInitialized()) return held;
  return tx.em.findOne(Order, { uuid }, { populate: ['shop', 'customer', 'lines'] });
}

/**
 * The before-commit hook (src/common/transaction.ts): turns the events a transaction recorded into
 * outbox rows in the same transaction, so a notification exists exactly when its change committed.
 */
export async function writeNotifications(tx: Tx, drafts: readonly EventDraft[]): Promise<void> {
  for (const planned of plan(drafts)) {
    const order = await orderOf(tx, planned.draft.orderUuid!);
    if (!order) continue;
    if (planned.kind === K.RATING_INVITATION && (await alreadyInvited(tx, order.uuid))) continue;
    const locale = order.customer.locale;
    const { subject, body } = renderNotification(locale, planned.kind, await factsFor(tx, planned, order));
    const notification = Object.assign(new CustomerNotification(), {
      customer: order.customer,
      order,
      kind: planned.kind,
      locale,
      subject,
      body,
      createdAt: tx.now,
      nextAttemptAt: tx.now,
    });
    // Inserted with the transaction's events (one statement), not through the unit of work.
    tx.write(insertRow(tx.em, notification));
  }
}

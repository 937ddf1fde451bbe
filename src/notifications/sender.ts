import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { createTransport, Transporter } from 'nodemailer';
import { SYSTEM_ACTOR } from '../auth/viewer';
import { clock } from '../common/clock';
import { EventType } from '../common/events/event-type';
import { Logger } from '../common/logger';
import { inTransaction, Tx } from '../common/transaction';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { CustomerNotification } from './customer-notification.entity';

/** Failed attempts before a notification is given up (logged as an error); retries wait 1, 2, 4 ... 64 minutes. */
export const MAX_ATTEMPTS = 8;
export const FIRST_RETRY_MS = 60_000;
/** Mails per pass, so one pass on a long backlog still ends and lets `stop()` through. */
const BATCH = 50;
/** The platform sends on the shop's behalf; replies go nowhere (customers answer in the order's thread). */
export const MAIL_FROM = { name: 'Marketplace', address: 'no-reply@marketplace.example' };

export interface SenderConfig {
  smtpUrl?: string;
  timerIntervalMs: number;
}

/** Exponential backoff after the n-th failed attempt (n from 1). */
export function retryDelayMs(failedAttempts: number): number {
  return FIRST_RETRY_MS * 2 ** (failedAttempts - 1);
}

type Outcome = 'none' | 'sent' | 'failed';

/**
 * Mails the outbox. Runs on every instance when SMTP_URL is set: each mail is sent inside a
 * transaction that holds its row `FOR UPDATE SKIP LOCKED` until `sentAt` commits, so however many
 * instances send, each notification goes out once. (Only a crash between the SMTP server's "250 OK"
 * and the commit can send one twice; the fixed Message-ID lets mail systems drop that copy.)
 * A sent notification appends CUSTOMER_NOTIFIED to the event log, in the same transaction.
 */
export class NotificationSender {
  private readonly transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly em: EntityManager,
    private readonly config: SenderConfig,
    private readonly logger: Logger,
  ) {
    if (config.smtpUrl) {
      this.transport = createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    }
  }

  /** Sends on a timer (TIMER_INTERVAL); does nothing without SMTP_URL, when notifications stay in the outbox. */
  start(): void {
    if (!this.transport) return;
    this.timer = setInterval(() => void this.sendDue(), this.config.timerIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** One pass over the due notifications; resolves to how many were mailed here. */
  sendDue(): Promise<number> {
    this.running ??= this.sendBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sendBatch(): Promise<number> {
    if (!this.transport) return 0;
    let sent = 0;
    try {
      for (let i = 0; i < BATCH; i += 1) {
        const outcome = await this.sendNext(this.transport);
        if (outcome === 'none') break;
        if (outcome === 'sent') sent += 1;
      }
    } catch (error) {
      this.logger.error({ err: error }, 'notification sending failed; retrying at the next interval');
    }
    return sent;
  }

  private sendNext(transport: Transporter): Promise<Outcome> {
    return inTransaction(this.em.fork(), SYSTEM_ACTOR, async (tx) => {
      const notification = await tx.em.findOne(
        CustomerNotification,
        { nextAttemptAt: { $lte: tx.now } },
        { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { nextAttemptAt: 'asc', uuid: 'asc' } },
      );
      if (!notification) return 'none';
      const customer = await tx.em.findOneOrFail(Customer, { uuid: notification.customer.uuid });
      try {
        await transport.sendMail({
          from: MAIL_FROM,
          to: { name: customer.displayName, address: customer.email },
          subject: notification.subject,
          text: notification.body,
          messageId: `<${notification.uuid}@notifications.marketplace.example>`,
          headers: { 'X-Notification-Id': notification.id },
        });
      } catch (error) {
        this.recordFailure(notification, error, tx.now);
        return 'failed';
      }
      await this.recordSent(tx, notification);
      return 'sent';
    });
  }

  private async recordSent(tx: Tx, notification: CustomerNotification): Promise<void> {
    notification.sentAt = clock.now();
    notification.nextAttemptAt = null;
    notification.lastError = null;
    const order = notification.order ? await tx.em.findOne(Order, { uuid: notification.order.uuid }) : null;
    tx.record({
      type: EventType.CUSTOMER_NOTIFIED,
      orderUuid: order?.uuid,
      shopUuid: order?.shop.uuid,
      customerUuid: notification.customer.uuid,
      data: { notificationId: notification.id, kind: notification.kind },
    });
  }

  private recordFailure(notification: CustomerNotification, error: unknown, now: Date): void {
    notification.attempts += 1;
    notification.lastError = error instanceof Error ? error.message.slice(0, 1000) : String(error);
    const context = { err: error, notification: notification.id, attempts: notification.attempts };
    if (notification.attempts >= MAX_ATTEMPTS) {
      notification.nextAttemptAt = null;
      this.logger.error(context, `notification mail failed ${MAX_ATTEMPTS} times; giving up`);
      return;
    }
    notification.nextAttemptAt = new Date(now.getTime() + retryDelayMs(notification.attempts));
    this.logger.warn({ ...context, retryAt: notification.nextAttemptAt }, 'notification mail failed; will retry');
  }
}

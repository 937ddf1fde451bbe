import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { createTransport, Transporter } from 'nodemailer';
import Mail from 'nodemailer/lib/mailer';
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
/** Time a send's outcome has to be recorded after its hard deadline (SMTP_TIMEOUT), inside the lease. */
const RECORD_MARGIN_MS = 60_000;
/**
 * How long a claimed mail stays reserved for the instance sending it. The whole send is aborted at
 * SMTP_TIMEOUT (an AbortSignal, whatever the relay does: a trickle of bytes defeats socket
 * timeouts), so a send always ends inside its lease and no other instance can send it meanwhile.
 */
export function leaseMs(smtpTimeoutMs: number): number {
  return smtpTimeoutMs + RECORD_MARGIN_MS;
}
/** Mails per pass, so one pass on a long backlog still ends and lets `stop()` through. */
const BATCH = 50;
/** The platform sends on the shop's behalf; replies go nowhere (customers answer in the order's thread). */
export const MAIL_FROM = { name: 'Marketplace', address: 'no-reply@marketplace.example' };

export interface SenderConfig {
  smtpUrl?: string;
  timerIntervalMs: number;
  smtpTimeoutMs: number;
}

/** Exponential backoff after the n-th failed attempt (n from 1). */
export function retryDelayMs(failedAttempts: number): number {
  return FIRST_RETRY_MS * 2 ** (failedAttempts - 1);
}

type Outcome = 'none' | 'sent' | 'failed';

/**
 * Mails the outbox. Runs on every instance when SMTP_URL is set: a mail is claimed under
 * `FOR UPDATE SKIP LOCKED` with a lease, sent, then marked sent, so however many instances send,
 * each notification goes out once. (Only a crash between the SMTP server's "250 OK" and recording
 * it can send one twice, after the lease; the fixed Message-ID lets mail systems drop that copy.)
 * A sent notification appends CUSTOMER_NOTIFIED to the event log, with `sentAt`.
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

  /**
   * Claim, send, record: the mail goes out between two short transactions, so no connection or row
   * lock is held during SMTP I/O. The claim leases the row (nextAttemptAt moves `leaseMs` ahead), so
   * other instances skip it while it is being sent, and a crash mid-send only delays it.
   */
  private async sendNext(transport: Transporter): Promise<Outcome> {
    const claimed = await this.claimNext();
    if (!claimed) return 'none';
    const { notification, customer, claimedAt } = claimed;
    // nodemailer >= 10.5 takes `signal` (its types lag behind): the send fails with EABORT when it fires.
    const mail: Mail.Options & { signal: AbortSignal } = {
      from: MAIL_FROM,
      to: { name: customer.displayName, address: customer.email },
      subject: notification.subject,
      text: notification.body,
      messageId: `<${notification.uuid}@notifications.marketplace.example>`,
      headers: { 'X-Notification-Id': notification.id },
      signal: AbortSignal.timeout(this.config.smtpTimeoutMs),
    };
    try {
      await transport.sendMail(mail);
    } catch (sendError) {
      const aborted = (sendError as { code?: string }).code === 'EABORT';
      const error = aborted ? new Error(`the SMTP exchange took longer than SMTP_TIMEOUT (${this.config.smtpTimeoutMs} ms); aborted`, { cause: sendError }) : sendError;
      await this.finish(notification.uuid, async (_tx, row) => this.recordFailure(row, error, claimedAt));
      return 'failed';
    }
    await this.finish(notification.uuid, (tx, row) => this.recordSent(tx, row));
    return 'sent';
  }

  private claimNext(): Promise<{ notification: CustomerNotification; customer: Customer; claimedAt: Date } | null> {
    return inTransaction(this.em.fork(), SYSTEM_ACTOR, async (tx) => {
      const notification = await tx.em.findOne(
        CustomerNotification,
        { nextAttemptAt: { $lte: tx.now } },
        { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { nextAttemptAt: 'asc', uuid: 'asc' } },
      );
      if (!notification) return null;
      const customer = await tx.em.findOneOrFail(Customer, { uuid: notification.customer.uuid });
      notification.nextAttemptAt = new Date(tx.now.getTime() + leaseMs(this.config.smtpTimeoutMs));
      return { notification, customer, claimedAt: tx.now };
    });
  }

  private finish(uuid: string, record: (tx: Tx, notification: CustomerNotification) => Promise<void>): Promise<void> {
    return inTransaction(this.em.fork(), SYSTEM_ACTOR, async (tx) => {
      const notification = await tx.em.findOneOrFail(CustomerNotification, { uuid }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      await record(tx, notification);
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

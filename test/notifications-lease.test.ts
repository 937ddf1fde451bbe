import { clock } from '../src/common/clock';
import { AcceptOrderDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { MailSink, startMailSink } from './support/mail';
import { asOrder, createMarket, placeOrder } from './support/market';
import { localId, notificationOf, sql } from './support/notifications';

/**
 * The outbox lease outlives the send by construction: a claimed mail is reserved for
 * SMTP_TIMEOUT + 1 minute, and the whole SMTP exchange is aborted at SMTP_TIMEOUT, so a relay that
 * never answers cannot keep a send alive past its lease (when another instance would send it again).
 */

afterEach(() => clock.reset());

async function outboxRow(t: TestApp, notificationId: string) {
  const [row] = await sql<{ attempts: number; next_attempt_at: Date | null; last_error: string | null; sent_at: Date | null }>(
    t,
    'select attempts, next_attempt_at, last_error, sent_at from customer_notification where id = $1',
    [localId(notificationId)],
  );
  return row;
}

describe('a relay that does not answer a mail', () => {
  let sink: MailSink;
  let release: () => void;
  let firstDataRead: Promise<void>;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const released = new Promise<void>((resolve) => (release = resolve));
    let dataRead: () => void;
    firstDataRead = new Promise<void>((resolve) => (dataRead = resolve));
    let answers = 0;
    // The first mail's DATA is read, then left unanswered until the test releases it (then refused).
    sink = await startMailSink(
      (attempt) => attempt === 1,
      async () => {
        answers += 1;
        if (answers > 1) return;
        dataRead();
        await released;
      },
    );
  });
  afterAll(async () => {
    release();
    await b?.close();
    await a?.close();
    await sink.close();
  });

  it('holds the mail for SMTP_TIMEOUT + 1 minute, aborts the send at SMTP_TIMEOUT, and sends it once, on retry', async () => {
    const start = new Date('2026-12-01T09:00:00.000Z');
    clock.freeze(start);
    a = await startTestApp({ env: { SMTP_URL: sink.url, SMTP_TIMEOUT: 'PT1S' } });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: { SMTP_URL: sink.url, SMTP_TIMEOUT: 'PT1S' } });
    const market = await createMarket(a);
    const order = await placeOrder(a, market);
    asOrder((await a.gql(AcceptOrderDocument, { input: { orderId: order.id } }, market.keys.seller)).acceptOrder);
    const { id } = await notificationOf(a, order.id, 'ORDER_ACCEPTED');

    const sending = a.app.notifications.sendDue();
    await firstDataRead;
    // Claimed by a: leased for SMTP_TIMEOUT (1 s) + 60 s from the claim; b finds nothing to send.
    expect((await outboxRow(a, id)).next_attempt_at!.toISOString()).toBe(new Date(start.getTime() + 61_000).toISOString());
    expect(await b.app.notifications.sendDue()).toBe(0);

    // The relay still says nothing: a gives up at SMTP_TIMEOUT, well inside the lease, and schedules a retry.
    expect(await sending).toBe(0);
    expect(await outboxRow(a, id)).toEqual({
      attempts: 1,
      next_attempt_at: new Date(start.getTime() + 60_000),
      last_error: 'the SMTP exchange took longer than SMTP_TIMEOUT (1000 ms); aborted',
      sent_at: null,
    });
    release();

    clock.freeze(new Date(start.getTime() + 60_000));
    expect(await b.app.notifications.sendDue()).toBe(1);
    expect(await a.app.notifications.sendDue()).toBe(0);
    expect(sink.received.map((mail) => mail.headers['x-notification-id'])).toEqual([id]);
    expect((await outboxRow(a, id)).sent_at).toEqual(new Date(start.getTime() + 60_000));
  });
});

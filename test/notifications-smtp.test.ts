import { clock } from '../src/common/clock';
import { FIRST_RETRY_MS, MAX_ATTEMPTS, retryDelayMs } from '../src/notifications/sender';
import { AcceptOrderDocument, OrderNotificationsDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { MailSink, startMailSink } from './support/mail';
import { asOrder, createMarket, Market, placeOrder } from './support/market';
import { localId, notificationOf, notificationsOf, shippedOrder, sql } from './support/notifications';

afterEach(() => clock.reset());

/** A fresh app mailing to `sink`, with one order accepted: exactly one notification in its outbox. */
async function appWithOneNotification(sink: MailSink) {
  const t = await startTestApp({ env: { SMTP_URL: sink.url } });
  const market = await createMarket(t);
  const order = await placeOrder(t, market);
  asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: order.id } }, market.keys.seller)).acceptOrder);
  return { t, order };
}

async function outboxRow(t: TestApp, notificationId: string) {
  const [row] = await sql<{ attempts: number; next_attempt_at: Date | null; last_error: string | null; sent_at: Date | null }>(
    t,
    'select attempts, next_attempt_at, last_error, sent_at from customer_notification where id = $1',
    [localId(notificationId)],
  );
  return row;
}

describe('two instances mailing one outbox', () => {
  let sink: MailSink;
  let a: TestApp;
  let b: TestApp;
  let market: Market;

  beforeAll(async () => {
    sink = await startMailSink();
    a = await startTestApp({ env: { SMTP_URL: sink.url } });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: { SMTP_URL: sink.url } });
    market = await createMarket(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await sink.close();
  });

  it('mail each notification exactly once, the shipment with its tracking link', async () => {
    const orders = [];
    for (const number of ['SMTP-1', 'SMTP-2', 'SMTP-3']) orders.push(await shippedOrder(a, market, number));
    const notifications = (await Promise.all(orders.map((order) => notificationsOf(a, order.id)))).flat();
    expect(notifications.map((notification) => notification.kind)).toEqual(Array(3).fill(['ORDER_ACCEPTED', 'ORDER_SHIPPED']).flat());

    const sent = await Promise.all([a.app.notifications.sendDue(), b.app.notifications.sendDue()]);
    expect(sent[0] + sent[1]).toBe(6);
    expect(await Promise.all([a.app.notifications.sendDue(), b.app.notifications.sendDue()])).toEqual([0, 0]);
    expect(sink.attempts).toBe(6);
    expect(sink.received.map((mail) => mail.headers['x-notification-id']).sort()).toEqual(notifications.map((n) => n.id).sort());

    const shipped = await notificationOf(a, orders[0].id, 'ORDER_SHIPPED');
    const mail = sink.received.find((received) => received.headers['x-notification-id'] === shipped.id)!;
    expect(mail.envelopeFrom).toBe('no-reply@marketplace.example');
    expect(mail.envelopeTo).toEqual(['anna.kowalska@example.pl']);
    expect(mail.headers.to).toBe('Anna Kowalska <anna.kowalska@example.pl>');
    expect(mail.subject).toBe(`Zamówienie ${orders[0].reference} zostało wysłane`);
    expect(mail.text).toBe(shipped.body);
    expect(mail.text).toContain('Śledzenie przesyłki: https://inpost.pl/sledzenie-przesylek?number=SMTP-1');
  });

  it('set sentAt and append one CUSTOMER_NOTIFIED event per mail to the order timeline', async () => {
    const order = await shippedOrder(a, market, 'SMTP-4');
    expect((await notificationsOf(a, order.id)).map((notification) => notification.sentAt)).toEqual([null, null]);
    expect(await b.app.notifications.sendDue()).toBe(2);

    for (const notification of await notificationsOf(a, order.id, market.keys.customer)) {
      expect(notification.sentAt).not.toBeNull();
      expect(new Date(notification.sentAt!).getTime()).toBeGreaterThanOrEqual(new Date(notification.createdAt).getTime());
    }
    const { order: read } = await a.gql(OrderNotificationsDocument, { id: order.id }, market.keys.seller);
    const notified = read!.timeline.edges.filter(({ node }) => node.type === 'CUSTOMER_NOTIFIED');
    expect(notified.map(({ node }) => node.actor.type)).toEqual(['SYSTEM', 'SYSTEM']);
  });
});

describe('a mail server that refuses', () => {
  it('holds no row lock while the SMTP server takes its time (the row is claimed, then sent)', async () => {
    let t: TestApp | undefined;
    const lockedDuringSend: string[] = [];
    const sink = await startMailSink(
      () => false,
      async () => {
        // NOWAIT fails at once (55P03) if any transaction still holds the row.
        const rows = await sql<{ id: string }>(t!, 'select id from customer_notification where sent_at is null for update nowait').catch(
          (error: { code?: string }) => [{ id: `locked: ${error.code}` }],
        );
        lockedDuringSend.push(...rows.map((row) => row.id).filter((id) => id.startsWith('locked')));
      },
    );
    const started = await appWithOneNotification(sink);
    t = started.t;
    try {
      expect(await t.app.notifications.sendDue()).toBe(1);
      expect([sink.received.length, lockedDuringSend]).toEqual([1, []]);
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it('is tried again after the backoff, and the mail is delivered once', async () => {
    const sink = await startMailSink((attempt) => attempt === 1);
    const start = new Date('2026-12-01T09:00:00.000Z');
    clock.freeze(start);
    const { t, order } = await appWithOneNotification(sink);
    try {
      const { id } = await notificationOf(t, order.id, 'ORDER_ACCEPTED');
      expect(await t.app.notifications.sendDue()).toBe(0);
      expect(sink.attempts).toBe(1);
      expect(sink.received).toEqual([]);
      const failed = await outboxRow(t, id);
      expect(failed.attempts).toBe(1);
      expect(failed.sent_at).toBeNull();
      expect(failed.next_attempt_at!.toISOString()).toBe(new Date(start.getTime() + FIRST_RETRY_MS).toISOString());
      expect(failed.last_error).toContain('451');

      clock.freeze(new Date(start.getTime() + FIRST_RETRY_MS - 1));
      expect(await t.app.notifications.sendDue()).toBe(0);
      expect(sink.attempts).toBe(1);

      const retryAt = new Date(start.getTime() + FIRST_RETRY_MS);
      clock.freeze(retryAt);
      expect(await t.app.notifications.sendDue()).toBe(1);
      expect(await t.app.notifications.sendDue()).toBe(0);
      expect(sink.attempts).toBe(2);
      expect(sink.received.map((mail) => mail.headers['x-notification-id'])).toEqual([id]);
      expect((await notificationOf(t, order.id, 'ORDER_ACCEPTED')).sentAt).toBe(retryAt.toISOString());
      expect(await outboxRow(t, id)).toMatchObject({ attempts: 1, next_attempt_at: null, last_error: null });
    } finally {
      await t.close();
      await sink.close();
    }
  });

  it(`is given up after ${MAX_ATTEMPTS} failed attempts, doubling the wait each time`, async () => {
    const sink = await startMailSink(() => true);
    let now = new Date('2026-12-01T09:00:00.000Z').getTime();
    clock.freeze(new Date(now));
    const { t, order } = await appWithOneNotification(sink);
    try {
      const { id } = await notificationOf(t, order.id, 'ORDER_ACCEPTED');
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        expect(await t.app.notifications.sendDue()).toBe(0);
        expect(sink.attempts).toBe(attempt);
        const row = await outboxRow(t, id);
        expect(row.attempts).toBe(attempt);
        if (attempt < MAX_ATTEMPTS) expect(row.next_attempt_at!.getTime()).toBe(now + retryDelayMs(attempt));
        now += retryDelayMs(attempt);
        clock.freeze(new Date(now));
      }
      expect((await outboxRow(t, id)).next_attempt_at).toBeNull();
      clock.freeze(new Date(now + 365 * 24 * 3_600_000));
      expect(await t.app.notifications.sendDue()).toBe(0);
      expect(sink.attempts).toBe(MAX_ATTEMPTS);
      expect(sink.received).toEqual([]);
      expect((await notificationOf(t, order.id, 'ORDER_ACCEPTED')).sentAt).toBeNull();
    } finally {
      await t.close();
      await sink.close();
    }
  });
});

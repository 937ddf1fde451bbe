import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  CancelOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  MarkReadyForPickupDocument,
  NotificationsDocument,
  RecordCarrierDeliveryDocument,
  RecordPaymentDocument,
  RefundOrderDocument,
  RefuseOrderDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder } from './support/market';
import { sendOk } from './support/messages';
import { createCustomer, eventsCommittedWith, kindsOf, notificationOf, notificationsOf, shippedOrder } from './support/notifications';

const SHOP = 'Księgarnia Pod Sową';
const HOUR = 3_600_000;

let t: TestApp;
let market: Market;
let parcel = 0;
const trackingNumber = () => `NOTIFY-${(parcel += 1)}`;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const seller = () => market.keys.seller;
const accept = async (orderId: string) => asOrder((await t.gql(AcceptOrderDocument, { input: { orderId } }, seller())).acceptOrder);
const pay = async (orderId: string, outcome: 'PAID' | 'FAILED') =>
  (await t.gql(RecordPaymentDocument, { input: { orderId, outcome } })).recordPayment;
const allNotificationsCount = async () => (await t.gql(NotificationsDocument, { first: 1 })).notifications.totalCount;

describe('order notifications, each written in the transaction of its change', () => {
  it('tells a Polish customer that the shop accepted the order', async () => {
    const order = await placeOrder(t, market);
    expect(await notificationsOf(t, order.id)).toEqual([]);
    await accept(order.id);

    const [notification, ...others] = await notificationsOf(t, order.id);
    expect(others).toEqual([]);
    expect(notification).toMatchObject({
      kind: 'ORDER_ACCEPTED',
      locale: 'PL',
      subject: `Zamówienie ${order.reference} zostało przyjęte`,
      body: `Sklep ${SHOP} przyjął Twoje zamówienie ${order.reference}.\n\nDamy Ci znać, gdy paczka zostanie wysłana.`,
      sentAt: null,
      order: { id: order.id, reference: order.reference },
    });
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['ORDER_ACCEPTED']);
  });

  it('names the refused products of a partial acceptance', async () => {
    const order = await placeOrder(t, market);
    const [first, second] = order.lines;
    const input = { orderId: order.id, lines: [{ lineId: first.id, accepted: true }, { lineId: second.id, accepted: false }] };
    asOrder((await t.gql(AcceptOrderDocument, { input }, seller())).acceptOrder);

    expect((await notificationOf(t, order.id, 'ORDER_ACCEPTED')).body).toBe(
      `Sklep ${SHOP} przyjął Twoje zamówienie ${order.reference}.\n\n` +
        'Nie zrealizuje jednak tych pozycji: Lalka, Bolesław Prus.\n\nDamy Ci znać, gdy paczka zostanie wysłana.',
    );
  });

  it("tells the customer of a refusal with the shop's reason", async () => {
    const order = await placeOrder(t, market);
    asOrder((await t.gql(RefuseOrderDocument, { input: { orderId: order.id, reason: 'Nakład wyczerpany' } }, seller())).refuseOrder);

    const notification = await notificationOf(t, order.id, 'ORDER_REFUSED');
    expect(notification.subject).toBe(`Zamówienie ${order.reference} zostało odrzucone`);
    expect(notification.body).toBe(`Sklep ${SHOP} odrzucił Twoje zamówienie ${order.reference}.\n\nPowód: Nakład wyczerpany`);
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['ORDER_REFUSED']);
  });

  it('tells the customer when the acceptance timer refuses an order the shop left unanswered', async () => {
    const order = await placeOrder(t, market);
    clock.advance(72 * HOUR + 1_000);
    expect(await t.app.sweeper.sweep()).toBeGreaterThanOrEqual(1);

    const notification = await notificationOf(t, order.id, 'ORDER_REFUSED');
    expect(notification.body).toBe(
      `Sklep ${SHOP} nie potwierdził Twojego zamówienia ${order.reference} w wyznaczonym czasie, dlatego zostało ono odrzucone.`,
    );
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['ORDER_REFUSED']);
  });

  it('gives the carrier, tracking number and tracking link with the shipment; payment and tracking alone say nothing', async () => {
    const number = trackingNumber();
    const order = await shippedOrder(t, market, number);
    expect(await kindsOf(t, order.id)).toEqual(['ORDER_ACCEPTED', 'ORDER_SHIPPED']);

    const notification = await notificationOf(t, order.id, 'ORDER_SHIPPED');
    expect(notification.subject).toBe(`Zamówienie ${order.reference} zostało wysłane`);
    expect(notification.body).toBe(
      `Sklep ${SHOP} wysłał Twoje zamówienie ${order.reference}.\n\n` +
        `Przewoźnik: InPost\nNumer przesyłki: ${number}\nŚledzenie przesyłki: https://inpost.pl/sledzenie-przesylek?number=${number}`,
    );
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['ORDER_SHIPPED']);
  });

  it('tells the customer an order is ready for pickup', async () => {
    const order = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    await accept(order.id);
    asOrder((await t.gql(MarkReadyForPickupDocument, { input: { orderId: order.id } }, seller())).markReadyForPickup);

    const notification = await notificationOf(t, order.id, 'ORDER_READY_FOR_PICKUP');
    expect(notification.subject).toBe(`Zamówienie ${order.reference} czeka na odbiór`);
    expect(notification.body).toBe(`Twoje zamówienie ${order.reference} ze sklepu ${SHOP} jest gotowe do odbioru.`);
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['ORDER_READY_FOR_PICKUP']);
  });

  it('reports a delivery the carrier recorded and invites a rating, both with the delivery', async () => {
    const number = trackingNumber();
    const order = await shippedOrder(t, market, number);
    const input = { carrierCode: 'INPOST', trackingNumber: number };
    asOrder((await t.gql(RecordCarrierDeliveryDocument, { input })).recordCarrierDelivery);

    expect(await kindsOf(t, order.id)).toEqual(['ORDER_ACCEPTED', 'ORDER_SHIPPED', 'ORDER_DELIVERED', 'RATING_INVITATION']);
    const delivered = await notificationOf(t, order.id, 'ORDER_DELIVERED');
    expect(delivered.subject).toBe(`Zamówienie ${order.reference} zostało dostarczone`);
    expect(delivered.body).toBe(
      `Twoje zamówienie ${order.reference} ze sklepu ${SHOP} zostało dostarczone.\n\n` +
        'Jeśli coś jest nie tak, zgłoś problem lub zwrot w szczegółach zamówienia.',
    );
    const invitation = await notificationOf(t, order.id, 'RATING_INVITATION');
    expect(invitation.subject).toBe(`Oceń zamówienie ${order.reference} ze sklepu ${SHOP}`);
    expect(invitation.body).toBe(
      `Jak oceniasz zakupy w sklepie ${SHOP}? Wystaw ocenę zamówienia ${order.reference} w skali od 1 do 5 i dodaj komentarz.\n\n` +
        'Twoja opinia pomoże innym klientom w wyborze.',
    );
    expect(await eventsCommittedWith(t, delivered.id)).toEqual(['ORDER_DELIVERED']);
    expect(await eventsCommittedWith(t, invitation.id)).toEqual(['ORDER_DELIVERED']);
  });

  it('only invites a rating when the customer confirms the delivery themselves', async () => {
    const order = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    await accept(order.id);
    asOrder((await t.gql(MarkReadyForPickupDocument, { input: { orderId: order.id } }, seller())).markReadyForPickup);
    asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: order.id } }, market.keys.customer)).confirmDelivery);

    expect(await kindsOf(t, order.id)).toEqual(['ORDER_ACCEPTED', 'ORDER_READY_FOR_PICKUP', 'RATING_INVITATION']);
  });

  it("tells of a cancellation with the shop's reason", async () => {
    const order = await placeOrder(t, market);
    await accept(order.id);
    asOrder((await t.gql(CancelOrderDocument, { input: { orderId: order.id, reason: 'Uszkodzony egzemplarz' } }, seller())).cancelOrder);

    const notification = await notificationOf(t, order.id, 'ORDER_CANCELED');
    expect(notification.subject).toBe(`Zamówienie ${order.reference} zostało anulowane`);
    expect(notification.body).toBe(`Sklep ${SHOP} anulował Twoje zamówienie ${order.reference}.\n\nPowód: Uszkodzony egzemplarz`);
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['ORDER_CANCELED']);
  });

  it('names the canceled products when only part of the order is canceled', async () => {
    const order = await placeOrder(t, market, { paymentWorkflow: 'PAY_ON_DELIVERY' });
    await accept(order.id);
    const input = { orderId: order.id, reason: 'Brak w magazynie', lineIds: [order.lines[0].id] };
    asOrder((await t.gql(CancelOrderDocument, { input }, seller())).cancelOrder);

    const notification = await notificationOf(t, order.id, 'ORDER_CANCELED');
    expect(notification.subject).toBe(`Część zamówienia ${order.reference} została anulowana`);
    expect(notification.body).toBe(
      `Sklep ${SHOP} anulował część Twojego zamówienia ${order.reference}: Pan Tadeusz — wydanie ilustrowane.\n\nPowód: Brak w magazynie`,
    );
  });

  it('tells of an order canceled because the payment failed', async () => {
    const order = await placeOrder(t, market);
    await accept(order.id);
    asOrder(await pay(order.id, 'FAILED'));

    expect((await notificationOf(t, order.id, 'ORDER_CANCELED')).body).toBe(
      `Zamówienie ${order.reference} ze sklepu ${SHOP} zostało anulowane, ponieważ płatność się nie powiodła.`,
    );
  });

  it('tells of a refund with the refunded amount', async () => {
    const order = await shippedOrder(t, market, trackingNumber());
    const input = { orderId: order.id, reason: 'DAMAGED_PRODUCT' as const, lines: [{ lineId: order.lines[1].id }] };
    asOrder((await t.gql(RefundOrderDocument, { input }, seller())).refundOrder);

    const notification = await notificationOf(t, order.id, 'REFUND_ISSUED');
    expect(notification.subject).toBe(`Zwrot pieniędzy za zamówienie ${order.reference}`);
    expect(notification.body).toBe(`Sklep ${SHOP} zwrócił Ci 35,50 zł za zamówienie ${order.reference}.`);
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['ORDER_REFUNDED']);
  });
});

describe('message notifications', () => {
  it("tells the customer of the shop's messages, quoting them, and of none of their own or an operator's", async () => {
    const order = await placeOrder(t, market);
    await sendOk(t, market.keys.customer, { orderId: order.id, body: 'Czy mogę dopisać dedykację?' });
    await sendOk(t, market.keys.operator, { orderId: order.id, body: 'Przekazuję pytanie do sklepu.' });
    expect(await kindsOf(t, order.id)).toEqual([]);

    await sendOk(t, seller(), { orderId: order.id, body: 'Oczywiście, proszę podać treść.' });
    const notification = await notificationOf(t, order.id, 'NEW_MESSAGE');
    expect(notification.subject).toBe(`Nowa wiadomość od sklepu ${SHOP} w sprawie zamówienia ${order.reference}`);
    expect(notification.body).toBe(
      `Sklep ${SHOP} napisał do Ciebie w sprawie zamówienia ${order.reference}:\n\n` +
        'Oczywiście, proszę podać treść.\n\nMożesz odpowiedzieć w wątku zamówienia.',
    );
    expect(await eventsCommittedWith(t, notification.id)).toEqual(['MESSAGE_ADDED']);
  });

  it('quotes at most 500 characters of a long message', async () => {
    const order = await placeOrder(t, market);
    await sendOk(t, seller(), { orderId: order.id, body: 'a'.repeat(600) });
    const { body } = await notificationOf(t, order.id, 'NEW_MESSAGE');
    expect(body).toContain(`:\n\n${'a'.repeat(499)}…\n\n`);
  });
});

describe('language', () => {
  it('writes in English to a customer whose locale is EN', async () => {
    const english = await createCustomer(t, 'John Smith', 'john.smith@example.com', 'EN');
    const number = trackingNumber();
    const order = await shippedOrder(t, market, number, english.key);

    const [accepted, shipped] = await notificationsOf(t, order.id);
    expect(accepted).toMatchObject({
      kind: 'ORDER_ACCEPTED',
      locale: 'EN',
      subject: `Your order ${order.reference} has been accepted`,
      body: `${SHOP} has accepted your order ${order.reference}.\n\nWe will let you know when the parcel is on its way.`,
    });
    expect(shipped).toMatchObject({
      kind: 'ORDER_SHIPPED',
      locale: 'EN',
      subject: `Your order ${order.reference} has been shipped`,
      body:
        `${SHOP} has shipped your order ${order.reference}.\n\n` +
        `Carrier: InPost\nTracking number: ${number}\nTrack your parcel: https://inpost.pl/sledzenie-przesylek?number=${number}`,
    });
  });
});

describe('business errors', () => {
  it('write no notification', async () => {
    const order = await placeOrder(t, market);
    await accept(order.id);
    const before = await allNotificationsCount();

    const again = (await t.gql(AcceptOrderDocument, { input: { orderId: order.id } }, seller())).acceptOrder;
    expect(again.__typename).toBe('InvalidStateError');
    const unshippable = (await t.gql(ConfirmShipmentDocument, { input: { orderId: order.id } }, seller())).confirmShipment;
    expect(unshippable.__typename).toBe('InvalidStateError');
    const refusal = (await t.gql(RefuseOrderDocument, { input: { orderId: order.id } }, market.keys.otherSeller)).refuseOrder;
    expect(refusal.__typename).toBe('NotFoundError');

    expect(await allNotificationsCount()).toBe(before);
    expect(await kindsOf(t, order.id)).toEqual(['ORDER_ACCEPTED']);
  });

  it('stay in the outbox, unsent, when SMTP_URL is not set', async () => {
    const order = await placeOrder(t, market);
    await accept(order.id);
    expect(await t.app.notifications.sendDue()).toBe(0);
    expect((await notificationOf(t, order.id, 'ORDER_ACCEPTED')).sentAt).toBeNull();
  });
});

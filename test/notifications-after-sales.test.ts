import {
  NotifyAcceptReturnDocument,
  NotifyCloseIncidentDocument,
  NotifyMarkIncidentResolvedDocument,
  NotifyMarkReturnReceivedDocument,
  NotifyRefundReturnDocument,
  NotifyRejectReturnDocument,
  OrderFieldsFragment,
  QualityOpenIncidentDocument,
  QualityRequestReturnDocument,
  RecordCarrierDeliveryDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market } from './support/market';
import { sendOk } from './support/messages';
import { eventsCommittedWith, kindsOf, notificationsOf, shippedOrder } from './support/notifications';

const SHOP = 'Księgarnia Pod Sową';
const DELIVERED = ['ORDER_ACCEPTED', 'ORDER_SHIPPED', 'ORDER_DELIVERED', 'RATING_INVITATION'];

let t: TestApp;
let market: Market;
let parcel = 0;

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(() => t.close());

const seller = () => market.keys.seller;

/** Fails the test unless the step answered the entity (not an ErrorResult); returns its id when it has one. */
function ok(result: { __typename: string; id?: string }): string {
  if (!['Incident', 'Return', 'Rating'].includes(result.__typename)) throw new Error(`step refused: ${JSON.stringify(result)}`);
  return result.id ?? '';
}

async function receivedOrder(): Promise<OrderFieldsFragment> {
  const trackingNumber = `AFTER-${(parcel += 1)}`;
  const order = await shippedOrder(t, market, trackingNumber);
  asOrder((await t.gql(RecordCarrierDeliveryDocument, { input: { carrierCode: 'INPOST', trackingNumber } })).recordCarrierDelivery);
  return order;
}

/** The notifications added to the order since `before` kinds were listed. */
async function added(orderId: string, before: number) {
  return (await notificationsOf(t, orderId)).slice(before);
}

async function requestReturn(order: OrderFieldsFragment): Promise<string> {
  const input = { orderId: order.id, reason: 'WITHDRAWAL_NO_REASON' as const, lines: [{ lineId: order.lines[1].id, quantity: 1 }] };
  const { requestReturn: result } = await t.gql(QualityRequestReturnDocument, { input }, market.keys.customer);
  return ok(result);
}

describe('incident notifications', () => {
  it('tell the customer what the shop does with their incident, and nothing of their own steps', async () => {
    const order = await receivedOrder();
    const input = { orderId: order.id, reason: 'DEFECTIVE' as const, message: 'Brakuje kilku stron.' };
    const incidentId = ok((await t.gql(QualityOpenIncidentDocument, { input }, market.keys.customer)).openIncident);
    expect(await kindsOf(t, order.id)).toEqual(DELIVERED);

    await sendOk(t, seller(), { orderId: order.id, body: 'Wyślemy nowy egzemplarz.' });
    const [answered, message] = await added(order.id, DELIVERED.length);
    expect(message.kind).toBe('NEW_MESSAGE');
    expect(answered).toMatchObject({
      kind: 'INCIDENT_UPDATED',
      subject: `Zgłoszenie dotyczące zamówienia ${order.reference}: w toku`,
      body: `Sklep ${SHOP} zajmuje się Twoim zgłoszeniem dotyczącym zamówienia ${order.reference}.`,
    });
    expect(await eventsCommittedWith(t, answered.id)).toEqual(['MESSAGE_ADDED', 'INCIDENT_UPDATED']);

    const resolved = (await t.gql(NotifyMarkIncidentResolvedDocument, { input: { incidentId } }, seller())).markIncidentResolved;
    expect(resolved.__typename).toBe('Incident');
    const [resolution] = await added(order.id, DELIVERED.length + 2);
    expect(resolution).toMatchObject({
      kind: 'INCIDENT_UPDATED',
      subject: `Zgłoszenie dotyczące zamówienia ${order.reference}: rozwiązane`,
      body:
        `Sklep ${SHOP} oznaczył Twoje zgłoszenie dotyczące zamówienia ${order.reference} jako rozwiązane. ` +
        'Jeśli się z tym nie zgadzasz, możesz je zakwestionować w szczegółach zamówienia.',
    });

    const closed = (await t.gql(NotifyCloseIncidentDocument, { input: { incidentId } }, market.keys.customer)).closeIncident;
    expect(closed.__typename).toBe('Incident');
    expect(await kindsOf(t, order.id)).toEqual([...DELIVERED, 'INCIDENT_UPDATED', 'NEW_MESSAGE', 'INCIDENT_UPDATED']);
  });
});

describe('return notifications', () => {
  it("tell the customer each of the shop's steps, and the refund once, with its amount", async () => {
    const order = await receivedOrder();
    const returnId = await requestReturn(order);
    expect(await kindsOf(t, order.id)).toEqual(DELIVERED);

    expect((await t.gql(NotifyAcceptReturnDocument, { input: { returnId } }, seller())).acceptReturn.__typename).toBe('Return');
    expect((await t.gql(NotifyMarkReturnReceivedDocument, { input: { returnId } }, seller())).markReturnReceived.__typename).toBe('Return');
    expect((await t.gql(NotifyRefundReturnDocument, { input: { returnId } }, seller())).refundReturn.__typename).toBe('Return');

    const [accepted, received, refunded, ...rest] = await added(order.id, DELIVERED.length);
    expect(rest).toEqual([]);
    expect([accepted, received, refunded].map(({ kind, subject, body }) => ({ kind, subject, body }))).toEqual([
      {
        kind: 'RETURN_UPDATED',
        subject: `Zwrot z zamówienia ${order.reference}: zaakceptowany`,
        body:
          `Sklep ${SHOP} zaakceptował zwrot z zamówienia ${order.reference}. ` +
          'Odeślij produkty i podaj numer przesyłki zwrotnej w szczegółach zamówienia.',
      },
      {
        kind: 'RETURN_UPDATED',
        subject: `Zwrot z zamówienia ${order.reference}: produkty dotarły do sklepu`,
        body: `Sklep ${SHOP} otrzymał zwracane produkty z zamówienia ${order.reference}.`,
      },
      {
        kind: 'RETURN_UPDATED',
        subject: `Zwrot z zamówienia ${order.reference}: rozliczony`,
        body: `Sklep ${SHOP} rozliczył zwrot z zamówienia ${order.reference} i zwrócił Ci 35,50 zł.`,
      },
    ]);
    expect(await eventsCommittedWith(t, refunded.id)).toEqual(['ORDER_REFUNDED', 'RETURN_UPDATED']);
  });

  it("give the shop's reason for a rejection", async () => {
    const order = await receivedOrder();
    const returnId = await requestReturn(order);
    const input = { returnId, reason: 'NOT_RETURNABLE' as const };
    expect((await t.gql(NotifyRejectReturnDocument, { input }, seller())).rejectReturn.__typename).toBe('Return');

    const [rejected] = await added(order.id, DELIVERED.length);
    expect(rejected).toMatchObject({
      kind: 'RETURN_UPDATED',
      subject: `Zwrot z zamówienia ${order.reference}: odrzucony`,
      body: `Sklep ${SHOP} odrzucił zwrot z zamówienia ${order.reference}.\n\nPowód: tych produktów nie można zwrócić.`,
    });
    expect(await eventsCommittedWith(t, rejected.id)).toEqual(['RETURN_UPDATED']);
  });
});

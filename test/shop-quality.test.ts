import { clock } from '../src/common/clock';
import {
  AcceptOrderDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  MyShopQualityDocument,
  OrderShopQualityDocument,
  QualityCancelReturnDocument,
  QualityDecideRatingRemovalDocument,
  QualityFieldsFragment,
  QualityOpenIncidentDocument,
  QualityRateOrderDocument,
  QualityRequestRatingRemovalDocument,
  QualityRequestReturnDocument,
  RecordCarrierDeliveryDocument,
  RefuseOrderDocument,
  SetTrackingDocument,
  ShopQualityDefaultDocument,
  ShopQualityDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder } from './support/market';
import { sendOk } from './support/messages';

/**
 * A known data set, built through the API with the clock stopped at exact instants (all in
 * September 2026, no Polish holiday; leadTimeToShipDays 2, cash on delivery so acceptance starts
 * the shipping deadline). Figures are read on 7 October, 08:00 UTC.
 *
 * | order | placed        | decision                     | shipped             | after-sales                            |
 * | O1    | Mon 7, 08:00  | accepted 09:00 (3600 s)      | Tue 8 (on time)     | replies 7200 s; incident; rated 5      |
 * | O2    | Tue 8, 08:00  | accepted 11:00 (10800 s)     | Mon 14 (late)       | replies 14400 s; return; rated 2       |
 * | O3    | Wed 9, 08:00  | 1 line of 2 accepted (7200 s)|                     |                                        |
 * | O4    | Thu 10, 08:00 | refused 08:30 (1800 s)       |                     |                                        |
 * | O5    | Fri 11, 08:00 | refused by the timer (72 h)  |                     |                                        |
 * | O6    | Fri 11, 08:00:00.001 | still waiting         |                     |                                        |
 * | O7    | Mon 7, 09:00  | accepted 09:10 (600 s)       | Mon 7 (on time)     | return canceled; rated 1, then removed |
 * | old   | 29 June       | refused after 3600 s         |                     | replies 3600 s                         |
 * | other shop | Mon 7, 10:00 | accepted 10:10 (600 s)   |                     |                                        |
 */
const NOW = '2026-10-07T08:00:00.000Z';

let t: TestApp;
let market: Market;
let orderIds: Record<string, string>;

const at = (instant: string) => clock.freeze(new Date(instant));
const seller = () => market.keys.seller;
/** Fails the test unless the step answered its entity (not an ErrorResult); returns the entity's id when it has one. */
function ok(result: { __typename: string; id?: string }): string {
  if (!['Incident', 'Return', 'Rating'].includes(result.__typename)) throw new Error(`step refused: ${JSON.stringify(result)}`);
  return result.id ?? '';
}

async function place(instant: string, m: Market = market): Promise<{ id: string; lineIds: string[] }> {
  at(instant);
  const order = await placeOrder(t, m, { paymentWorkflow: 'PAY_ON_DELIVERY' });
  return { id: order.id, lineIds: order.lines.map((line) => line.id) };
}

async function accept(instant: string, orderId: string, secret = seller(), lines?: { lineId: string; accepted: boolean }[]) {
  at(instant);
  asOrder((await t.gql(AcceptOrderDocument, { input: { orderId, lines } }, secret)).acceptOrder);
}

async function ship(instant: string, orderId: string, trackingNumber: string) {
  at(instant);
  asOrder((await t.gql(SetTrackingDocument, { input: { orderId, carrierCode: 'INPOST', trackingNumber } }, seller())).setTracking);
  asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId } }, seller())).confirmShipment);
}

async function deliverByCarrier(instant: string, trackingNumber: string) {
  at(instant);
  asOrder((await t.gql(RecordCarrierDeliveryDocument, { input: { carrierCode: 'INPOST', trackingNumber } })).recordCarrierDelivery);
}

async function message(instant: string, secret: string, orderId: string, body: string) {
  at(instant);
  await sendOk(t, secret, { orderId, body });
}

async function rate(instant: string, orderId: string, grade: number): Promise<string> {
  at(instant);
  return ok((await t.gql(QualityRateOrderDocument, { input: { orderId, grade } }, market.keys.customer)).rateOrder);
}

async function buildDataSet() {
  const o1 = await place('2026-09-07T08:00:00.000Z');
  await accept('2026-09-07T09:00:00.000Z', o1.id);
  await message('2026-09-07T12:00:00.000Z', market.keys.customer, o1.id, 'Czy zdążycie przed piątkiem?');
  await message('2026-09-07T13:00:00.000Z', market.keys.customer, o1.id, 'To prezent.');
  await message('2026-09-07T14:00:00.000Z', seller(), o1.id, 'Tak, wysyłamy jutro.');
  await ship('2026-09-08T10:00:00.000Z', o1.id, 'Q-1');
  await deliverByCarrier('2026-09-09T10:00:00.000Z', 'Q-1');
  at('2026-09-10T10:00:00.000Z');
  const incident = { orderId: o1.id, reason: 'NOT_AS_DESCRIBED' as const, message: 'Okładka jest inna niż na zdjęciu.' };
  ok((await t.gql(QualityOpenIncidentDocument, { input: incident }, market.keys.customer)).openIncident);
  await rate('2026-09-11T10:00:00.000Z', o1.id, 5);

  const o2 = await place('2026-09-08T08:00:00.000Z');
  await accept('2026-09-08T11:00:00.000Z', o2.id);
  await message('2026-09-08T12:00:00.000Z', market.keys.customer, o2.id, 'Proszę o fakturę.');
  await message('2026-09-08T16:00:00.000Z', seller(), o2.id, 'Faktura w załączniku.');
  await message('2026-09-08T16:30:00.000Z', seller(), o2.id, 'Dziękujemy za zakupy!');
  await ship('2026-09-14T10:00:00.000Z', o2.id, 'Q-2');
  at('2026-09-15T10:00:00.000Z');
  asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId: o2.id } }, market.keys.customer)).confirmDelivery);
  at('2026-09-16T10:00:00.000Z');
  const returned = { orderId: o2.id, reason: 'WITHDRAWAL_NO_REASON' as const, lines: [{ lineId: o2.lineIds[1], quantity: 1 }] };
  ok((await t.gql(QualityRequestReturnDocument, { input: returned }, market.keys.customer)).requestReturn);
  await rate('2026-09-17T10:00:00.000Z', o2.id, 2);

  const o3 = await place('2026-09-09T08:00:00.000Z');
  await accept('2026-09-09T10:00:00.000Z', o3.id, seller(), [
    { lineId: o3.lineIds[0], accepted: true },
    { lineId: o3.lineIds[1], accepted: false },
  ]);

  const o4 = await place('2026-09-10T08:00:00.000Z');
  at('2026-09-10T08:30:00.000Z');
  asOrder((await t.gql(RefuseOrderDocument, { input: { orderId: o4.id } }, seller())).refuseOrder);

  const o5 = await place('2026-09-11T08:00:00.000Z');
  const o6 = await place('2026-09-11T08:00:00.001Z');
  at('2026-09-14T08:00:00.000Z');
  expect(await t.app.sweeper.sweep()).toBe(1);

  const o7 = await place('2026-09-07T09:00:00.000Z');
  await accept('2026-09-07T09:10:00.000Z', o7.id);
  await ship('2026-09-07T12:00:00.000Z', o7.id, 'Q-7');
  await deliverByCarrier('2026-09-08T12:00:00.000Z', 'Q-7');
  at('2026-09-09T12:00:00.000Z');
  const withdrawal = { orderId: o7.id, reason: 'WITHDRAWAL_NO_REASON' as const, lines: [{ lineId: o7.lineIds[0], quantity: 1 }] };
  const returnId = ok((await t.gql(QualityRequestReturnDocument, { input: withdrawal }, market.keys.customer)).requestReturn);
  ok((await t.gql(QualityCancelReturnDocument, { input: { returnId } }, market.keys.customer)).cancelReturn);
  const removed = await rate('2026-09-10T12:00:00.000Z', o7.id, 1);
  const removal = { ratingId: removed, ground: 'RULES_VIOLATION' as const, explanation: 'Wulgaryzmy w komentarzu.' };
  ok((await t.gql(QualityRequestRatingRemovalDocument, { input: removal }, seller())).requestRatingRemoval);
  ok((await t.gql(QualityDecideRatingRemovalDocument, { input: { ratingId: removed, remove: true } })).decideRatingRemoval);

  const old = await place('2026-06-29T08:00:00.000Z');
  await message('2026-06-29T08:10:00.000Z', market.keys.customer, old.id, 'Czy jest na stanie?');
  await message('2026-06-29T09:10:00.000Z', seller(), old.id, 'Niestety nie.');
  at('2026-06-29T09:00:00.000Z');
  asOrder((await t.gql(RefuseOrderDocument, { input: { orderId: old.id } }, seller())).refuseOrder);

  const other = await place('2026-09-07T10:00:00.000Z', { ...market, shop: market.otherShop });
  await accept('2026-09-07T10:10:00.000Z', other.id, market.keys.otherSeller);

  orderIds = { o1: o1.id, o5: o5.id, o6: o6.id, other: other.id };
}

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
  await buildDataSet();
  at(NOW);
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

async function quality(windowDays?: number): Promise<QualityFieldsFragment> {
  const { node } = await t.gql(ShopQualityDocument, { id: market.shop.id, windowDays });
  if (node?.__typename !== 'Shop') throw new Error('shop not found');
  return node.quality;
}

describe('Shop.quality on a known data set', () => {
  it('gives the exact figures of the default 90-day window', async () => {
    const { node } = await t.gql(ShopQualityDefaultDocument, { id: market.shop.id });
    expect(node?.__typename === 'Shop' && node.quality).toEqual({
      windowDays: 90,
      ordersCount: 7,
      acceptanceRate: 7 / 12,
      averageAcceptanceSeconds: (3600 + 10800 + 7200 + 1800 + 259200 + 600) / 6,
      lateShipmentRate: 1 / 3,
      incidentRate: 1 / 7,
      returnRate: 1 / 3,
      averageReplySeconds: (7200 + 14400) / 2,
      averageRating: (5 + 2) / 2,
    });
  });

  it('takes in older orders with a longer window', async () => {
    expect(await quality(365)).toEqual({
      windowDays: 365,
      ordersCount: 8,
      acceptanceRate: 7 / 14,
      averageAcceptanceSeconds: (3600 + 10800 + 7200 + 1800 + 259200 + 600 + 3600) / 7,
      lateShipmentRate: 1 / 3,
      incidentRate: 1 / 8,
      returnRate: 1 / 3,
      averageReplySeconds: (7200 + 14400 + 3600) / 3,
      averageRating: (5 + 2) / 2,
    });
  });

  it('leaves out an order placed exactly windowDays ago and counts one placed a millisecond later', async () => {
    expect(await quality(26)).toEqual({
      windowDays: 26,
      ordersCount: 1,
      acceptanceRate: null,
      averageAcceptanceSeconds: null,
      lateShipmentRate: null,
      incidentRate: 0,
      returnRate: null,
      averageReplySeconds: null,
      averageRating: null,
    });
    // A day longer takes in O5 (placed exactly 26 days before) but not O4 (exactly 27 days before).
    expect(await quality(27)).toMatchObject({ ordersCount: 2, acceptanceRate: 0, averageAcceptanceSeconds: 72 * 3600 });
  });

  it("counts only the shop's own orders", async () => {
    const { viewer } = await t.gql(MyShopQualityDocument, {}, market.keys.otherSeller);
    expect(viewer.shop!.quality).toMatchObject({ ordersCount: 1, acceptanceRate: 1, averageAcceptanceSeconds: 600, lateShipmentRate: null });
    const own = (await t.gql(MyShopQualityDocument, { windowDays: 90 }, seller())).viewer.shop!.quality;
    expect(own).toEqual(await quality(90));
  });

  it('accepts windowDays from 1 to 365 and answers BAD_REQUEST outside', async () => {
    expect((await quality(1)).windowDays).toBe(1);
    expect((await quality(365)).windowDays).toBe(365);
    for (const windowDays of [0, 366, -5]) {
      const response = await t.request(ShopQualityDocument, { id: market.shop.id, windowDays });
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
    }
  });

  it('is not shown to customers (FORBIDDEN)', async () => {
    const response = await t.request(OrderShopQualityDocument, { id: orderIds.o1 }, market.keys.customer);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

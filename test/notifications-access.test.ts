import { clock } from '../src/common/clock';
import { AcceptOrderDocument, NotificationNodeDocument, NotificationsDocument } from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { asOrder, createMarket, Market, placeOrder } from './support/market';
import { sendOk } from './support/messages';
import { notificationsOf } from './support/notifications';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(() => clock.reset());
afterAll(() => t.close());

describe('who sees notifications', () => {
  let own: Market;
  let orders: { mine: string; theirs: string };

  beforeAll(async () => {
    own = await createMarket(t);
    const mine = await placeOrder(t, own);
    const theirs = await placeOrder(t, own, {}, own.keys.otherCustomer);
    for (const id of [mine.id, theirs.id]) asOrder((await t.gql(AcceptOrderDocument, { input: { orderId: id } }, own.keys.seller)).acceptOrder);
    clock.advance(1_000); // newest first must not depend on two requests landing in different milliseconds
    await sendOk(t, own.keys.seller, { orderId: mine.id, body: 'Dziękujemy za zamówienie!' });
    orders = { mine: mine.id, theirs: theirs.id };
  });

  it('a customer lists only their own, newest first', async () => {
    const { notifications } = await t.gql(NotificationsDocument, { first: 10 }, own.keys.customer);
    expect(notifications.totalCount).toBe(2);
    expect(notifications.edges.map(({ node }) => [node.kind, node.order?.id])).toEqual([
      ['NEW_MESSAGE', orders.mine],
      ['ORDER_ACCEPTED', orders.mine],
    ]);
    const other = (await t.gql(NotificationsDocument, { first: 10 }, own.keys.otherCustomer)).notifications;
    expect(other.edges.map(({ node }) => [node.kind, node.order?.id])).toEqual([['ORDER_ACCEPTED', orders.theirs]]);
  });

  it('pages with cursors both ways; first or last outside 1..100 is BAD_REQUEST', async () => {
    const page1 = (await t.gql(NotificationsDocument, { first: 1 }, own.keys.customer)).notifications;
    expect(page1.edges.map(({ node }) => node.kind)).toEqual(['NEW_MESSAGE']);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = (await t.gql(NotificationsDocument, { first: 1, after: page1.pageInfo.endCursor }, own.keys.customer)).notifications;
    expect(page2.edges.map(({ node }) => node.kind)).toEqual(['ORDER_ACCEPTED']);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await t.gql(NotificationsDocument, { last: 1, before: page2.pageInfo.startCursor }, own.keys.customer)).notifications;
    expect(back.edges.map(({ node }) => node.kind)).toEqual(['NEW_MESSAGE']);

    for (const args of [{ first: 0 }, { first: 101 }, { last: 0 }]) {
      const response = await t.request(NotificationsDocument, args, own.keys.customer);
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
    }
  });

  it('a seller may not list them (FORBIDDEN) but sees those of its own orders only', async () => {
    const response = await t.request(NotificationsDocument, { first: 10 }, own.keys.seller);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await notificationsOf(t, orders.mine, own.keys.seller)).map((notification) => notification.kind)).toEqual([
      'ORDER_ACCEPTED',
      'NEW_MESSAGE',
    ]);
    expect(await notificationsOf(t, orders.mine, own.keys.customer)).toHaveLength(2);
    await expect(notificationsOf(t, orders.mine, own.keys.otherSeller)).rejects.toThrow('not visible');
    await expect(notificationsOf(t, orders.mine, own.keys.otherCustomer)).rejects.toThrow('not visible');
  });

  it('node(id) answers a notification to its customer, its seller and operators only', async () => {
    const [notification] = await notificationsOf(t, orders.mine);
    const asViewer = async (secret: string) => (await t.gql(NotificationNodeDocument, { id: notification.id }, secret)).node;
    const expected = { __typename: 'CustomerNotification', id: notification.id, kind: 'ORDER_ACCEPTED', order: { id: orders.mine } };
    expect(await asViewer(own.keys.customer)).toEqual(expected);
    expect(await asViewer(own.keys.seller)).toEqual(expected);
    expect(await asViewer(own.keys.operator)).toEqual(expected);
    expect(await asViewer(own.keys.otherCustomer)).toBeNull();
    expect(await asViewer(own.keys.otherSeller)).toBeNull();
  });

  it('an operator lists every customer’s', async () => {
    const { notifications } = await t.gql(NotificationsDocument, { first: 100 });
    const ids = notifications.edges.map(({ node }) => node.order?.id);
    expect(ids).toEqual(expect.arrayContaining([orders.mine, orders.theirs]));
    expect(notifications.totalCount).toBeGreaterThanOrEqual(3);
  });
});

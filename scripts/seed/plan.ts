import { AddressInput, OrderLineInput, OrderState, PaymentWorkflow } from '../../test/generated/graphql';
import { Draft, planAfterSales } from './after-sales';
import { CUSTOMER_NAMES, emailOf, PLACES, ShopSpec, SHOPS } from './catalog';
import { MINUTE, Random } from './random';
import { allocate, Story } from './stories';
import { Durations, Step, StoryBuilder } from './story-builder';

/**
 * What the seed will do, decided up front from the seed number: for each order a story (the state
 * it should end in and how it gets there), its after-sales side (after-sales.ts) and the instant of
 * every step. Steps of all orders are later run in time order, so the event log reads like sixty
 * days of real trading.
 */

export interface CustomerSpec {
  name: string;
  email: string;
  home: AddressInput;
}

export interface OrderPlan {
  seq: number;
  story: string;
  expected: OrderState;
  shop: number;
  customer: number;
  workflow: PaymentWorkflow;
  lines: OrderLineInput[];
  shippingPrice: string;
  address: AddressInput;
  steps: Step[];
}

/** The shop whose seller key the seed prints first: it has an order in every state (stories.ts has one story per end state at least). */
export const SHOWCASE_SHOP = 0;

export interface PlanOptions {
  orders: number;
  /** Real "now": every step happens before it. */
  now: number;
  /** How far back orders go. */
  windowMs: number;
  durations: Durations;
}

function phone(rng: Random): string {
  return `+48 ${rng.pick(['50', '51', '53', '57', '60', '66', '69', '72', '78', '79', '88'])}${rng.int(0, 9)} ${rng.int(100, 999)} ${rng.int(100, 999)}`;
}

function address(rng: Random, name: string): AddressInput {
  const place = rng.pick(PLACES);
  const flat = rng.chance(0.6) ? `/${rng.int(1, 60)}` : '';
  return { name, street: `${place.street} ${rng.int(1, 120)}${flat}`, postalCode: place.postalCode, city: place.city, countryCode: 'PL', phone: phone(rng) };
}

export function planCustomers(rng: Random): CustomerSpec[] {
  return CUSTOMER_NAMES.map((name) => ({ name, email: emailOf(name), home: address(rng, name) }));
}

function orderLines(rng: Random, shop: ShopSpec): OrderLineInput[] {
  const count = rng.weighted([1, 2, 3, 4], [50, 30, 15, 5]);
  const products = rng.shuffle([...shop.products.keys()]).slice(0, count);
  return products.map((index) => ({
    offerSku: `${shop.skuPrefix}-${String(index + 1).padStart(3, '0')}`,
    productTitle: shop.products[index].title,
    quantity: rng.weighted([1, 2, 3], [75, 20, 5]),
    unitPrice: shop.products[index].price,
  }));
}

/** Free delivery from 199 zł, as many shops do. */
function shippingPriceFor(shop: ShopSpec, lines: OrderLineInput[]): string {
  const subtotal = lines.reduce((sum, line) => sum + Number(line.unitPrice) * line.quantity, 0);
  return subtotal >= 199 ? '0.00' : shop.shippingPrice;
}

export function planOrders(options: PlanOptions, rng: Random, customers: CustomerSpec[]): OrderPlan[] {
  const trackingNumbers = new Set<string>();
  // A few loyal customers order much more often than the rest.
  const customerWeights = customers.map((_, i) => 1 / Math.sqrt(i + 1));
  // The first shop (the first seller key printed) gets the first order of every story, so it shows every state.
  const showcased = new Set<Story>();
  const drafts: Draft[] = rng.shuffle(allocate(options.orders)).map((story, seq) => {
    const shops = [...SHOPS.keys()].filter((i) => !(story.decided && SHOPS[i].autoAccept));
    const drawn = rng.pick(shops);
    const shop = showcased.has(story) ? drawn : (showcased.add(story), SHOWCASE_SHOP);
    const customer = rng.weighted([...customers.keys()], customerWeights);
    const prepaid = story.prepaid ?? rng.chance(0.65);
    const lines = orderLines(rng, SHOPS[shop]);
    const builder = new StoryBuilder(rng, options.durations, SHOPS[shop], lines.length, prepaid, trackingNumbers);
    story.build(builder, options.durations, rng);
    return { seq, story, expected: story.expected, shop, customer, lines, builder };
  });
  // Messages, incidents, returns and ratings join the stories before the orders are placed in time.
  planAfterSales(drafts, options.orders, rng, options.durations);
  return drafts.map(({ seq, story, expected, shop, customer, lines, builder, episode }) => {
    placeInTime(builder, options, rng);
    const name = customers[customer].name;
    return {
      seq,
      story: episode ? `${story.name}, ${episode}` : story.name,
      expected,
      shop,
      customer,
      workflow: builder.prepaid ? 'PAY_ON_ACCEPTANCE' : 'PAY_ON_DELIVERY',
      lines,
      shippingPrice: shippingPriceFor(SHOPS[shop], lines),
      address: rng.chance(0.85) ? customers[customer].home : address(rng, name),
      steps: builder.steps,
    };
  });
}

/** Chooses the placement instant: inside the window, early enough for every step, late enough to stay fresh. */
function placeInTime(builder: StoryBuilder, options: PlanOptions, rng: Random): void {
  const latest = options.now - builder.last - 2 * MINUTE;
  let earliest = options.now - options.windowMs;
  if (builder.fresh) earliest = Math.max(earliest, options.now - builder.fresh.within - builder.fresh.at);
  const placedAt = earliest >= latest ? latest : rng.between(earliest, latest);
  for (const step of builder.steps) step.at = Math.round(placedAt + step.at);
}

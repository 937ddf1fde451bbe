import { OrderState } from '../../test/generated/graphql';
import { CUSTOMER_CANCEL_REASON, REFUSAL_REASONS, SELLER_CANCEL_REASONS } from './catalog';
import { DAY, Random } from './random';
import { Durations, StoryBuilder } from './story-builder';

/**
 * The stories an order can live: the state it should end in and the steps that take it there.
 * Each keeps its order clear of deadlines it should not meet (`keepFresh`) and meets on purpose
 * the ones it should (`timer`).
 */

type Delivery = 'customer' | 'carrier' | 'pickup' | 'fallback';

export interface Story {
  name: string;
  weight: number;
  expected: OrderState;
  /** Needs a seller's decision, so never at an auto-accepting shop. */
  decided?: boolean;
  prepaid?: boolean;
  build(b: StoryBuilder, d: Durations, rng: Random): void;
}

/** Sets tracking of this kind and ships a few hours later; returns when it shipped. */
function ship(b: StoryBuilder, tracking: 'integrated' | 'other' | 'any'): number {
  b.track(tracking);
  return b.then('ship', b.hours(0.2, 6));
}

/** Ships (or hands over) an accepted, paid order and has it arrive; returns when it arrived. */
function deliver(b: StoryBuilder, d: Durations, how: Delivery): number {
  if (how === 'pickup') {
    if (b.shop.carriers.includes('INPOST') && b.chance(0.5)) b.track('integrated'); // a parcel locker
    b.then('pickup', b.hours(3, 40));
    return b.then('confirmDelivery', b.hours(10, 110));
  }
  // A carrier without integration sends no delivery report and nobody confirms: the sweeper's fallback marks it delivered.
  if (how === 'fallback') return b.timer('delivery-fallback', ship(b, 'other') + d.deliveryFallbackMs);
  ship(b, how === 'carrier' ? 'integrated' : 'any');
  if (how === 'carrier') return b.then('carrierDelivery', b.hours(18, 72));
  return b.then('confirmDelivery', Math.min(b.hours(20, 96), d.deliveryFallbackMs / 2));
}

function receivedStory(how: Delivery, name: string, weight: number): Story {
  return {
    name,
    weight,
    expected: 'RECEIVED',
    build(b, d, rng) {
      b.decide();
      b.pay();
      const arrived = deliver(b, d, how);
      if (rng.chance(0.25)) b.refundAfterDelivery();
      b.keepFresh(arrived, d.closeAfterMs * 0.9);
    },
  };
}

/** Where orders end up, and how. Weights are per 252 orders; `npm run seed` scales them to its count. */
const STORIES: readonly Story[] = [
  {
    name: 'awaiting acceptance', weight: 16, expected: 'WAITING_ACCEPTANCE', decided: true,
    build: (b, d) => b.keepFresh(0, d.acceptanceTimeoutMs * 0.6),
  },
  {
    name: 'awaiting payment', weight: 14, expected: 'WAITING_DEBIT_PAYMENT', prepaid: true,
    build(b, d) {
      b.decide();
      b.keepFresh(0, d.paymentTimeoutMs * 0.6);
    },
  },
  {
    name: 'to ship, no tracking yet', weight: 14, expected: 'SHIPPING',
    build(b) {
      b.decide();
      b.pay();
      b.keepFresh(b.last, 1.5 * DAY); // some are past their shipping deadline: the `overdue` filter has something to show
    },
  },
  {
    name: 'to ship, tracking set', weight: 14, expected: 'SHIPPING',
    build(b) {
      b.decide();
      b.pay();
      b.track('any');
      b.keepFresh(b.last, 1 * DAY);
    },
  },
  {
    name: 'shipped, integrated carrier', weight: 16, expected: 'SHIPPED',
    build(b, _d, rng) {
      b.decide();
      b.pay();
      const shipped = ship(b, 'integrated');
      if (b.prepaid && rng.chance(0.15)) {
        b.then('refund', b.hours(2, 20), { refund: { reason: 'LATE_SHIPPING', lines: [b.activeLines()[0]], share: 0.1 } });
      }
      b.keepFresh(shipped, 4 * DAY);
    },
  },
  {
    name: 'shipped, other carrier', weight: 8, expected: 'SHIPPED',
    build(b, d) {
      b.decide();
      b.pay();
      b.keepFresh(ship(b, 'other'), Math.min(d.deliveryFallbackMs * 0.8, 6 * DAY));
    },
  },
  {
    name: 'ready for pickup', weight: 12, expected: 'TO_COLLECT',
    build(b) {
      b.decide();
      b.pay();
      if (b.shop.carriers.includes('INPOST') && b.chance(0.5)) b.track('integrated');
      b.then('pickup', b.hours(3, 40));
      b.keepFresh(b.last, 5 * DAY);
    },
  },
  receivedStory('customer', 'received, confirmed by the customer', 22),
  receivedStory('carrier', 'received, reported by the carrier', 20),
  receivedStory('pickup', 'received, collected', 8),
  {
    name: 'received by the delivery fallback', weight: 6, expected: 'RECEIVED',
    build(b, d) {
      b.decide();
      b.pay();
      b.keepFresh(deliver(b, d, 'fallback'), d.closeAfterMs * 0.9);
    },
  },
  {
    name: 'closed', weight: 56, expected: 'CLOSED',
    build(b, d, rng) {
      b.decide();
      b.pay();
      const arrived = deliver(b, d, rng.weighted<Delivery>(['customer', 'carrier', 'pickup'], [5, 4, 2]));
      if (rng.chance(0.2)) b.refundAfterDelivery();
      b.timer('close', arrived + d.closeAfterMs);
    },
  },
  {
    name: 'closed after the delivery fallback', weight: 4, expected: 'CLOSED',
    build(b, d) {
      b.decide();
      b.pay();
      b.timer('close', deliver(b, d, 'fallback') + d.closeAfterMs);
    },
  },
  {
    // Every line refunded: the order is REFUNDED, and never closes.
    name: 'not collected, refunded', weight: 3, expected: 'REFUNDED', prepaid: true,
    build(b) {
      b.decide();
      b.pay();
      b.then('pickup', b.hours(3, 40));
      b.then('refund', b.hours(8 * 24, 12 * 24), { refund: { reason: 'NOT_COLLECTED', lines: 'all' } });
    },
  },
  {
    name: 'refused by the seller', weight: 10, expected: 'REFUSED', decided: true,
    build: (b, _d, rng) => b.then('refuse', b.hours(0.5, 30), { reason: rng.pick(REFUSAL_REASONS) }),
  },
  {
    name: 'refused by the acceptance timeout', weight: 6, expected: 'REFUSED', decided: true,
    build: (b, d) => b.timer('acceptance', d.acceptanceTimeoutMs),
  },
  {
    name: 'payment failed', weight: 6, expected: 'CANCELED', prepaid: true,
    build(b) {
      b.decide(false);
      b.then('payFail', Math.min(b.hours(0.1, 48), b.beforePaymentTimeout()));
    },
  },
  {
    name: 'payment timed out', weight: 6, expected: 'CANCELED', prepaid: true,
    build(b, d) {
      b.decide(false);
      b.timer('payment', d.paymentTimeoutMs);
    },
  },
  {
    name: 'canceled by the seller', weight: 5, expected: 'CANCELED',
    build(b, _d, rng) {
      b.decide(false); // prepaid: canceled while the payment is still pending
      const delay = Math.min(b.hours(1, 40), b.prepaid ? b.beforePaymentTimeout() : Infinity);
      b.then('cancel', delay, { reason: rng.pick(SELLER_CANCEL_REASONS) });
    },
  },
  {
    name: 'canceled after payment, refunded', weight: 6, expected: 'CANCELED', prepaid: true,
    build(b) {
      b.decide();
      b.pay();
      b.then('cancel', b.hours(1, 30), { reason: CUSTOMER_CANCEL_REASON });
      b.then('refund', b.hours(0.2, 20), { refund: { reason: 'CUSTOMER_CANCELLED_BEFORE_SHIPPING', lines: 'all' } });
    },
  },
];

/** How many orders each story gets: proportional to its weight (largest remainders), every story at least once when there is room. */
export function allocate(total: number): Story[] {
  const weights = STORIES.reduce((sum, story) => sum + story.weight, 0);
  const exact = STORIES.map((story) => (story.weight * total) / weights);
  const counts = exact.map(Math.floor);
  const byRemainder = [...exact.keys()].sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]));
  for (let k = 0; counts.reduce((sum, n) => sum + n, 0) < total; k += 1) counts[byRemainder[k]] += 1;
  if (total >= STORIES.length) {
    for (const [i, count] of counts.entries()) {
      if (count > 0) continue;
      counts[counts.indexOf(Math.max(...counts))] -= 1;
      counts[i] = 1;
    }
  }
  return STORIES.flatMap((story, i) => Array<Story>(counts[i]).fill(story));
}


import { ReturnReason, ReturnRejectionReason } from '../../../test/generated/graphql';
import { DAY } from '../random';
import { RETURN_COMMENTS, RETURN_REJECTIONS } from '../texts';
import { Context, Cursor } from './context';
import { refundedWhenEveryLineIs, Episode, nth, receivedAny, receivedOpen } from './episode';

/**
 * Returns in every status: the customer asks to send back some of a received order, and the shop
 * accepts (then receives the parcel and refunds) or rejects; some customers cancel.
 */

type ReturnEnd = 'REQUESTED' | 'ACCEPTED' | 'RECEIVED' | 'REFUNDED' | 'REJECTED' | 'CANCELED';

/** Return reasons in turn: most customers simply withdraw. */
const RETURN_REASONS: readonly ReturnReason[] = [
  'WITHDRAWAL_NO_REASON', 'DAMAGED_PRODUCT', 'WITHDRAWAL_NO_REASON', 'NOT_AS_DESCRIBED', 'WITHDRAWAL_NO_REASON', 'WRONG_ITEM', 'WITHDRAWAL_NO_REASON', 'OTHER',
];

/** Asks to send back one line (all or some of its units), sometimes the whole order. */
function requestReturnStep(c: Context, reason: ReturnReason): { cursor: Cursor; returned: Map<number, number> } {
  const active = c.b.activeLines();
  const returned = new Map<number, number>();
  const lines = c.rng.chance(0.2) ? active : [c.rng.pick(active)];
  for (const index of lines) {
    const quantity = c.draft.lines[index].quantity;
    returned.set(index, quantity > 1 && c.rng.chance(0.4) ? c.rng.int(1, quantity - 1) : quantity);
  }
  const windowMs = Math.max(14, c.shop.returnPolicyDays) * DAY;
  const cursor = new Cursor(c.b, c.t.arrived!);
  const requested = cursor.add('requestReturn', Math.min(c.hours(12, 200), windowMs * 0.7), {
    by: 'customer',
    returnPlan: {
      reason,
      comment: c.rng.chance(0.85) ? c.text(nth(RETURN_COMMENTS[reason], Math.floor(c.turn / 2))) : undefined,
      lines: [...returned].map(([index, quantity]) => ({ index, quantity })),
    },
  });
  c.draft.episodeFrom = requested.at;
  return { cursor, returned };
}

function sendBack(c: Context, cursor: Cursor): void {
  const carrier = c.rng.weighted(['INPOST', 'POCZTA_POLSKA', 'DPD'], [6, 2, 2]);
  cursor.add('returnTracking', c.hours(3, 40), { by: 'customer', carrier, trackingNumber: c.b.trackingNumber(carrier) });
}

/** Why the shop says no: a "wrong item" turns out not to be from this order; anything else came back used. */
function rejectionOf(c: Context, reason: ReturnReason): { rejection: ReturnRejectionReason; message: string } {
  if (reason === 'WRONG_ITEM') return { rejection: 'OTHER', message: RETURN_REJECTIONS.OTHER };
  const message = c.shop.category === 'książki' ? RETURN_REJECTIONS.NOT_RETURNABLE.książki : RETURN_REJECTIONS.NOT_RETURNABLE.default;
  return { rejection: 'NOT_RETURNABLE', message };
}

/** A return that ends in `end`: requested, then rejected, canceled, or accepted and on to received and refunded. */
function returnEpisode(end: ReturnEnd, weight: number, fits: Episode['fits']): Episode {
  return {
    name: `return ${end}`,
    weight,
    fits,
    build(c) {
      const reason = end === 'REJECTED' ? nth<ReturnReason>(['WITHDRAWAL_NO_REASON', 'WITHDRAWAL_NO_REASON', 'WRONG_ITEM'], c.turn) : nth(RETURN_REASONS, c.turn);
      const { cursor, returned } = requestReturnStep(c, reason);
      if (end === 'REQUESTED') {
        c.b.keepFreshAlso(cursor.at, c.rng.between(0.2, 1.6) * DAY);
        return true;
      }
      if (end === 'REJECTED') {
        const { rejection, message } = rejectionOf(c, reason);
        cursor.add('rejectReturn', c.hours(2, 30), { by: 'seller', rejection, body: message });
        return true;
      }
      if (end === 'CANCELED') {
        if (c.rng.chance(0.5)) cursor.add('acceptReturn', c.hours(2, 26), { by: 'seller' });
        cursor.add('cancelReturn', c.hours(2, 48), { by: 'customer' });
        return true;
      }
      cursor.add('acceptReturn', c.hours(2, 26), { by: 'seller' });
      // Most send the parcel back with tracking; some hand it over in person (REFUNDED only).
      if (end !== 'REFUNDED' || c.rng.chance(0.75)) sendBack(c, cursor);
      if (end === 'ACCEPTED') {
        c.b.keepFreshAlso(cursor.at, 3 * DAY);
        return true;
      }
      cursor.add('returnReceived', c.hours(24, 72), { by: 'seller' });
      if (end === 'RECEIVED') {
        c.b.keepFreshAlso(cursor.at, 1.5 * DAY);
        return true;
      }
      cursor.add('refundReturn', c.hours(1, 48), { by: 'seller' });
      const whole = new Set([...returned].filter(([index, quantity]) => quantity === c.draft.lines[index].quantity).map(([index]) => index));
      refundedWhenEveryLineIs(c, whole);
      return true;
    },
  };
}

/** Open returns only on orders that stay open; ended ones on any received order. */
export const RETURNS: readonly Episode[] = [
  returnEpisode('REQUESTED', 4, receivedOpen),
  returnEpisode('ACCEPTED', 4, receivedOpen),
  returnEpisode('RECEIVED', 3, receivedOpen),
  returnEpisode('REFUNDED', 8, receivedAny),
  returnEpisode('REJECTED', 3, receivedAny),
  returnEpisode('CANCELED', 3, receivedAny),
];

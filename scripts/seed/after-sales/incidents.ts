import { IncidentReason, RefundReason } from '../../../test/generated/graphql';
import { DAY } from '../random';
import { COMPLAINTS, DEFECTS, INCIDENT_ANSWERS, INCIDENT_CLOSINGS, INCIDENT_FOLLOW_UPS, RESOLUTIONS } from '../texts';
import { Context, Cursor } from './context';
import { Draft, Timeline } from './draft';
import { refundedWhenEveryLineIs, Episode, nth, receivedAny, receivedOpen, shippedOpen } from './episode';
import { noReplyNeeded } from './messages';

/**
 * Incidents (complaints) in every status: the customer complains, the shop answers in the order's
 * thread, and the incident ends where its episode says — still new, resolved, disputed, closed by
 * the customer, the sweeper or the operator, settled by a refund, or withdrawn.
 */

type IncidentEnd = 'NEW' | 'IN_PROGRESS' | 'RESOLVED' | 'DISPUTED' | 'CLOSED_BY_CUSTOMER' | 'CLOSED_BY_SWEEPER' | 'CLOSED_BY_OPERATOR' | 'SETTLED_BY_REFUND' | 'WITHDRAWN';

/** Complaint reasons in turn: defects most often. */
const TRANSIT_REASONS: readonly IncidentReason[] = ['LATE_DELIVERY', 'NOT_RECEIVED'];
const RECEIVED_REASONS: readonly IncidentReason[] = ['DEFECTIVE', 'NOT_AS_DESCRIBED', 'DEFECTIVE', 'INCOMPLETE', 'DEFECTIVE', 'OTHER'];

/** Opens the complaint: on a shipped order about the parcel, on a received one about one line. */
function openComplaint(c: Context, transit: boolean): { cursor: Cursor; reason: IncidentReason; line: number } {
  const active = c.b.activeLines();
  const line = c.rng.pick(active);
  const reasons = transit ? TRANSIT_REASONS : RECEIVED_REASONS;
  const reason = nth(reasons, c.turn);
  // The same reason comes back every reasons.length turns, with the next of its texts.
  const template = reason === 'DEFECTIVE' ? DEFECTS[c.shop.category] : nth(COMPLAINTS[reason], Math.floor(c.turn / reasons.length));
  const cursor = new Cursor(c.b, transit ? c.t.shipped! : c.t.arrived!);
  const opened = cursor.add('openIncident', transit ? c.hours(30, 60) : c.hours(3, 72), {
    by: 'customer',
    incidentReason: reason,
    lines: transit ? active : [line],
    body: c.text(template, line),
  });
  c.draft.episodeFrom = opened.at;
  return { cursor, reason, line };
}

/**
 * An incident that ends in `end`. The statuses lie along one path (opened, answered, resolved,
 * disputed, closed by the operator) with side exits (withdrawn, settled by a refund, closed by the
 * customer or the sweeper): each case returns where its status is reached.
 */
function incident(end: IncidentEnd, weight: number, fits: Episode['fits']): Episode {
  return {
    name: `incident ${end}`,
    weight,
    fits,
    build(c) {
      const transit = c.draft.expected === 'SHIPPED';
      const { cursor, reason, line } = openComplaint(c, transit);
      const opened = cursor.at;
      const closeAfter = c.d.incidentCloseAfterMs;
      if (end === 'NEW') {
        // Some wait longer than a business day: overdue for their first answer.
        c.b.keepFreshAlso(opened, c.rng.between(0.2, 2) * DAY);
        return true;
      }
      cursor.add('message', c.hours(0.5, 16), { by: 'seller', body: transit ? INCIDENT_ANSWERS.transit : INCIDENT_ANSWERS.received });
      if (end === 'IN_PROGRESS') {
        if (c.rng.chance(0.5)) cursor.add('message', c.hours(1, 20), { by: 'customer', body: c.text(transit ? INCIDENT_FOLLOW_UPS.transit : INCIDENT_FOLLOW_UPS.received) });
        c.b.keepFreshAlso(cursor.at, 3 * DAY);
        return true;
      }
      if (end === 'WITHDRAWN') {
        cursor.add('closeIncident', c.hours(6, 36), { by: 'customer', body: INCIDENT_CLOSINGS.withdrawn });
        noReplyNeeded(c, cursor);
        return true;
      }
      if (end === 'SETTLED_BY_REFUND') {
        const refundReason: RefundReason = reason === 'DEFECTIVE' ? 'DAMAGED_PRODUCT' : 'NOT_AS_DESCRIBED';
        cursor.add('refund', c.hours(2, 30), { refund: { reason: refundReason, lines: [line] }, settlesIncident: true });
        cursor.add('message', c.hours(0.05, 0.5), { by: 'seller', body: INCIDENT_CLOSINGS.refund });
        refundedWhenEveryLineIs(c, new Set([line]));
        return true;
      }
      const resolved = cursor.add('resolveIncident', c.hours(12, 72), { by: 'seller', body: RESOLUTIONS[reason] }).at;
      if (end === 'RESOLVED') {
        c.b.keepFreshAlso(resolved, closeAfter * 0.6);
        return true;
      }
      if (end === 'CLOSED_BY_SWEEPER') {
        c.b.insert('sweep', resolved + closeAfter + c.rng.between(5_000, 90_000), { timer: 'incident-close' });
        return true;
      }
      if (end === 'CLOSED_BY_CUSTOMER') {
        cursor.add('closeIncident', Math.min(c.hours(4, 60), closeAfter * 0.6), { by: 'customer', body: INCIDENT_CLOSINGS.accepted });
        noReplyNeeded(c, cursor);
        return true;
      }
      cursor.add('disputeIncident', Math.min(c.hours(6, 60), closeAfter * 0.6), { by: 'customer', body: INCIDENT_CLOSINGS.disputed });
      if (end === 'DISPUTED') {
        c.b.keepFreshAlso(cursor.at, 3 * DAY);
        return true;
      }
      cursor.add('closeIncident', c.hours(20, 72), { by: 'operator', body: INCIDENT_CLOSINGS.operator });
      noReplyNeeded(c, cursor);
      return true;
    },
  };
}

const openAnywhere = (draft: Draft, t: Timeline) => receivedOpen(draft, t) || shippedOpen(draft, t);

/** Open incidents only on orders that stay open (none may sit on an order due to close); ended ones on any received order. */
export const INCIDENTS: readonly Episode[] = [
  incident('NEW', 4, openAnywhere),
  incident('IN_PROGRESS', 4, openAnywhere),
  incident('RESOLVED', 3, receivedOpen),
  incident('DISPUTED', 2, receivedOpen),
  incident('CLOSED_BY_CUSTOMER', 4, receivedAny),
  incident('CLOSED_BY_SWEEPER', 4, receivedAny),
  incident('CLOSED_BY_OPERATOR', 2, receivedAny),
  incident('SETTLED_BY_REFUND', 3, receivedAny),
  incident('WITHDRAWN', 2, shippedOpen),
];

import { registerEnumType } from 'type-graphql';
import { StatusGraph } from '../common/step-machine';

/**
 * An incident's status and the single transition table every change is checked against. Which
 * step may take which edge, and who may take it, is in incident.machine.ts.
 */
export enum IncidentStatus {
  NEW = 'NEW',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  DISPUTED = 'DISPUTED',
  CLOSED = 'CLOSED',
}
registerEnumType(IncidentStatus, {
  name: 'IncidentStatus',
  valuesConfig: {
    NEW: { description: 'Opened, the shop has not answered yet.' },
    IN_PROGRESS: { description: "The shop has answered in the order's thread." },
    RESOLVED: { description: 'The shop marked it resolved; waiting for the customer.' },
    DISPUTED: { description: 'The customer contests the resolution; the operator decides.' },
  },
});

export enum IncidentReason {
  NOT_RECEIVED = 'NOT_RECEIVED',
  LATE_DELIVERY = 'LATE_DELIVERY',
  DEFECTIVE = 'DEFECTIVE',
  NOT_AS_DESCRIBED = 'NOT_AS_DESCRIBED',
  INCOMPLETE = 'INCOMPLETE',
  OTHER = 'OTHER',
  NOT_SHIPPED_ON_TIME = 'NOT_SHIPPED_ON_TIME',
}
registerEnumType(IncidentReason, {
  name: 'IncidentReason',
  valuesConfig: { NOT_SHIPPED_ON_TIME: { description: 'Paid lines still SHIPPING after their shippingDeadline.' } },
});

/** How an incident was settled; decides whether it counts against the shop (`countsForQuality`). */
export enum IncidentResolution {
  REFUNDED = 'REFUNDED',
  REPLACED = 'REPLACED',
  REPAIRED = 'REPAIRED',
  CARRIER_FAULT = 'CARRIER_FAULT',
  CUSTOMER_ERROR = 'CUSTOMER_ERROR',
  OTHER = 'OTHER',
}
registerEnumType(IncidentResolution, {
  name: 'IncidentResolution',
  description: 'How an incident was settled; decides whether it counts against the shop.',
  valuesConfig: {
    REFUNDED: { description: 'The customer got money back (also set when a refund closes the incident).' },
    CARRIER_FAULT: { description: 'The carrier lost or damaged the parcel: does not count against the shop.' },
    CUSTOMER_ERROR: { description: 'The customer was mistaken: does not count against the shop.' },
  },
});

/** Resolutions that are not the shop's doing, so they do not count in ShopQuality.incidentRate. */
export const NOT_THE_SHOPS_FAULT: readonly IncidentResolution[] = [IncidentResolution.CARRIER_FAULT, IncidentResolution.CUSTOMER_ERROR];

const S = IncidentStatus;

/**
 * Which status may follow which. NEW -> RESOLVED is allowed: a shop may settle a complaint at once
 * (resolving counts as its first answer). Every open status may close: the customer withdraws, the
 * operator decides a dispute, or a refund settles it. CLOSED is terminal.
 */
export const INCIDENT_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  [S.NEW]: [S.IN_PROGRESS, S.RESOLVED, S.CLOSED],
  [S.IN_PROGRESS]: [S.RESOLVED, S.CLOSED],
  [S.RESOLVED]: [S.DISPUTED, S.CLOSED],
  [S.DISPUTED]: [S.CLOSED],
  [S.CLOSED]: [],
};

export const INCIDENT_STATUS: StatusGraph<IncidentStatus> = { name: 'Incident', moves: INCIDENT_TRANSITIONS, initial: [S.NEW] };

/** Every status but CLOSED: the incident still blocks the shop's payout. */
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = [S.NEW, S.IN_PROGRESS, S.RESOLVED, S.DISPUTED];

/** What a viewer may be offered on an incident (`Incident.availableActions`). */
export enum IncidentAction {
  RESOLVE = 'RESOLVE',
  CLOSE = 'CLOSE',
  DISPUTE = 'DISPUTE',
}
registerEnumType(IncidentAction, { name: 'IncidentAction' });

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
}
registerEnumType(IncidentReason, { name: 'IncidentReason' });

const S = IncidentStatus;

/**
 * Which status may follow which. NEW -> RESOLVED is allowed: a shop may settle a complaint at once
 * (resolving counts as its first answer). Every open status may close: the customer withdraws, the
 * operator decides a dispute, or a full refund settles it. CLOSED is terminal.
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

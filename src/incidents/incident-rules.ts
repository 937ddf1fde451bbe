import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { AlreadyExistsError, ErrorResult, InvalidStateError } from '../common/errors';
import { OrderAction } from '../orders/order-actions';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { OrderLineState } from '../orders/order-state';
import { Incident } from './incident.entity';
import { IncidentStatus, OPEN_INCIDENT_STATUSES } from './incident-state';

/** Steps that change an incident: the viewers' mutations plus what the thread, timers and refunds do. */
export type IncidentStep = 'SHOP_ANSWER' | 'RESOLVE' | 'CLOSE' | 'DISPUTE' | 'AUTO_CLOSE' | 'REFUND_CLOSE';

/** A guard returns why a step may not run now, or nothing. */
type Guard = (incident: Incident, viewer: Viewer | null, now: Date) => ErrorResult | undefined;

interface StepRule {
  /** Who may take the step; empty for steps only the system takes. */
  roles: readonly Role[];
  from: readonly IncidentStatus[];
  to: IncidentStatus;
  guards?: readonly Guard[];
}

const S = IncidentStatus;

/** The customer contested the shop's resolution: only the operator may settle it now. */
const operatorDecidesDispute: Guard = (incident, viewer) =>
  incident.status === S.DISPUTED && viewer?.role !== Role.OPERATOR
    ? new InvalidStateError(incident.status, 'A disputed incident is closed by the operator')
    : undefined;

/** Re-checked under the lock: the customer may have disputed or closed it since it was picked. */
const autoCloseDue: Guard = (incident, _viewer, now) =>
  incident.autoCloseAt && incident.autoCloseAt <= now ? undefined : new InvalidStateError(incident.status, 'The incident is not due to close');

export const INCIDENT_STEPS: Record<IncidentStep, StepRule> = {
  // The shop's first message in the order's thread (src/messages hook), never a mutation of its own.
  SHOP_ANSWER: { roles: [Role.SELLER], from: [S.NEW], to: S.IN_PROGRESS },
  RESOLVE: { roles: [Role.SELLER, Role.OPERATOR], from: [S.NEW, S.IN_PROGRESS], to: S.RESOLVED },
  CLOSE: { roles: [Role.CUSTOMER, Role.OPERATOR], from: OPEN_INCIDENT_STATUSES, to: S.CLOSED, guards: [operatorDecidesDispute] },
  DISPUTE: { roles: [Role.CUSTOMER, Role.OPERATOR], from: [S.RESOLVED], to: S.DISPUTED },
  AUTO_CLOSE: { roles: [], from: [S.RESOLVED], to: S.CLOSED, guards: [autoCloseDue] },
  // A refund of a line's full value settles its incident, whatever its status.
  REFUND_CLOSE: { roles: [], from: OPEN_INCIDENT_STATUSES, to: S.CLOSED },
};

/** Why `step` may not run on `incident` now (wrong status first, then the guards), or nothing. */
export function checkIncidentStep(step: IncidentStep, incident: Incident, viewer: Viewer | null, now: Date): ErrorResult | undefined {
  if (!INCIDENT_STEPS[step].from.includes(incident.status)) {
    return new InvalidStateError(incident.status, `This action is not possible while the incident is ${incident.status}`);
  }
  for (const guard of INCIDENT_STEPS[step].guards ?? []) {
    const reason = guard(incident, viewer, now);
    if (reason) return reason;
  }
  return undefined;
}

export function mayTakeIncidentStep(step: IncidentStep, viewer: Viewer): boolean {
  return INCIDENT_STEPS[step].roles.includes(viewer.role);
}

/** The line states an incident can be opened on: the goods are on their way or arrived. */
export const INCIDENT_LINE_STATES: readonly OrderLineState[] = [OrderLineState.SHIPPED, OrderLineState.TO_COLLECT, OrderLineState.RECEIVED];
export const OPEN_INCIDENT_ROLES: readonly Role[] = [Role.CUSTOMER, Role.OPERATOR];

export function incidentLines(order: Order): OrderLine[] {
  return order.lines.getItems().filter((line) => INCIDENT_LINE_STATES.includes(line.state));
}

/**
 * Why no incident can be opened on the order now, or nothing: openIncident checks it (without
 * lineIds) and `availableActions` offers OPEN_INCIDENT from it. When every such line already has
 * its incident the answer is AlreadyExistsError (one open incident per line).
 */
export function checkOpenable(order: Order): ErrorResult | undefined {
  if (incidentLines(order).length > 0) return undefined;
  if (order.lines.getItems().some((line) => line.state === OrderLineState.INCIDENT_OPEN)) {
    return new AlreadyExistsError('Every line that can carry an incident already has an open one');
  }
  return new InvalidStateError(order.state, `An incident cannot be opened while the order is ${order.state}`);
}

/** OPEN_INCIDENT for `orderHooks.availableActions`: the same role list and guard as the mutation. */
export function incidentActions(order: Order, viewer: Viewer): OrderAction[] {
  return OPEN_INCIDENT_ROLES.includes(viewer.role) && !checkOpenable(order) ? [OrderAction.OPEN_INCIDENT] : [];
}

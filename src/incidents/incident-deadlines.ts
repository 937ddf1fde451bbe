import { addBusinessDays } from '../common/business-days';
import { Incident } from './incident.entity';
import { IncidentStatus } from './incident.status';

/**
 * The incident's clocks. Due dates count Polish business days from the opening, same time of day
 * in Warsaw (contract: "24 business hours" = 1 business day). `overdue` is true while a due date has
 * passed without its step; a CLOSED incident waits for nothing, so it is never overdue.
 */
export function dueDates(openedAt: Date): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  return { firstResponseDueAt: addBusinessDays(openedAt, 1), resolutionDueAt: addBusinessDays(openedAt, 7) };
}

export function isOverdue(incident: Incident, now: Date): boolean {
  if (incident.status === IncidentStatus.CLOSED) return false;
  return (!incident.firstResponseAt && incident.firstResponseDueAt <= now) || (!incident.resolvedAt && incident.resolutionDueAt <= now);
}

/** `isOverdue` in SQL over the `incident` table aliased `i`; bind `now` twice. */
export const OVERDUE_SQL =
  `(i.status <> 'CLOSED' and ((i.first_response_at is null and i.first_response_due_at <= ?)` +
  ` or (i.resolved_at is null and i.resolution_due_at <= ?)))`;

/** A RESOLVED incident the customer leaves alone closes after INCIDENT_CLOSE_AFTER. */
export function autoCloseAt(from: Date, incidentCloseAfterMs: number): Date {
  return new Date(from.getTime() + incidentCloseAfterMs);
}

import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { Config } from '../config';
import { Tx } from '../common/transaction';
import { checkText } from '../common/validation';
import { MAX_MESSAGE_LENGTH, ThreadSide } from '../messages/message-access';
import { Message } from '../messages/message.entity';
import { MessageThread } from '../messages/message-thread.entity';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { autoCloseAt, resumeDeliveryFallback } from './incident-deadlines';
import { Incident } from './incident.entity';
import { IncidentActionInput } from './incident.inputs';
import { checkIncidentStep, IncidentStep } from './incident-rules';
import { IncidentStatus, OPEN_INCIDENT_STATUSES } from './incident-state';
import { changeIncident, IncidentCommand, IncidentOutcome, runIncidentCommand, settleIncident } from './incident-workflow';

/** The viewers' incident steps. Each is a thin wrapper around runIncidentCommand. */
export interface IncidentDeps {
  em: EntityManager;
  viewer: Viewer;
  config: Pick<Config, 'incidentCloseAfterMs'>;
}

function fromInput(step: IncidentStep, viewer: Viewer, input: IncidentActionInput): IncidentCommand {
  return {
    step,
    viewer,
    incidentId: input.incidentId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    invalid: checkText(['input', 'message'], input.message, MAX_MESSAGE_LENGTH, true),
    message: input.message,
  };
}

/** The shop says the complaint is settled; the customer has INCIDENT_CLOSE_AFTER to close or dispute it. */
export function markIncidentResolved({ em, viewer, config }: IncidentDeps, input: IncidentActionInput): Promise<IncidentOutcome> {
  return runIncidentCommand(em, {
    ...fromInput('RESOLVE', viewer, input),
    apply(incident, _order, tx) {
      incident.autoCloseAt = autoCloseAt(tx.now, config.incidentCloseAfterMs);
    },
  });
}

/** The customer withdraws or accepts the resolution; the operator settles a dispute. The lines go back. */
export function closeIncident({ em, viewer }: IncidentDeps, input: IncidentActionInput): Promise<IncidentOutcome> {
  return runIncidentCommand(em, fromInput('CLOSE', viewer, input));
}

/** The customer contests the shop's resolution; the operator decides from here. */
export function disputeIncident({ em, viewer }: IncidentDeps, input: IncidentActionInput): Promise<IncidentOutcome> {
  return runIncidentCommand(em, fromInput('DISPUTE', viewer, input));
}

/**
 * messageHooks.posted: the shop's first message in the order's thread after an incident opened is
 * its answer to every NEW incident of the order (the thread is the order's, not the incident's).
 * The caller holds the order's and the thread's locks; other sides' messages change nothing.
 */
export async function onThreadMessage(tx: Tx, thread: MessageThread, _message: Message, side: ThreadSide): Promise<void> {
  if (side !== 'SHOP' || !thread.order) return;
  const waiting = await tx.em.find(
    Incident,
    { order: thread.order, status: IncidentStatus.NEW },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { openedAt: 'asc', uuid: 'asc' } },
  );
  for (const incident of waiting) changeIncident(tx, incident, 'SHOP_ANSWER');
}

/**
 * orderHooks.linesFullyRefunded: a refund of a line's full value closes the open incident holding
 * it (the shop settled the complaint with money). The refunded line stays REFUNDED; the incident's
 * other lines return to their state before it. The refund's own commit touches the order.
 */
export async function closeRefundedIncidents(tx: Tx, order: Order, refunded: readonly OrderLine[]): Promise<void> {
  await tx.em.flush(); // the refunded lines' new state is in the database before anything is read back
  const open = await tx.em.find(
    Incident,
    { order, status: { $in: [...OPEN_INCIDENT_STATUSES] } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { openedAt: 'asc', uuid: 'asc' } },
  );
  await tx.em.populate(open, ['lines']);
  for (const incident of open) {
    const settled = incident.lines.getItems().filter((line) => refunded.includes(line));
    if (settled.length === 0 || checkIncidentStep('REFUND_CLOSE', incident, null, tx.now)) continue;
    resumeDeliveryFallback(incident, order, settleIncident(incident), tx.now);
    changeIncident(tx, incident, 'REFUND_CLOSE', { refundedLineIds: settled.map((line) => line.id) });
  }
}

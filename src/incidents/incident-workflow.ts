import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { actorOf, ActorRef, idempotencyScope, SYSTEM_ACTOR, Viewer } from '../auth/viewer';
import { apiError, ErrorResult, NotFoundError, ValidationError, VersionConflictError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { Tx } from '../common/transaction';
import { appendMessage } from '../messages/message.service';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { OrderLineState } from '../orders/order-state';
import { lockOrder, moveLines, touchOrder } from '../orders/order-workflow';
import { resumeDeliveryFallback } from './incident-deadlines';
import { Incident } from './incident.entity';
import { checkIncidentStep, INCIDENT_STEPS, IncidentStep, mayTakeIncidentStep } from './incident-rules';
import { canTransitionIncident, IncidentStatus } from './incident-state';

export type IncidentOutcome = Incident | ErrorResult;

/** What a step adds to its event. */
export interface IncidentEffect {
  data?: Record<string, unknown>;
}

export interface IncidentCommand {
  step: IncidentStep;
  /** null when the system acts (the sweeper). */
  viewer: Viewer | null;
  /** The incident as the client named it (a malformed id is a ValidationError on input.incidentId)... */
  incidentId?: string;
  /** ...or as the server found it (the sweeper). */
  incidentUuid?: string;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  /** The mutation's input, fingerprinted with the key; the sweeper, which passes no key, leaves it out. */
  input?: object;
  /** For the sweeper: skip an incident another instance holds instead of waiting for it. */
  skipLocked?: boolean;
  /** Input problems found before anything is loaded. */
  invalid?: ValidationError;
  /** A note for the order's thread, posted in the same transaction after the change (already checked). */
  message?: string | null;
  /** Sets what the step sets besides the status, or says why it cannot. */
  apply?(incident: Incident, order: Order, tx: Tx): IncidentEffect | ErrorResult | void;
}

/** Narrows what a viewer may load: a seller its shop's incidents, a customer their own. */
export function incidentScope(viewer: Viewer | null): Record<string, string> {
  if (!viewer || viewer.role === Role.OPERATOR) return {};
  if (viewer.role === Role.SELLER) return { shopUuid: viewer.shopUuid! };
  return { customerUuid: viewer.customerUuid! };
}

/**
 * The one way an existing incident changes: idempotency replay -> load and lock (scoped to the
 * viewer) -> version check -> transition table and guards -> apply -> status, version and event
 * -> the order's lines when it closes -> the optional note -> commit.
 */
export async function runIncidentCommand(em: EntityManager, command: IncidentCommand): Promise<IncidentOutcome> {
  const { viewer } = command;
  if (viewer && !mayTakeIncidentStep(command.step, viewer)) throw apiError('FORBIDDEN', `This action is not available to the ${viewer.role} role`);
  const actor: ActorRef = viewer ? actorOf(viewer) : SYSTEM_ACTOR;
  const idempotency = { scope: viewer ? idempotencyScope(viewer) : 'system', key: command.idempotencyKey, operation: `INCIDENT_${command.step}`, input: command.input };
  return runIdempotent(em, actor, idempotency, Incident, (tx) => execute(tx, command));
}

async function execute(tx: Tx, command: IncidentCommand): Promise<IncidentOutcome> {
  const uuid = command.incidentId === undefined ? command.incidentUuid : localIdOf('Incident', command.incidentId);
  if (command.incidentId !== undefined && !uuid) return new ValidationError(['input', 'incidentId'], 'is not an incident id');
  if (command.invalid) return command.invalid;
  const locked = uuid ? await lockIncident(tx.em, uuid, command.viewer, command.skipLocked) : null;
  if (!locked) return new NotFoundError('Incident not found');
  const { incident, order } = locked;
  if (command.expectedVersion != null && command.expectedVersion !== incident.version) return new VersionConflictError(incident.version);
  const refusal = checkIncidentStep(command.step, incident, command.viewer, tx.now);
  if (refusal) return refusal;
  const effect = command.apply?.(incident, order, tx);
  if (effect instanceof ErrorResult) return effect;
  if (INCIDENT_STEPS[command.step].to === IncidentStatus.CLOSED) {
    const restored = settleIncident(incident);
    resumeDeliveryFallback(incident, order, restored, tx.now);
    touchOrder(tx, order);
  }
  changeIncident(tx, incident, command.step, effect?.data);
  const note = command.message?.trim();
  if (command.viewer && note) {
    await tx.em.flush();
    // A note on an incident step (closing, contesting, resolving) asks the shop for no new answer.
    await appendMessage(tx, command.viewer, order, note, { awaitsShopReply: false });
  }
  return incident;
}

/**
 * Locks in the order every writer uses, so none waits on another in a cycle: the order first (an
 * order step, a message in its thread and a refund all hold it before touching an incident), then
 * the incident. Undefined when the viewer may not see it, or (skipLocked) another instance holds it.
 */
async function lockIncident(em: EntityManager, uuid: string, viewer: Viewer | null, skipLocked = false): Promise<{ incident: Incident; order: Order } | null> {
  const found = await em.findOne(Incident, { uuid, ...incidentScope(viewer) }, { fields: ['order'] });
  if (!found) return null;
  const order = await lockOrder(em, found.order.uuid, null, skipLocked);
  if (!order) return null;
  const lockMode = skipLocked ? LockMode.PESSIMISTIC_PARTIAL_WRITE : LockMode.PESSIMISTIC_WRITE;
  const incident = await em.findOne(Incident, { uuid }, { lockMode, refresh: true });
  if (!incident) return null;
  await em.populate(incident, ['lines'], { refresh: true });
  return { incident, order };
}

/**
 * The one change function: checks the transition table, sets the new status with what it implies
 * (timestamps, who closed it), bumps the version and records INCIDENT_UPDATED with both statuses.
 */
export function changeIncident(tx: Tx, incident: Incident, step: IncidentStep, data?: Record<string, unknown>): void {
  const from = incident.status;
  const to = INCIDENT_STEPS[step].to;
  if (!canTransitionIncident(from, to)) throw new Error(`Transition ${from} -> ${to} is not in the incident transition table`);
  incident.status = to;
  if (to === IncidentStatus.IN_PROGRESS) incident.firstResponseAt ??= tx.now;
  if (to === IncidentStatus.RESOLVED) {
    // Resolving is an answer too: a shop that settles a NEW incident at once has responded.
    incident.firstResponseAt ??= tx.now;
    incident.resolvedAt = tx.now;
  }
  if (to !== IncidentStatus.RESOLVED) incident.autoCloseAt = null;
  if (to === IncidentStatus.CLOSED) {
    incident.closedAt = tx.now;
    incident.closedByType = tx.actor.type;
    incident.closedByName = tx.actor.displayName;
  }
  incident.version += 1;
  tx.record({
    type: EventType.INCIDENT_UPDATED,
    orderUuid: incident.order.uuid,
    shopUuid: incident.shopUuid,
    customerUuid: incident.customerUuid,
    incidentUuid: incident.uuid,
    fromState: from,
    toState: to,
    data: { step, ...data },
  });
}

/**
 * Gives the incident's lines back: each line still INCIDENT_OPEN returns to the state it had before
 * (a line refunded meanwhile stays REFUNDED). Returns the lines moved; the caller touches the order.
 */
export function settleIncident(incident: Incident): OrderLine[] {
  const restored: OrderLine[] = [];
  for (const line of incident.lines.getItems()) {
    if (line.state === OrderLineState.INCIDENT_OPEN && line.stateBeforeIncident) {
      moveLines([line], line.stateBeforeIncident);
      restored.push(line);
    }
    line.stateBeforeIncident = null;
  }
  return restored;
}

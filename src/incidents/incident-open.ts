import { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, idempotencyScope, Viewer } from '../auth/viewer';
import { AlreadyExistsError, ErrorResult, InvalidStateError, NotFoundError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { Tx } from '../common/transaction';
import { checkList, checkText, firstProblem } from '../common/validation';
import { MAX_MESSAGE_LENGTH } from '../messages/message-access';
import { appendMessage } from '../messages/message.service';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { OrderLineState } from '../orders/order-state';
import { lockOrder, moveLines, touchOrder } from '../orders/order-workflow';
import { dueDates, pauseDeliveryFallback } from './incident-deadlines';
import { Incident } from './incident.entity';
import { OpenIncidentInput } from './incident.inputs';
import { checkOpenable, INCIDENT_LINE_STATES, incidentLines } from './incident-rules';
import { IncidentStatus } from './incident-state';
import { IncidentOutcome } from './incident-workflow';

function checkOpenInput(input: OpenIncidentInput): ValidationError | undefined {
  return firstProblem(
    () => checkText(['input', 'message'], input.message, MAX_MESSAGE_LENGTH),
    () => (input.lineIds ? checkList(['input', 'lineIds'], input.lineIds, 1, 100) : undefined),
  );
}

/** The lines the incident is about: those named (each checked), or every line that can carry one. */
function pickLines(order: Order, lineIds: readonly string[] | null | undefined): OrderLine[] | ErrorResult {
  if (!lineIds) return checkOpenable(order) ?? incidentLines(order);
  const picked: OrderLine[] = [];
  for (const [i, lineId] of lineIds.entries()) {
    const uuid = localIdOf('OrderLine', lineId);
    const line = order.lines.getItems().find((candidate) => candidate.uuid === uuid);
    if (!line) return new ValidationError(['input', 'lineIds', i], 'is not a line of this order');
    if (picked.includes(line)) return new ValidationError(['input', 'lineIds', i], 'is listed twice');
    if (line.state === OrderLineState.INCIDENT_OPEN) return new AlreadyExistsError(`Line ${line.index} already has an open incident`);
    if (!INCIDENT_LINE_STATES.includes(line.state)) {
      return new InvalidStateError(order.state, `An incident cannot be opened on line ${line.index} while it is ${line.state}`);
    }
    picked.push(line);
  }
  return picked;
}

/**
 * A customer (or an operator for them) complains about shipped or received lines: the lines become
 * INCIDENT_OPEN remembering their state, the due dates start, and the complaint is posted to the
 * order's thread, all in one transaction. Replays by idempotencyKey answer the same incident.
 */
export function openIncident(em: EntityManager, viewer: Viewer, input: OpenIncidentInput): Promise<IncidentOutcome> {
  const idempotency = { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'OPEN_INCIDENT', input };
  return runIdempotent(em, actorOf(viewer), idempotency, Incident, (tx) => open(tx, viewer, input));
}

async function open(tx: Tx, viewer: Viewer, input: OpenIncidentInput): Promise<IncidentOutcome> {
  const orderUuid = localIdOf('Order', input.orderId);
  if (!orderUuid) return new ValidationError(['input', 'orderId'], 'is not an order id');
  const invalid = checkOpenInput(input);
  if (invalid) return invalid;
  const order = await lockOrder(tx.em, orderUuid, viewer);
  if (!order) return new NotFoundError('Order not found');
  const lines = pickLines(order, input.lineIds);
  if (!Array.isArray(lines)) return lines;

  const fallbackBefore = order.deliveryFallbackAt;
  const incident = tx.em.create(Incident, {
    order,
    shopUuid: order.shop.uuid,
    customerUuid: order.customer.uuid,
    reason: input.reason,
    status: IncidentStatus.NEW,
    openedByType: tx.actor.type,
    openedByName: tx.actor.displayName,
    openedAt: tx.now,
    ...dueDates(tx.now),
  });
  incident.lines.set(lines);
  for (const line of lines) line.stateBeforeIncident = line.state;
  moveLines(lines, OrderLineState.INCIDENT_OPEN);
  touchOrder(tx, order);
  pauseDeliveryFallback(incident, order, fallbackBefore, tx.now);
  tx.record({
    type: EventType.INCIDENT_OPENED,
    orderUuid: order.uuid,
    shopUuid: incident.shopUuid,
    customerUuid: incident.customerUuid,
    incidentUuid: incident.uuid,
    fromState: null,
    toState: IncidentStatus.NEW,
    data: { reason: input.reason, lineIds: lines.map((line) => line.id) },
  });
  await tx.em.flush();
  await appendMessage(tx, viewer, order, input.message);
  return incident;
}

import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { CUSTOMER_SIDE, Role, SELLER_SIDE } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { AlreadyExistsError, ErrorResult, InvalidStateError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { holdRows } from '../common/row-writes';
import { defineMachine, Guard, Step, StepTx, takeStep } from '../common/step-machine';
import { checkList, checkText, firstProblem } from '../common/validation';
import { MAX_MESSAGE_LENGTH, ThreadSide } from '../messages/message-access';
import { Message } from '../messages/message.entity';
import { MessageThread } from '../messages/message-thread.entity';
import { appendMessage } from '../messages/message.service';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { OrderAction, touchOrder } from '../orders/order.machine';
import { lockOrder } from '../orders/order-lock';
import { linesIn, moveLines, OrderLineState } from '../orders/order.status';
import { onAfterSalesSettled } from '../orders/order-deadlines';
import { autoCloseAt, dueDates } from './incident-deadlines';
import { Incident } from './incident.entity';
import { incidentScope } from './incident.queries';
import { IncidentActionInput, OpenIncidentInput } from './incident.schema';
import { INCIDENT_STATUS, IncidentAction, IncidentReason, IncidentResolution, IncidentStatus, OPEN_INCIDENT_STATUSES } from './incident.status';

const S = IncidentStatus;

/** The customer contested the shop's resolution: only the operator may settle it now. */
const operatorDecidesDispute: Guard<Incident> = (incident, { viewer }) =>
  incident.status === S.DISPUTED && viewer?.role !== Role.OPERATOR ? new InvalidStateError(incident.status, 'A disputed incident is closed by the operator') : undefined;

const checkNote = (input: IncidentActionInput) => checkText(['input', 'message'], input.message, MAX_MESSAGE_LENGTH, true);

const noResolution = (input: IncidentActionInput) =>
  input.resolution ? new ValidationError(['input', 'resolution'], 'is given by markIncidentResolved or by an operator closing the incident') : undefined;

/** A customer's step carries no resolution: only the shop (resolving) and the operator (closing) say how it was settled. */
const resolutionByOperatorOnly: Guard<Incident> = (_incident, { viewer }, input?: IncidentActionInput) =>
  viewer && viewer.role !== Role.OPERATOR ? noResolution(input ?? ({} as IncidentActionInput)) : undefined;

/** The resolution a step names, when it names one; omitted, the incident keeps the one it has. */
function recordResolution(incident: Incident, input: IncidentActionInput): Record<string, unknown> {
  if (!input.resolution) return {};
  incident.resolution = input.resolution;
  return { resolution: input.resolution };
}

/** A note on an incident step goes to the order's thread after the step; it asks the shop for no new answer. */
async function postNote(incident: Incident, input: IncidentActionInput, tx: StepTx): Promise<void> {
  const note = input.message?.trim();
  if (!tx.env.viewer || !note) return;
  await tx.em.flush();
  await appendMessage(tx, tx.env.viewer, incident.order, note, { awaitsShopReply: false });
}

/** Every step on an existing incident; opening one is a step on its order (OPEN_INCIDENT below). */
export const INCIDENT_STEPS = {
  // The shop's first message in the order's thread after the opening (the messages hook), never a mutation.
  SHOP_ANSWER: { roles: [], from: [S.NEW], to: [S.IN_PROGRESS] },
  RESOLVE: {
    roles: SELLER_SIDE,
    action: IncidentAction.RESOLVE,
    from: [S.NEW, S.IN_PROGRESS],
    to: [S.RESOLVED],
    check: checkNote,
    apply(incident, input: IncidentActionInput, tx) {
      // The customer has INCIDENT_CLOSE_AFTER to close or dispute it.
      incident.autoCloseAt = autoCloseAt(tx.now, tx.env.config.incidentCloseAfterMs);
      const data = recordResolution(incident, input);
      return Object.keys(data).length > 0 ? { data } : {};
    },
    after: postNote,
  },
  CLOSE: {
    roles: CUSTOMER_SIDE,
    action: IncidentAction.CLOSE,
    from: OPEN_INCIDENT_STATUSES,
    to: [S.CLOSED],
    guards: [operatorDecidesDispute, resolutionByOperatorOnly],
    check: checkNote,
    async apply(incident, input: IncidentActionInput, tx) {
      const data = recordResolution(incident, input);
      await touchOrder(tx, incident.order);
      return Object.keys(data).length > 0 ? { data } : {};
    },
    after: postNote,
  },
  DISPUTE: {
    roles: CUSTOMER_SIDE,
    action: IncidentAction.DISPUTE,
    from: [S.RESOLVED],
    to: [S.DISPUTED],
    check: (input: IncidentActionInput) => firstProblem(() => checkNote(input), () => noResolution(input)),
    after: postNote,
  },
  // The customer stayed silent for INCIDENT_CLOSE_AFTER after the resolution.
  AUTO_CLOSE: {
    roles: [],
    from: [S.RESOLVED],
    to: [S.CLOSED],
    due: { column: 'autoCloseAt', ready: { status: S.RESOLVED } },
    apply: async (incident, _input, tx) => (await touchOrder(tx, incident.order), {}),
  },
  /**
   * Any refund on one of its lines settles the incident, whatever its status ("if you refund a
   * customer through EmpikPlace, the incident will be closed automatically"); the refund's own
   * event touches the order. Resolved as REFUNDED unless the shop said otherwise.
   */
  REFUND_CLOSE: {
    roles: [],
    from: OPEN_INCIDENT_STATUSES,
    to: [S.CLOSED],
    apply(incident, input: { refundedLineIds: string[] }) {
      incident.resolution ??= IncidentResolution.REFUNDED;
      return { data: { refundedLineIds: input.refundedLineIds } };
    },
  },
} satisfies Record<string, Step<Incident, IncidentStatus>>;

/**
 * Locks in the order every writer uses, so none waits on another in a cycle: the order first (an
 * order step, a message in its thread and a refund all hold it before touching an incident), then
 * the incident. Null when the viewer may not see it, or (skipLocked) another instance holds either.
 */
async function lockIncident(em: EntityManager, uuid: string, viewer: Viewer | null, skipLocked: boolean): Promise<Incident | null> {
  const found = await em.findOne(Incident, { uuid, ...incidentScope(viewer) }, { fields: ['order'] });
  if (!found) return null;
  const order = await lockOrder(em, found.order.uuid, null, skipLocked);
  if (!order) return null;
  const lockMode = skipLocked ? LockMode.PESSIMISTIC_PARTIAL_WRITE : LockMode.PESSIMISTIC_WRITE;
  const incident = await em.findOne(Incident, { uuid }, { lockMode, refresh: true });
  if (incident) await em.populate(incident, ['lines'], { refresh: true });
  if (incident) holdRows(em, [incident]);
  return incident;
}

/**
 * Gives the incident's lines back: each line still INCIDENT_OPEN returns to the state it had before
 * (moved on if the shop shipped it meanwhile; a line refunded whole meanwhile stays REFUNDED).
 */
function settleLines(incident: Incident): void {
  for (const line of incident.lines.getItems()) {
    if (line.state === OrderLineState.INCIDENT_OPEN && line.stateBeforeIncident) moveLines([line], line.stateBeforeIncident);
    line.stateBeforeIncident = null;
  }
}

export const incidentMachine = defineMachine<Incident, IncidentStatus>({
  type: 'Incident',
  states: 'one',
  noun: 'incident',
  operationPrefix: 'INCIDENT_',
  graph: INCIDENT_STATUS,
  steps: INCIDENT_STEPS,
  statesOf: (incident) => [incident.status],
  stateName: (incident) => incident.status,
  lock: lockIncident,
  version: (incident) => incident.version,
  /** A status brings its timestamps; closing gives the lines back, and the order may close once nothing else is open. */
  enter(incident, to, tx) {
    incident.status = to;
    if (to === S.IN_PROGRESS) incident.firstResponseAt ??= tx.now;
    if (to === S.RESOLVED) {
      // Resolving is an answer too: a shop that settles a NEW incident at once has responded.
      incident.firstResponseAt ??= tx.now;
      incident.resolvedAt = tx.now;
    }
    if (to !== S.RESOLVED) incident.autoCloseAt = null;
    if (to === S.CLOSED) {
      incident.closedAt = tx.now;
      incident.closedByType = tx.actor.type;
      incident.closedByName = tx.actor.displayName;
      settleLines(incident);
      onAfterSalesSettled(incident.order, tx.now);
    }
  },
  settle(_tx, incident, { step, fromState, effect }) {
    incident.version += 1;
    return {
      type: EventType.INCIDENT_UPDATED,
      orderUuid: incident.order.uuid,
      shopUuid: incident.shopUuid,
      customerUuid: incident.customerUuid,
      incidentUuid: incident.uuid,
      fromState,
      toState: incident.status,
      data: { step, ...effect.data },
    };
  },
});

// ---------------------------------------------------------------- opening one: a step on the order

/** The line states an incident can be opened on for any reason: the goods are on their way or arrived. */
export const INCIDENT_LINE_STATES: readonly OrderLineState[] = [OrderLineState.SHIPPED, OrderLineState.TO_COLLECT, OrderLineState.RECEIVED];

const LATE_SHIPMENT_NOT_YET = 'An incident about a late shipment can be opened once the shipping deadline has passed';

/** The shipping deadline has passed (at the deadline itself it has). */
function shippingLate(order: Order, now: Date): boolean {
  return Boolean(order.shippingDeadline && order.shippingDeadline <= now);
}

/**
 * Whether `line` can carry an incident of `reason` (undefined: of some reason, for
 * `availableActions`): SHIPPED, TO_COLLECT and RECEIVED lines for any reason; SHIPPING lines for
 * NOT_SHIPPED_ON_TIME once the order's shipping deadline has passed (the seed: the customer did not
 * get the order within the stated time).
 */
function canCarry(order: Order, line: OrderLine, reason: IncidentReason | undefined, now: Date): boolean {
  if (INCIDENT_LINE_STATES.includes(line.state)) return true;
  const aboutShipping = reason === undefined || reason === IncidentReason.NOT_SHIPPED_ON_TIME;
  return line.state === OrderLineState.SHIPPING && aboutShipping && shippingLate(order, now);
}

/**
 * Why no incident of `reason` can be opened on the order now, or nothing. When every such line
 * already has its incident the answer is AlreadyExistsError (one open incident per line).
 */
function checkOpenable(order: Order, reason: IncidentReason | undefined, now: Date): ErrorResult | undefined {
  if (order.lines.getItems().some((line) => canCarry(order, line, reason, now))) return undefined;
  const shipping = linesIn(order, [OrderLineState.SHIPPING]).length > 0;
  if (shipping && reason === IncidentReason.NOT_SHIPPED_ON_TIME) return new InvalidStateError(order.state, LATE_SHIPMENT_NOT_YET);
  if (linesIn(order, [OrderLineState.INCIDENT_OPEN]).length > 0) return new AlreadyExistsError('Every line that can carry an incident already has an open one');
  return new InvalidStateError(order.state, `An incident cannot be opened while the order is ${order.state}`);
}

/** The lines the incident is about: those named (each checked), or every line that can carry one. */
function pickLines(order: Order, input: OpenIncidentInput, now: Date): OrderLine[] | ErrorResult {
  if (!input.lineIds) return order.lines.getItems().filter((line) => canCarry(order, line, input.reason, now));
  const picked: OrderLine[] = [];
  for (const [i, lineId] of input.lineIds.entries()) {
    const uuid = localIdOf('OrderLine', lineId);
    const line = order.lines.getItems().find((candidate) => candidate.uuid === uuid);
    if (!line) return new ValidationError(['input', 'lineIds', i], 'is not a line of this order');
    if (picked.includes(line)) return new ValidationError(['input', 'lineIds', i], 'is listed twice');
    if (line.state === OrderLineState.INCIDENT_OPEN) return new AlreadyExistsError(`Line ${line.index} already has an open incident`);
    if (!canCarry(order, line, input.reason, now)) {
      const notYet = line.state === OrderLineState.SHIPPING && input.reason === IncidentReason.NOT_SHIPPED_ON_TIME;
      return new InvalidStateError(order.state, notYet ? LATE_SHIPMENT_NOT_YET : `An incident cannot be opened on line ${line.index} while it is ${line.state}`);
    }
    picked.push(line);
  }
  return picked;
}

/**
 * A customer (or an operator for them) complains about lines: the lines become INCIDENT_OPEN
 * remembering their state, the due dates start, and the complaint is posted to the order's thread,
 * all in one transaction; the order's timers follow its lines (a delivery fallback pauses while
 * incidents hold every shipped line). Added to the order's steps by the incidents' install.
 */
export const OPEN_INCIDENT: Step<Order, OrderLineState> = {
  roles: CUSTOMER_SIDE,
  action: OrderAction.OPEN_INCIDENT,
  // Any state: the guard (or, for named lines, `pickLines`) says in words why not.
  from: Object.values(OrderLineState),
  to: [OrderLineState.INCIDENT_OPEN],
  guards: [(order, { now }, input?: OpenIncidentInput) => (input?.lineIds ? undefined : checkOpenable(order, input?.reason, now))],
  check: (input: OpenIncidentInput) =>
    firstProblem(
      () => checkText(['input', 'message'], input.message, MAX_MESSAGE_LENGTH),
      () => (input.lineIds ? checkList(['input', 'lineIds'], input.lineIds, 1, 100) : undefined),
    ),
  apply(order, input: OpenIncidentInput, tx) {
    const lines = pickLines(order, input, tx.now);
    if (!Array.isArray(lines)) return lines;
    const incident = tx.em.create(Incident, {
      order,
      shopUuid: order.shop.uuid,
      customerUuid: order.customer.uuid,
      reason: input.reason,
      status: S.NEW,
      openedByType: tx.actor.type,
      openedByName: tx.actor.displayName,
      openedAt: tx.now,
      ...dueDates(tx.now),
    });
    incident.lines.set(lines);
    for (const line of lines) line.stateBeforeIncident = line.state;
    moveLines(lines, OrderLineState.INCIDENT_OPEN);
    return {
      event: EventType.INCIDENT_OPENED,
      fields: { incidentUuid: incident.uuid, fromState: null, toState: S.NEW },
      data: { reason: input.reason, lineIds: lines.map((line) => line.id) },
      result: incident,
    };
  },
  async after(order, input: OpenIncidentInput, tx) {
    await tx.em.flush();
    await appendMessage(tx, tx.env.viewer!, order, input.message);
  },
};

/** The order's NEW incidents, locked in the order every writer takes them. */
function newIncidentsOf(tx: StepTx, order: Order): Promise<Incident[]> {
  return tx.em.find(Incident, { order, status: S.NEW }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { openedAt: 'asc', uuid: 'asc' } });
}

/**
 * messageHooks.posted: the shop's first message in the order's thread after an incident opened is
 * its answer to every NEW incident of the order (the thread is the order's, not the incident's).
 * The caller holds the order's and the thread's locks.
 */
export async function answerNewIncidents(tx: StepTx, thread: MessageThread, _message: Message, side: ThreadSide): Promise<void> {
  if (side !== 'SHOP' || !thread.order) return;
  // A NEW incident holds its lines in INCIDENT_OPEN: with the order's lines at hand (the sender locked
  // the order with them) and none there, there is nothing to answer and no statement to send.
  if (thread.order.lines.isInitialized() && linesIn(thread.order, [OrderLineState.INCIDENT_OPEN]).length === 0) return;
  for (const incident of await newIncidentsOf(tx, thread.order)) await takeOrFail(tx, incident, 'SHOP_ANSWER', {});
}

/** orderHooks.linesShipped: shipping lines a late-shipment incident holds is the shop's answer to it. */
export async function answerShippedIncidents(tx: StepTx, order: Order, shipped: readonly OrderLine[]): Promise<void> {
  const held = shipped.filter((line) => line.state === OrderLineState.INCIDENT_OPEN);
  if (held.length === 0) return;
  await tx.em.flush();
  const waiting = await newIncidentsOf(tx, order);
  await tx.em.populate(waiting, ['lines']);
  for (const incident of waiting) {
    if (incident.lines.getItems().some((line) => held.includes(line))) await takeOrFail(tx, incident, 'SHOP_ANSWER', {});
  }
}

/**
 * orderHooks.linesRefunded: any refund on a line closes the open incident holding it (the shop
 * settled the complaint with money). A line refunded whole stays REFUNDED; the incident's other
 * lines return to their state before it.
 */
export async function closeRefundedIncidents(tx: StepTx, order: Order, refunded: readonly OrderLine[]): Promise<void> {
  await tx.em.flush(); // the refunded lines' new state is in the database before anything is read back
  const open = await tx.em.find(Incident, { order, status: { $in: [...OPEN_INCIDENT_STATUSES] } }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { openedAt: 'asc', uuid: 'asc' } });
  await tx.em.populate(open, ['lines']);
  for (const incident of open) {
    const settled = incident.lines.getItems().filter((line) => refunded.includes(line));
    if (settled.length > 0) await takeOrFail(tx, incident, 'REFUND_CLOSE', { refundedLineIds: settled.map((line) => line.id) });
  }
}

/** A hook's step is chosen by its state, so a refusal here is a bug, not an outcome. */
async function takeOrFail(tx: StepTx, incident: Incident, step: string, input: object): Promise<void> {
  const outcome = await takeStep(tx, incidentMachine, step, incident, input, { ...tx.env, viewer: null });
  if (outcome instanceof ErrorResult) throw new Error(`Incident step ${step} refused: ${outcome.message}`);
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { InvalidStateError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { checkText } from '../common/validation';
import { linesFor } from './order-actions';
import { applyTracking, checkTracking } from './tracking';
import { DeadlineConfig, onAccepted, onNothingLeftToShip, onRefused, onShipped } from './order-deadlines';
import { AcceptOrderInput, CancelOrderInput, OrderActionInput, RefuseOrderInput, SetTrackingInput } from './order.inputs';
import { Order, PaymentWorkflow } from './order.entity';
import { OrderLine } from './order-line.entity';
import { OrderLineState } from './order-state';
import { moveLines, OrderOutcome, runOrderCommand } from './order-workflow';

/** Seller steps: decide, ship or hand over, cancel. Each is a thin wrapper around runOrderCommand. */
export interface OrderDeps {
  em: EntityManager;
  viewer: Viewer;
  config: DeadlineConfig;
}

export function acceptedLineState(order: Order): OrderLineState {
  return order.paymentWorkflow === PaymentWorkflow.PAY_ON_ACCEPTANCE ? OrderLineState.WAITING_DEBIT_PAYMENT : OrderLineState.SHIPPING;
}

/** Splits the waiting lines by the seller's decisions; every waiting line must be decided, once. */
function decide(order: Order, input: AcceptOrderInput): { accepted: OrderLine[]; refused: OrderLine[] } | ValidationError {
  const waiting = linesFor('ACCEPT', order);
  if (!input.lines) return { accepted: waiting, refused: [] };
  const decisions = new Map<string, boolean>();
  for (const [i, decision] of input.lines.entries()) {
    const uuid = localIdOf('OrderLine', decision.lineId);
    const line = waiting.find((candidate) => candidate.uuid === uuid);
    if (!line) return new ValidationError(['input', 'lines', i, 'lineId'], 'is not a line of this order waiting for acceptance');
    if (decisions.has(line.uuid)) return new ValidationError(['input', 'lines', i, 'lineId'], 'is decided twice');
    decisions.set(line.uuid, decision.accepted);
  }
  if (decisions.size !== waiting.length) return new ValidationError(['input', 'lines'], 'must decide every line waiting for acceptance');
  return {
    accepted: waiting.filter((line) => decisions.get(line.uuid)),
    refused: waiting.filter((line) => !decisions.get(line.uuid)),
  };
}

export function acceptOrder({ em, viewer, config }: OrderDeps, input: AcceptOrderInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'ACCEPT',
    viewer,
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(order, tx) {
      const decision = decide(order, input);
      if (decision instanceof ValidationError) return decision;
      const { accepted, refused } = decision;
      if (accepted.length > 0 && refused.length > 0 && !order.shop.partialAcceptance) {
        return new ValidationError(['input', 'lines'], 'This shop accepts or refuses orders as a whole');
      }
      moveLines(refused, OrderLineState.REFUSED);
      if (accepted.length === 0) {
        onRefused(order);
        return { event: EventType.ORDER_REFUSED, data: { refusedLineIds: refused.map((line) => line.id) } };
      }
      moveLines(accepted, acceptedLineState(order));
      onAccepted(order, tx.now, config);
      return { event: EventType.ORDER_ACCEPTED, data: { refusedLineIds: refused.map((line) => line.id) } };
    },
  });
}

export function refuseOrder({ em, viewer }: OrderDeps, input: RefuseOrderInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'REFUSE',
    viewer,
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    invalid: checkText(['input', 'reason'], input.reason, 1000, true),
    apply(order) {
      moveLines(linesFor('REFUSE', order), OrderLineState.REFUSED);
      onRefused(order);
      return { event: EventType.ORDER_REFUSED, data: { reason: input.reason?.trim() || null } };
    },
  });
}

export function setTracking({ em, viewer }: OrderDeps, input: SetTrackingInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'SET_TRACKING',
    viewer,
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    invalid: checkTracking(input),
    apply(order, tx) {
      return { event: EventType.ORDER_TRACKING_SET, data: applyTracking(order, input, tx.now) };
    },
  });
}

export function confirmShipment({ em, viewer, config }: OrderDeps, input: OrderActionInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'CONFIRM_SHIPMENT',
    viewer,
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(order, tx) {
      moveLines(linesFor('CONFIRM_SHIPMENT', order), OrderLineState.SHIPPED);
      onShipped(order, tx.now, config);
      return { event: EventType.ORDER_SHIPPED };
    },
  });
}

export function markReadyForPickup({ em, viewer }: OrderDeps, input: OrderActionInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'MARK_READY_FOR_PICKUP',
    viewer,
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(order, tx) {
      moveLines(linesFor('MARK_READY_FOR_PICKUP', order), OrderLineState.TO_COLLECT);
      order.shippedAt = tx.now;
      return { event: EventType.ORDER_READY_FOR_PICKUP };
    },
  });
}

export function cancelOrder({ em, viewer }: OrderDeps, input: CancelOrderInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'CANCEL',
    viewer,
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    invalid: checkText(['input', 'reason'], input.reason, 1000),
    apply(order) {
      const cancellable = linesFor('CANCEL', order);
      let lines = cancellable;
      if (input.lineIds) {
        lines = [];
        for (const [i, lineId] of input.lineIds.entries()) {
          const line = order.lines.getItems().find((candidate) => candidate.uuid === localIdOf('OrderLine', lineId));
          if (!line) return new ValidationError(['input', 'lineIds', i], 'is not a line of this order');
          if (!cancellable.includes(line)) return new InvalidStateError(order.state, `Line ${line.index} is ${line.state} and cannot be canceled`);
          if (!lines.includes(line)) lines.push(line);
        }
      }
      moveLines(lines, OrderLineState.CANCELED);
      if (linesFor('CANCEL', order).length === 0) onNothingLeftToShip(order);
      return { event: EventType.ORDER_CANCELED, data: { reason: input.reason.trim(), lineIds: lines.map((line) => line.id) } };
    },
  });
}

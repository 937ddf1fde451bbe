import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { NotFoundError, ValidationError } from '../common/errors';
import { checkText, firstProblem } from '../common/validation';
import { findCarrier } from './carriers';
import { linesFor } from './order-actions';
import { onNothingLeftToShip, onPaid, onPaymentEnded, onReceived } from './order-deadlines';
import { OrderDeps } from './order-fulfilment';
import { OrderActionInput, PaymentOutcome, RecordCarrierDeliveryInput, RecordPaymentInput } from './order.inputs';
import { Order } from './order.entity';
import { OrderLineState, OrderState } from './order-state';
import { moveLines, OrderOutcome, runOrderCommand } from './order-workflow';

/** Steps reported by the payment provider, the carriers and the customer. */

export function recordPayment({ em, viewer }: OrderDeps, input: RecordPaymentInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'RECORD_PAYMENT',
    viewer,
    orderId: input.orderId,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(order, tx) {
      const waiting = linesFor('RECORD_PAYMENT', order);
      if (input.outcome === PaymentOutcome.PAID) {
        moveLines(waiting, OrderLineState.SHIPPING);
        onPaid(order, tx.now);
        return { event: EventType.ORDER_PAYMENT_RECEIVED };
      }
      moveLines(waiting, OrderLineState.CANCELED);
      onPaymentEnded(order);
      onNothingLeftToShip(order);
      return { event: EventType.ORDER_CANCELED, data: { reason: 'PAYMENT_FAILED' } };
    },
  });
}

export function confirmDelivery({ em, viewer, config }: OrderDeps, input: OrderActionInput): Promise<OrderOutcome> {
  return runOrderCommand(em, {
    step: 'CONFIRM_DELIVERY',
    viewer,
    orderId: input.orderId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(order, tx) {
      moveLines(linesFor('CONFIRM_DELIVERY', order), OrderLineState.RECEIVED);
      onReceived(order, tx.now, config);
      return { event: EventType.ORDER_DELIVERED, data: { reportedBy: 'CUSTOMER' } };
    },
  });
}

function checkCarrierDelivery(input: RecordCarrierDeliveryInput, now: Date): ValidationError | undefined {
  return firstProblem(
    () => checkText(['input', 'trackingNumber'], input.trackingNumber, 100),
    () => {
      const carrier = findCarrier(input.carrierCode);
      if (!carrier) return new ValidationError(['input', 'carrierCode'], 'is not a code from `carriers`');
      if (!carrier.integrated) return new ValidationError(['input', 'carrierCode'], `${carrier.name} does not report deliveries`);
      return undefined;
    },
    () => (input.deliveredAt && input.deliveredAt > now ? new ValidationError(['input', 'deliveredAt'], 'must not be in the future') : undefined),
  );
}

/**
 * An integrated carrier reports a delivery by tracking number (a parcel locker's pickup included).
 * A number can come back on a later parcel, so the newest order with that shipment still on its way
 * wins; only without one does the newest order at all answer (with why it cannot be delivered).
 */
export async function recordCarrierDelivery({ em, viewer, config }: OrderDeps, input: RecordCarrierDeliveryInput, now: Date): Promise<OrderOutcome> {
  const invalid = checkCarrierDelivery(input, now);
  const shipment = { trackingCarrierCode: input.carrierCode, trackingNumber: input.trackingNumber.trim() };
  const newest = { orderBy: { createdAt: 'desc' }, fields: ['uuid'] } as const;
  const order = invalid
    ? null
    : ((await em.findOne(Order, { ...shipment, state: { $in: [OrderState.SHIPPED, OrderState.TO_COLLECT] } }, newest)) ??
      (await em.findOne(Order, shipment, newest)));
  if (!invalid && !order) return new NotFoundError('No shipment with this carrier and tracking number');
  return runOrderCommand(em, {
    step: 'RECORD_CARRIER_DELIVERY',
    viewer,
    orderUuid: order?.uuid,
    input,
    invalid,
    apply(locked, tx) {
      moveLines(linesFor('RECORD_CARRIER_DELIVERY', locked), OrderLineState.RECEIVED);
      onReceived(locked, input.deliveredAt ?? tx.now, config);
      return { event: EventType.ORDER_DELIVERED, data: { reportedBy: 'CARRIER', carrierCode: input.carrierCode } };
    },
  });
}

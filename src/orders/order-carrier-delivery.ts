import { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '../common/errors';
import { Guard } from '../common/step-machine';
import { checkText, firstProblem } from '../common/validation';
import { findCarrier } from './carriers';
import { RecordCarrierDeliveryInput } from './order.schema';
import { Order } from './order.entity';
import { OrderState } from './order.status';

/** An integrated carrier's report must name a tracking number and an integrated carrier. */
export function checkCarrierDelivery(input: RecordCarrierDeliveryInput): ValidationError | undefined {
  return firstProblem(
    () => checkText(['input', 'trackingNumber'], input.trackingNumber, 100),
    () => {
      const carrier = findCarrier(input.carrierCode);
      if (!carrier) return new ValidationError(['input', 'carrierCode'], 'is not a code from `carriers`');
      if (!carrier.integrated) return new ValidationError(['input', 'carrierCode'], `${carrier.name} does not report deliveries`);
      return undefined;
    },
  );
}

/**
 * A delivery happens between the shipment and now, both included: a date before the shipment or in
 * the future is a carrier's mistake, and taken as it is would start (or end) the return window wrongly.
 */
export const deliveredWithinShipment: Guard<Order> = (order, { now }, input?: RecordCarrierDeliveryInput) => {
  const deliveredAt = input?.deliveredAt;
  if (!deliveredAt) return undefined;
  if (deliveredAt > now) return new ValidationError(['input', 'deliveredAt'], 'must not be in the future');
  if (order.shippedAt && deliveredAt < order.shippedAt) return new ValidationError(['input', 'deliveredAt'], 'must not be before the shipment');
  return undefined;
};

/**
 * The order a carrier's report is about. A tracking number can come back on a later parcel, so the
 * newest order with that shipment still on its way wins; only without one does the newest order at
 * all answer (and the step says why it cannot be delivered).
 */
export async function findShipment(em: EntityManager, input: RecordCarrierDeliveryInput): Promise<string | null> {
  const shipment = { trackingCarrierCode: input.carrierCode, trackingNumber: input.trackingNumber.trim() };
  const newest = { orderBy: { createdAt: 'desc' }, fields: ['uuid'] } as const;
  const order =
    (await em.findOne(Order, { ...shipment, state: { $in: [OrderState.SHIPPED, OrderState.TO_COLLECT] } }, newest)) ?? (await em.findOne(Order, shipment, newest));
  return order?.uuid ?? null;
}

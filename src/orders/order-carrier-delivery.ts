import { EntityManager } from '@mikro-orm/postgresql';
import { clock } from '../common/clock';
import { ValidationError } from '../common/errors';
import { checkText, firstProblem } from '../common/validation';
import { findCarrier } from './carriers';
import { RecordCarrierDeliveryInput } from './order.schema';
import { Order } from './order.entity';
import { OrderState } from './order.status';

/** An integrated carrier's report must name a known tracking number, an integrated carrier and no future date. */
export function checkCarrierDelivery(input: RecordCarrierDeliveryInput): ValidationError | undefined {
  return firstProblem(
    () => checkText(['input', 'trackingNumber'], input.trackingNumber, 100),
    () => {
      const carrier = findCarrier(input.carrierCode);
      if (!carrier) return new ValidationError(['input', 'carrierCode'], 'is not a code from `carriers`');
      if (!carrier.integrated) return new ValidationError(['input', 'carrierCode'], `${carrier.name} does not report deliveries`);
      return undefined;
    },
    () => (input.deliveredAt && input.deliveredAt > clock.now() ? new ValidationError(['input', 'deliveredAt'], 'must not be in the future') : undefined),
  );
}

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

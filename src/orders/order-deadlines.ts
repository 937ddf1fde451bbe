import { Config } from '../config';
import { addBusinessDays } from '../common/business-days';
import { StepTx } from '../common/step-machine';
import { findCarrier } from './carriers';
import { orderHooks } from './order-hooks';
import { Order, PaymentWorkflow } from './order.entity';
import { OrderLineState, OrderState } from './order.status';

/**
 * An order's clocks. Steps record when things happened (`on…`); the timer columns the sweeper
 * scans (timers/sweeper.ts) are then set from the order as it now is, after every change
 * (`syncTimers`, called by touchOrder): each is set exactly while its wait is possible, so no order
 * is left waiting for a timer that was never set (a SHIPPED line always has its fallback) and the
 * sweeper never keeps picking an order whose timer can no longer fire.
 */
export type DeadlineConfig = Pick<Config, 'acceptanceTimeoutMs' | 'paymentTimeoutMs' | 'deliveryFallbackMs' | 'deliveryFallbackIntegratedMs' | 'closeAfterMs'>;

const S = OrderLineState;

/** After the accept decision: cash-on-delivery orders go to shipping at once, so their shipping deadline starts now. */
export function onAccepted(order: Order, now: Date): void {
  order.acceptedAt = now;
  if (order.paymentWorkflow === PaymentWorkflow.PAY_ON_DELIVERY) order.shippingDeadline = addBusinessDays(now, order.leadTimeToShipDays);
}

export function onPaid(order: Order, now: Date): void {
  order.paidAt = now;
  order.shippingDeadline = addBusinessDays(now, order.leadTimeToShipDays);
}

export function onShipped(order: Order, now: Date): void {
  order.shippedAt = now;
}

/** Cash on delivery is paid when the parcel is handed over. */
export function onReceived(order: Order, receivedAt: Date): void {
  order.receivedAt = receivedAt;
  order.paidAt ??= receivedAt;
}

export function onClosed(order: Order, now: Date): void {
  order.closedAt = now;
}

/** Once nothing is left to ship, no shipping deadline can be missed. */
export function onNothingLeftToShip(order: Order): void {
  order.shippingDeadline = null;
}

/** An incident or a return on the order stopped being open: closing waits at least until now. */
export function onAfterSalesSettled(order: Order, now: Date): void {
  order.afterSalesSettledAt = now;
}

/**
 * Sets every timer column from the order's lines as they now are. A timer already running keeps
 * its time; one that starts gets it from the order's history (placement, payment, shipment,
 * receipt), so it is the same whichever step started it.
 */
export async function syncTimers(tx: StepTx, order: Order): Promise<void> {
  const config = tx.env.config;
  const states = new Set(order.lines.getItems().map((line) => line.state));
  order.acceptanceDeadline = states.has(S.WAITING_ACCEPTANCE) ? (order.acceptanceDeadline ?? after(order.createdAt, config.acceptanceTimeoutMs)) : null;
  order.paymentDeadline = states.has(S.WAITING_DEBIT_PAYMENT) ? (order.paymentDeadline ?? after(order.createdAt, config.paymentTimeoutMs)) : null;
  syncDeliveryFallback(order, tx.now, config);
  order.closeAt = (await closingHeld(tx, order)) ? null : after(order.receivedAt!, config.closeAfterMs, order.afterSalesSettledAt);
}

/**
 * The delivery fallback runs while lines are SHIPPED: from the payment for prepaid orders, from the
 * shipment for cash on delivery, for DELIVERY_FALLBACK_INTEGRATED when an integrated carrier
 * carries it and DELIVERY_FALLBACK otherwise. While open incidents hold every shipped line it
 * pauses, keeping the time it had left, and resumes with it when a line is SHIPPED again.
 */
function syncDeliveryFallback(order: Order, now: Date, config: DeadlineConfig): void {
  const lines = order.lines.getItems();
  const shipped = lines.some((line) => line.state === S.SHIPPED);
  const held = lines.some((line) => line.state === S.INCIDENT_OPEN && line.stateBeforeIncident === S.SHIPPED);
  if (shipped) {
    if (!order.deliveryFallbackAt) {
      order.deliveryFallbackAt = order.deliveryFallbackLeftMs != null ? after(now, order.deliveryFallbackLeftMs) : deliveryFallbackFromStart(order, config);
    }
    order.deliveryFallbackLeftMs = null;
  } else if (held) {
    const until = order.deliveryFallbackAt ?? (order.deliveryFallbackLeftMs == null ? deliveryFallbackFromStart(order, config) : null);
    if (until) order.deliveryFallbackLeftMs = Math.max(0, until.getTime() - now.getTime());
    order.deliveryFallbackAt = null;
  } else {
    order.deliveryFallbackAt = null;
    order.deliveryFallbackLeftMs = null;
  }
}

function deliveryFallbackFromStart(order: Order, config: DeadlineConfig): Date {
  const start = order.paymentWorkflow === PaymentWorkflow.PAY_ON_ACCEPTANCE ? order.paidAt : order.shippedAt;
  const integrated = order.trackingCarrierCode ? findCarrier(order.trackingCarrierCode)?.integrated === true : false;
  return after(start ?? order.shippedAt!, integrated ? config.deliveryFallbackIntegratedMs : config.deliveryFallbackMs);
}

/**
 * A RECEIVED order closes by itself unless an incident (a line INCIDENT_OPEN) or anything another
 * module registers (an open return) holds it; the other modules' checks read the database, so
 * they run only for a RECEIVED order with no open incident.
 */
async function closingHeld(tx: StepTx, order: Order): Promise<boolean> {
  if (order.state !== OrderState.RECEIVED) return true;
  if (order.lines.getItems().some((line) => line.state === S.INCIDENT_OPEN)) return true;
  for (const held of orderHooks.closingHeld) if (await held(tx, order)) return true;
  return false;
}

/** `start` + `ms`, or `notBefore` when that is later. */
function after(start: Date, ms: number, notBefore?: Date | null): Date {
  const at = new Date(start.getTime() + ms);
  return notBefore && notBefore > at ? notBefore : at;
}

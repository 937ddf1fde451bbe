import { Config } from '../config';
import { addBusinessDays } from '../common/business-days';
import { findCarrier } from './carriers';
import { Order, PaymentWorkflow } from './order.entity';
import { OrderLineState, OrderState } from './order.status';

/**
 * Deadlines are columns that the sweeper scans (timers/sweeper.ts). Each step that starts or ends a
 * wait sets or clears its column here, so the rules for "when" live in one place.
 */
export type DeadlineConfig = Pick<Config, 'acceptanceTimeoutMs' | 'paymentTimeoutMs' | 'deliveryFallbackMs' | 'closeAfterMs'>;

export function onPlaced(order: Order, config: DeadlineConfig): void {
  order.acceptanceDeadline = new Date(order.createdAt.getTime() + config.acceptanceTimeoutMs);
}

/** After the accept decision: prepaid orders wait for the debit, cash-on-delivery ones go to shipping. */
export function onAccepted(order: Order, now: Date, config: DeadlineConfig): void {
  order.acceptedAt = now;
  order.acceptanceDeadline = null;
  if (order.paymentWorkflow === PaymentWorkflow.PAY_ON_ACCEPTANCE) {
    order.paymentDeadline = new Date(order.createdAt.getTime() + config.paymentTimeoutMs);
  } else {
    order.shippingDeadline = addBusinessDays(now, order.leadTimeToShipDays);
  }
}

export function onRefused(order: Order): void {
  order.acceptanceDeadline = null;
}

export function onPaid(order: Order, now: Date): void {
  order.paidAt = now;
  order.paymentDeadline = null;
  order.shippingDeadline = addBusinessDays(now, order.leadTimeToShipDays);
}

export function onPaymentEnded(order: Order): void {
  order.paymentDeadline = null;
}

/** Only carriers that report deliveries themselves leave the order to them; others fall back to a timer. */
export function onShipped(order: Order, now: Date, config: DeadlineConfig): void {
  order.shippedAt = now;
  const integrated = order.trackingCarrierCode ? findCarrier(order.trackingCarrierCode)?.integrated : false;
  order.deliveryFallbackAt = integrated ? null : new Date(now.getTime() + config.deliveryFallbackMs);
}

/** Cash on delivery is paid when the parcel is handed over. */
export function onReceived(order: Order, receivedAt: Date, config: DeadlineConfig): void {
  order.receivedAt = receivedAt;
  order.paidAt ??= receivedAt;
  order.deliveryFallbackAt = null;
  order.closeAt = new Date(receivedAt.getTime() + config.closeAfterMs);
}

export function onClosed(order: Order, now: Date): void {
  order.closedAt = now;
  order.closeAt = null;
}

/** Once nothing is left to ship, no shipping deadline can be missed. */
export function onNothingLeftToShip(order: Order): void {
  order.shippingDeadline = null;
  order.paymentDeadline = null;
}

/**
 * A deadline column only stays set while its wait is still possible: after any change (a refund of
 * everything, a cancel) the sweeper must not keep picking an order whose timer can never fire.
 */
export function clearStaleDeadlines(order: Order): void {
  const states = new Set(order.lines.getItems().map((line) => line.state));
  if (!states.has(OrderLineState.WAITING_ACCEPTANCE)) order.acceptanceDeadline = null;
  if (!states.has(OrderLineState.WAITING_DEBIT_PAYMENT)) order.paymentDeadline = null;
  if (!states.has(OrderLineState.SHIPPED)) order.deliveryFallbackAt = null;
  if (order.state !== OrderState.RECEIVED) order.closeAt = null;
}

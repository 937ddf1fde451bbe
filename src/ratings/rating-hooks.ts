import { Viewer } from '../auth/viewer';
import type { AppContext } from '../context';
import { OrderAction } from '../orders/order-actions';
import { orderHooks } from '../orders/order-hooks';
import { Order } from '../orders/order.entity';
import { checkCanRate, mayRate } from './rating-steps';

/** RATE is offered by the same check the mutation makes (same RATING_WINDOW), to those who may rate. */
async function ratingActions(order: Order, viewer: Viewer, now: Date, context: AppContext): Promise<OrderAction[]> {
  if (!mayRate(viewer) || !order.receivedAt) return [];
  const rated = (await context.loaders.ratingByOrder.load(order.uuid)) !== null;
  return checkCanRate(order, rated, now, context.config.ratingWindowMs) ? [] : [OrderAction.RATE];
}

/** Joins ratings to the orders module (src/wiring.ts). */
export function installRatings(): void {
  orderHooks.availableActions.push(ratingActions);
}

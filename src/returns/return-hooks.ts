import { Viewer } from '../auth/viewer';
import type { AppContext } from '../context';
import { OrderAction } from '../orders/order-actions';
import { orderHooks } from '../orders/order-hooks';
import { Order } from '../orders/order.entity';
import { checkCanRequestReturn, mayRequestReturn } from './return-steps';

/**
 * REQUEST_RETURN is offered by the same check the mutation makes, to those who may request; what
 * the check needs beyond the order comes batched through the request's loaders.
 */
async function returnActions(order: Order, viewer: Viewer, now: Date, context: AppContext): Promise<OrderAction[]> {
  if (!mayRequestReturn(viewer) || !order.receivedAt) return [];
  const returnContext = await context.loaders.returnContext.load(order.uuid);
  return checkCanRequestReturn(order, returnContext, now) ? [] : [OrderAction.REQUEST_RETURN];
}

/** Joins returns to the orders module (src/wiring.ts). */
export function installReturns(): void {
  orderHooks.availableActions.push(returnActions);
}

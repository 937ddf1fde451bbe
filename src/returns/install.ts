import { registerLoaders } from '../common/loaders';
import { validateMachine } from '../common/step-machine';
import { orderMachine } from '../orders/order.machine';
import { returnLoaders } from './return.loaders';
import { openReturnHoldsOrder, REQUEST_RETURN } from './return.machine';
import { orderHooks } from '../orders/order-hooks';

/** Joins returns to orders (requesting one is an order step; an open return holds its order open) and to the request loaders (src/wiring.ts). */
export function installReturns(): void {
  orderMachine.steps.REQUEST_RETURN = REQUEST_RETURN;
  validateMachine(orderMachine);
  orderHooks.closingHeld.push(openReturnHoldsOrder);
  registerLoaders(returnLoaders);
}

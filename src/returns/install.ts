import { registerLoaders } from '../common/loaders';
import { validateMachine } from '../common/step-machine';
import { orderMachine } from '../orders/order.machine';
import { returnLoaders } from './return.loaders';
import { REQUEST_RETURN } from './return.machine';

/** Joins returns to orders (requesting one is an order step) and to the request loaders (src/wiring.ts). */
export function installReturns(): void {
  orderMachine.steps.REQUEST_RETURN = REQUEST_RETURN;
  validateMachine(orderMachine);
  registerLoaders(returnLoaders);
}

import { registerLoaders } from '../common/loaders';
import { orderLoaders } from './order.loaders';

/** Joins orders to the request loaders (src/wiring.ts); their steps are in order.machine.ts. */
export function installOrders(): void {
  registerLoaders(orderLoaders);
}

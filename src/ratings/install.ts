import { registerLoaders } from '../common/loaders';
import { validateMachine } from '../common/step-machine';
import { orderMachine } from '../orders/order.machine';
import { ratingLoaders } from './rating.loaders';
import { RATE } from './rating.machine';

/** Joins ratings to orders (rating is an order step) and to the request loaders (src/wiring.ts). */
export function installRatings(): void {
  orderMachine.steps.RATE = RATE;
  validateMachine(orderMachine);
  registerLoaders(ratingLoaders);
}

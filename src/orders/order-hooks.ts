import { StepTx } from '../common/step-machine';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';

/**
 * Points where modules built on orders join an order change in its own transaction, so orders
 * never import them (dependencies point one way: incidents, returns... use orders). What they
 * offer on an order are steps they add to the order machine (order.machine.ts), not hooks.
 */
export const orderHooks = {
  /** Lines whose whole value has just been refunded (an open incident on them closes). */
  linesFullyRefunded: [] as ((tx: StepTx, order: Order, lines: readonly OrderLine[]) => Promise<void>)[],
};

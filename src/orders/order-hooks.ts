import { StepTx } from '../common/step-machine';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';

/**
 * Points where modules built on orders join an order change in its own transaction, so orders
 * never import them (dependencies point one way: incidents, returns... use orders). What they
 * offer on an order are steps they add to the order machine (order.machine.ts), not hooks.
 */
export const orderHooks = {
  /** Lines that have just been refunded, in full or in part (an open incident on them closes). */
  linesRefunded: [] as ((tx: StepTx, order: Order, lines: readonly OrderLine[]) => Promise<void>)[],
  /** Lines just handed to the carrier or made ready for pickup, those under an incident included (the shop's answer to it). */
  linesShipped: [] as ((tx: StepTx, order: Order, lines: readonly OrderLine[]) => Promise<void>)[],
  /** Whether something on a RECEIVED order keeps it from closing (an open return); read after the step's own changes. */
  closingHeld: [] as ((tx: StepTx, order: Order) => Promise<boolean>)[],
};

import { Viewer } from '../auth/viewer';
import { Tx } from '../common/transaction';
import type { AppContext } from '../context';
import { OrderAction } from './order-actions';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';

/**
 * Points where modules built on orders join an order change in its own transaction, so orders
 * never import them (dependencies point one way: incidents, returns... use orders).
 */
export const orderHooks = {
  /**
   * Actions other modules offer on an order (OPEN_INCIDENT, REQUEST_RETURN, RATE), each computed
   * by the same guard its mutation checks, so `availableActions` never offers what is refused.
   * Runs for every order of a page: read through `context.loaders` (batched), never one query per
   * order (test/orders-query.test.ts counts the statements of a page).
   */
  availableActions: [] as ((order: Order, viewer: Viewer, now: Date, context: AppContext) => Promise<OrderAction[]>)[],
  /** Lines whose whole value has just been refunded (an open incident on them closes). */
  linesFullyRefunded: [] as ((tx: Tx, order: Order, lines: readonly OrderLine[]) => Promise<void>)[],
};

import { installIncidents } from './incidents/install';
import { installNotifications } from './notifications/install';
import { installRatings } from './ratings/rating-hooks';
import { installReturns } from './returns/return-hooks';

/**
 * Joins the modules built on orders to the shared mechanisms, once per process: transaction hooks
 * (src/common/transaction.ts), order hooks (src/orders/order-hooks.ts) and sweep jobs
 * (src/timers/sweeper.ts). Each module exports one `install` function; list it here.
 */
const installers: (() => void)[] = [installIncidents, installNotifications, installReturns, installRatings];

let wired = false;

export function wireModules(): void {
  if (wired) return;
  wired = true;
  for (const install of installers) install();
}

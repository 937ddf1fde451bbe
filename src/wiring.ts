import { installIncidents } from './incidents/install';
import { installMessages } from './messages/install';
import { installNotifications } from './notifications/install';
import { installOrders } from './orders/install';
import { installRatings } from './ratings/install';
import { installReturns } from './returns/install';

/**
 * Joins the modules to the shared mechanisms, once per process: request loaders
 * (src/common/loaders.ts), steps added to other modules' machines (src/common/step-machine.ts),
 * hooks (src/orders/order-hooks.ts, src/messages/message-hooks.ts) and transaction hooks
 * (src/common/transaction.ts). Each module exports one `install` function; list it here.
 */
const installers: (() => void)[] = [
  installOrders,
  installMessages,
  installIncidents,
  installNotifications,
  installReturns,
  installRatings,
];

let wired = false;

export function wireModules(): void {
  if (wired) return;
  wired = true;
  for (const install of installers) install();
}

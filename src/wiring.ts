import { registerLoaders } from './common/loaders';
import { installIncidents } from './incidents/install';
import { messageLoaders } from './messages/message.loaders';
import { installNotifications } from './notifications/install';
import { orderLoaders } from './orders/order.loaders';
import { installRatings } from './ratings/install';
import { installReturns } from './returns/install';

/**
 * Joins the modules to the shared mechanisms, once per process: request loaders
 * (src/common/loaders.ts), steps added to other modules' machines (src/common/step-machine.ts),
 * hooks (src/orders/order-hooks.ts, src/messages/message-hooks.ts) and transaction hooks
 * (src/common/transaction.ts). Each module exports one `install` function; list it here.
 */
const installers: (() => void)[] = [
  () => registerLoaders(orderLoaders),
  () => registerLoaders(messageLoaders),
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

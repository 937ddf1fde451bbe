import { registerLoaders } from '../common/loaders';
import { beforeCommitHooks } from '../common/transaction';
import { notificationLoaders } from './notification.queries';
import { writeNotifications } from './outbox';

/** Joins notifications to every transaction that records events (src/wiring.ts). */
export function installNotifications(): void {
  beforeCommitHooks.push(writeNotifications);
  registerLoaders(notificationLoaders);
}

import { messageHooks } from '../messages/message-hooks';
import { orderHooks } from '../orders/order-hooks';
import { sweepJobs } from '../timers/sweeper';
import { closeRefundedIncidents, onThreadMessage } from './incident-actions';
import { incidentActions } from './incident-rules';
import { incidentCloseJob } from './incident-sweep';

/** Joins incidents to orders (OPEN_INCIDENT offered, full refunds), messages (the shop's answer) and the sweeper. */
export function installIncidents(): void {
  orderHooks.availableActions.push(async (order, viewer) => incidentActions(order, viewer));
  orderHooks.linesFullyRefunded.push(closeRefundedIncidents);
  messageHooks.posted.push(onThreadMessage);
  sweepJobs.push(incidentCloseJob);
}

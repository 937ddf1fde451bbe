import { registerLoaders } from '../common/loaders';
import { validateMachine } from '../common/step-machine';
import { messageHooks } from '../messages/message-hooks';
import { orderHooks } from '../orders/order-hooks';
import { orderMachine } from '../orders/order.machine';
import { incidentLoaders } from './incident.loaders';
import { answerNewIncidents, answerShippedIncidents, closeRefundedIncidents, OPEN_INCIDENT } from './incident.machine';

/** Joins incidents to orders (opening one is an order step; refunds close them, shipping answers them), messages (the shop's answer) and the request loaders. */
export function installIncidents(): void {
  orderMachine.steps.OPEN_INCIDENT = OPEN_INCIDENT;
  validateMachine(orderMachine);
  orderHooks.linesRefunded.push(closeRefundedIncidents);
  orderHooks.linesShipped.push(answerShippedIncidents);
  messageHooks.posted.push(answerNewIncidents);
  registerLoaders(incidentLoaders);
}

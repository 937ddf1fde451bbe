import { ErrorResult, InvalidStateError, ValidationError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { AcceptOrderInput } from './order.schema';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';

/** Splits the waiting lines by the seller's decisions; every waiting line must be decided, once. Without decisions all are accepted. */
export function decideLines(waiting: readonly OrderLine[], input: AcceptOrderInput): { accepted: OrderLine[]; refused: OrderLine[] } | ValidationError {
  if (!input.lines) return { accepted: [...waiting], refused: [] };
  const decisions = new Map<string, boolean>();
  for (const [i, decision] of input.lines.entries()) {
    const uuid = localIdOf('OrderLine', decision.lineId);
    const line = waiting.find((candidate) => candidate.uuid === uuid);
    if (!line) return new ValidationError(['input', 'lines', i, 'lineId'], 'is not a line of this order waiting for acceptance');
    if (decisions.has(line.uuid)) return new ValidationError(['input', 'lines', i, 'lineId'], 'is decided twice');
    decisions.set(line.uuid, decision.accepted);
  }
  if (decisions.size !== waiting.length) return new ValidationError(['input', 'lines'], 'must decide every line waiting for acceptance');
  return {
    accepted: waiting.filter((line) => decisions.get(line.uuid)),
    refused: waiting.filter((line) => !decisions.get(line.uuid)),
  };
}

/** The lines a cancellation names (each must be cancellable), or all cancellable lines when it names none. */
export function pickCancelLines(order: Order, cancellable: readonly OrderLine[], lineIds: readonly string[] | null | undefined): OrderLine[] | ErrorResult {
  if (!lineIds) return [...cancellable];
  const lines: OrderLine[] = [];
  for (const [i, lineId] of lineIds.entries()) {
    const line = order.lines.getItems().find((candidate) => candidate.uuid === localIdOf('OrderLine', lineId));
    if (!line) return new ValidationError(['input', 'lineIds', i], 'is not a line of this order');
    if (!cancellable.includes(line)) return new InvalidStateError(order.state, `Line ${line.index} is ${line.state} and cannot be canceled`);
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

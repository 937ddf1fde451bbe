import { AmountExceedsRefundableError, ValidationError } from '../common/errors';
import { localIdOf } from '../common/global-id';
import { Money } from '../common/money';
import { StepTx } from '../common/step-machine';
import { checkList, parseAmount } from '../common/validation';
import { orderHooks } from './order-hooks';
import { RefundOrderInput } from './order.schema';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';
import { canTransition, moveLines, OrderLineState } from './order.status';
import { Refund, RefundReason } from './refund.entity';

/** Lines whose money the customer has paid can be refunded, in any state but these. */
const NOT_REFUNDABLE = new Set([OrderLineState.WAITING_ACCEPTANCE, OrderLineState.WAITING_DEBIT_PAYMENT, OrderLineState.REFUSED, OrderLineState.REFUNDED]);

/** What the customer paid for the line and has not got back yet. */
export function refundableMinor(order: Order, line: OrderLine): number {
  if (!order.paidAt || NOT_REFUNDABLE.has(line.state)) return 0;
  return line.refundableMinor;
}

export interface LineRefund {
  line: OrderLine;
  amountMinor: number;
}

/** Matches each requested line to the order and its amount to what is left refundable on it. */
export function planRefunds(order: Order, input: RefundOrderInput): LineRefund[] | ValidationError | AmountExceedsRefundableError {
  const listProblem = checkList(['input', 'lines'], input.lines, 1, 100);
  if (listProblem) return listProblem;
  const plan: LineRefund[] = [];
  for (const [i, requested] of input.lines.entries()) {
    const uuid = localIdOf('OrderLine', requested.lineId);
    const line = order.lines.getItems().find((candidate) => candidate.uuid === uuid);
    if (!line) return new ValidationError(['input', 'lines', i, 'lineId'], 'is not a line of this order');
    if (plan.some((planned) => planned.line === line)) return new ValidationError(['input', 'lines', i, 'lineId'], 'is listed twice');
    const refundable = refundableMinor(order, line);
    let amountMinor = refundable;
    if (requested.amount !== null && requested.amount !== undefined) {
      const parsed = parseAmount(['input', 'lines', i, 'amount'], requested.amount, 1, Number.MAX_SAFE_INTEGER);
      if (parsed instanceof ValidationError) return parsed;
      amountMinor = parsed;
    }
    if (amountMinor === 0 || amountMinor > refundable) {
      return new AmountExceedsRefundableError(new Money(refundable), `Line ${line.index} has ${new Money(refundable).amount} left to refund`);
    }
    plan.push({ line, amountMinor });
  }
  return plan;
}

/** Records the refunds; lines whose whole value went back become REFUNDED (a canceled line stays CANCELED). */
export async function applyRefunds(tx: StepTx, order: Order, plan: readonly LineRefund[], reason: RefundReason): Promise<Refund[]> {
  const refunds: Refund[] = [];
  const fullyRefunded: OrderLine[] = [];
  for (const { line, amountMinor } of plan) {
    line.refundedMinor += amountMinor;
    refunds.push(tx.em.create(Refund, { order, line, amountMinor, reason, createdAt: tx.now }));
    if (line.refundableMinor === 0 && canTransition(line.state, OrderLineState.REFUNDED)) {
      moveLines([line], OrderLineState.REFUNDED);
      fullyRefunded.push(line);
    }
  }
  if (fullyRefunded.length > 0) for (const hook of orderHooks.linesFullyRefunded) await hook(tx, order, fullyRefunded);
  return refunds;
}

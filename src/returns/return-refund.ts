import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { AmountExceedsRefundableError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { Money } from '../common/money';
import { parseAmount } from '../common/validation';
import { refundableMinor } from '../orders/order-actions';
import { Order } from '../orders/order.entity';
import { applyRefunds, LineRefund } from '../orders/order-refunds';
import { commitOrderChange } from '../orders/order-workflow';
import { Return, ReturnRefund } from './return.entity';
import { RefundReturnInput } from './return.inputs';
import { REFUND_REASON_OF } from './return-status';
import { ReturnOutcome, runReturnCommand } from './return-workflow';

/**
 * What each returned line can give back: the value of the returned units, but never more than is
 * still refundable on the line (money an earlier refundOrder paid back is not paid twice).
 */
function capsOf(ret: Return, order: Order): LineRefund[] {
  return ret.lines
    .getItems()
    .map(({ line, quantity }) => {
      const orderLine = order.lines.getItems().find((candidate) => candidate.uuid === line.uuid)!;
      return { line: orderLine, amountMinor: Math.min(orderLine.unitPriceMinor * quantity, refundableMinor(order, orderLine)) };
    })
    .sort((a, b) => a.line.index - b.line.index);
}

/**
 * Omitted amount: every line its cap. A given amount: at most the sum of the caps (otherwise
 * AmountExceedsRefundableError), spread over the lines in line order, each filled up to its cap.
 */
function planReturnRefund(caps: LineRefund[], amount: string | null | undefined): LineRefund[] | ValidationError | AmountExceedsRefundableError {
  const refundable = caps.reduce((sum, cap) => sum + cap.amountMinor, 0);
  if (amount === null || amount === undefined) return caps.filter((cap) => cap.amountMinor > 0);
  const requested = parseAmount(['input', 'amount'], amount, 1, Number.MAX_SAFE_INTEGER);
  if (requested instanceof ValidationError) return requested;
  if (requested > refundable) {
    return new AmountExceedsRefundableError(new Money(refundable), `This return has ${new Money(refundable).amount} left to refund`);
  }
  const plan: LineRefund[] = [];
  let left = requested;
  for (const cap of caps) {
    const amountMinor = Math.min(cap.amountMinor, left);
    if (amountMinor > 0) plan.push({ line: cap.line, amountMinor });
    left -= amountMinor;
  }
  return plan;
}

/**
 * The shop pays the returned units back: Refund rows through the orders module (lines whose whole
 * value went back become REFUNDED), an ORDER_REFUNDED event for the order, then the return is
 * REFUNDED. When an earlier refund already paid everything back, the return closes with no new refund.
 */
export function refundReturn(em: EntityManager, viewer: Viewer, input: RefundReturnInput): Promise<ReturnOutcome> {
  return runReturnCommand(em, {
    step: 'REFUND',
    viewer,
    returnId: input.returnId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    async apply(ret, order, tx) {
      const plan = planReturnRefund(capsOf(ret, order), input.amount);
      if (!Array.isArray(plan)) return plan;
      const total = plan.reduce((sum, entry) => sum + entry.amountMinor, 0);
      if (plan.length > 0) {
        const fromState = order.state;
        const reason = REFUND_REASON_OF[ret.reason];
        const refunds = await applyRefunds(tx, order, plan, reason);
        for (const refund of refunds) tx.em.create(ReturnRefund, { return: ret, refund });
        commitOrderChange(tx, order, fromState, {
          event: EventType.ORDER_REFUNDED,
          data: {
            reason,
            returnId: ret.id,
            lines: plan.map(({ line, amountMinor }) => ({ lineId: line.id, amount: new Money(amountMinor).amount })),
          },
        });
      }
      ret.refundedAt = tx.now;
      return { data: { amount: new Money(total).amount } };
    },
  });
}

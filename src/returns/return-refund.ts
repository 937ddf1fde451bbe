import { AmountExceedsRefundableError, ValidationError } from '../common/errors';
import { Money } from '../common/money';
import { parseAmount } from '../common/validation';
import { Order } from '../orders/order.entity';
import { LineRefund, refundableMinor } from '../orders/order-refunds';
import { Return } from './return.entity';

/**
 * What each returned line can give back: the value of the returned units, but never more than is
 * still refundable on the line (money an earlier refundOrder paid back is not paid twice).
 */
export function capsOf(ret: Return, order: Order): LineRefund[] {
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
export function planReturnRefund(caps: LineRefund[], amount: string | null | undefined): LineRefund[] | ValidationError | AmountExceedsRefundableError {
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

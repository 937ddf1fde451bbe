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
import { Refund, RefundReason, ShippingRefund } from './refund.entity';

/** Lines whose money the customer has paid can be refunded, in any state but these. */
const NOT_REFUNDABLE = new Set([OrderLineState.WAITING_ACCEPTANCE, OrderLineState.WAITING_DEBIT_PAYMENT, OrderLineState.REFUSED, OrderLineState.REFUNDED]);

/** What the customer paid for the line and has not got back yet. */
export function refundableMinor(order: Order, line: OrderLine): number {
  if (!order.paidAt || NOT_REFUNDABLE.has(line.state)) return 0;
  return line.refundableMinor;
}

/** Whether anything on the order, a line or the shipping, can still be refunded. */
export function anythingRefundable(order: Order): boolean {
  return order.shippingRefundableMinor > 0 || order.lines.getItems().some((line) => refundableMinor(order, line) > 0);
}

export interface LineRefund {
  line: OrderLine;
  amountMinor: number;
}

/** What one refund pays back: amounts per line, and of the shipping (0: none). */
export interface RefundPlan {
  lines: LineRefund[];
  shippingMinor: number;
}

/**
 * The shipping part of a refund: a positive amount, at most what is left of the shipping price
 * (the seller's help: after a withdrawal or an upheld complaint the shop refunds the delivery too).
 */
export function planShippingRefund(order: Order, shipping: string | null | undefined): number | ValidationError | AmountExceedsRefundableError {
  if (shipping === null || shipping === undefined) return 0;
  const amountMinor = parseAmount(['input', 'shipping'], shipping, 1, Number.MAX_SAFE_INTEGER);
  if (amountMinor instanceof ValidationError) return amountMinor;
  const refundable = order.shippingRefundableMinor;
  if (amountMinor > refundable) return new AmountExceedsRefundableError(new Money(refundable), `The shipping has ${new Money(refundable).amount} left to refund`);
  return amountMinor;
}

/** Matches each requested line to the order and its amount to what is left refundable on it; the shipping likewise. */
export function planRefunds(order: Order, input: RefundOrderInput): RefundPlan | ValidationError | AmountExceedsRefundableError {
  const withShipping = input.shipping !== null && input.shipping !== undefined;
  const listProblem = checkList(['input', 'lines'], input.lines, withShipping ? 0 : 1, 100);
  if (listProblem) return listProblem;
  const lines: LineRefund[] = [];
  for (const [i, requested] of input.lines.entries()) {
    const uuid = localIdOf('OrderLine', requested.lineId);
    const line = order.lines.getItems().find((candidate) => candidate.uuid === uuid);
    if (!line) return new ValidationError(['input', 'lines', i, 'lineId'], 'is not a line of this order');
    if (lines.some((planned) => planned.line === line)) return new ValidationError(['input', 'lines', i, 'lineId'], 'is listed twice');
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
    lines.push({ line, amountMinor });
  }
  const shippingMinor = planShippingRefund(order, input.shipping);
  if (typeof shippingMinor !== 'number') return shippingMinor;
  return { lines, shippingMinor };
}

/**
 * Records the refunds: a Refund per line (a line whose whole value went back becomes REFUNDED; a
 * canceled line stays CANCELED) and a ShippingRefund for the shipping part. The refunded lines are
 * handed to the hooks (an open incident on them closes).
 */
export async function applyRefunds(tx: StepTx, order: Order, plan: RefundPlan, reason: RefundReason): Promise<Refund[]> {
  const refunds: Refund[] = [];
  for (const { line, amountMinor } of plan.lines) {
    line.refundedMinor += amountMinor;
    refunds.push(tx.em.create(Refund, { order, line, amountMinor, reason, createdAt: tx.now }));
    if (line.refundableMinor === 0 && canTransition(line.state, OrderLineState.REFUNDED)) moveLines([line], OrderLineState.REFUNDED);
  }
  if (plan.shippingMinor > 0) {
    order.shippingRefundedMinor += plan.shippingMinor;
    tx.em.create(ShippingRefund, { order, amountMinor: plan.shippingMinor, reason, createdAt: tx.now });
  }
  const refunded = plan.lines.map(({ line }) => line);
  if (refunded.length > 0) for (const hook of orderHooks.linesRefunded) await hook(tx, order, refunded);
  return refunds;
}

/** The ORDER_REFUNDED event's data: the reason, each line's amount and the shipping's (when refunded). */
export function refundEventData(reason: RefundReason, plan: RefundPlan, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const lines = plan.lines.map(({ line, amountMinor }) => ({ lineId: line.id, amount: new Money(amountMinor).amount }));
  return { reason, ...extra, lines, ...(plan.shippingMinor > 0 ? { shipping: new Money(plan.shippingMinor).amount } : {}) };
}

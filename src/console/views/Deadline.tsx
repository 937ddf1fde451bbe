import type { OrderRowFragment } from '../generated/graphql';
import { formatDateTime, formatDuration, useNow } from '../format';
import { MessageKey, useI18n } from '../i18n';

/** The deadline that applies in the order's state, if any: what the seller must beat next. */
export function currentDeadline(order: OrderRowFragment): { at: string; kind: MessageKey } | null {
  if (order.state === 'WAITING_ACCEPTANCE' && order.acceptanceDeadline) return { at: order.acceptanceDeadline, kind: 'deadline.acceptance' };
  if (order.state === 'WAITING_DEBIT_PAYMENT' && order.paymentDeadline) return { at: order.paymentDeadline, kind: 'deadline.payment' };
  if (order.state === 'SHIPPING' && order.shippingDeadline) return { at: order.shippingDeadline, kind: 'deadline.shipping' };
  return null;
}

/** A live countdown ("za 5 h 03 min"), red once past. */
export function Countdown(props: { at: string }) {
  const { t, language } = useI18n();
  const now = useNow();
  const left = new Date(props.at).getTime() - now;
  return (
    <time dateTime={props.at} title={formatDateTime(props.at, language)} class={left < 0 ? 'countdown late' : 'countdown'}>
      {left >= 0 ? t('deadline.in', { t: formatDuration(left) }) : t('deadline.past', { t: formatDuration(left) })}
    </time>
  );
}

export function OrderDeadline(props: { order: OrderRowFragment }) {
  const { t } = useI18n();
  const deadline = currentDeadline(props.order);
  if (!deadline) return <span>—</span>;
  return (
    <span>
      {t(deadline.kind)}: <Countdown at={deadline.at} />
    </span>
  );
}

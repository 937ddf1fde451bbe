import { useEffect, useState } from 'preact/hooks';
import { ConsoleOrderDocument, OrderDetailFragment, OrderOutcomeFragment } from '../generated/graphql';
import { formatDateTime, formatMoney } from '../format';
import { useI18n } from '../i18n';
import { codeLabel } from '../labels';
import { href } from '../router';
import { useApi, useSession } from '../session-context';
import { Conversation } from './Conversation';
import { OrderDeadline } from './Deadline';
import { OrderActions } from './OrderActions';
import { ErrorOutcome, RequestProblem } from './Outcome';

/**
 * One order with everything the seller needs to act on it. A change pushed for this order (by
 * anyone: the customer, an operator, a timer) reloads it, so the buttons always match its
 * availableActions as they are now.
 */
export function OrderDetail(props: { id: string }) {
  const { t, language, locale } = useI18n();
  const session = useSession();
  const api = useApi();
  const [order, setOrder] = useState<OrderDetailFragment | null | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api(ConsoleOrderDocument, { id: props.id, locale })
      .then((data) => current && (setOrder(data.order), setProblem(null)))
      .catch((error) => current && setProblem(error));
    return () => {
      current = false;
    };
  }, [props.id, locale, reloads]);

  const reload = () => setReloads((n) => n + 1);
  useEffect(() => session.feed.reconnected.listen(reload), [session.feed]);
  useEffect(() => session.feed.orders.listen((changed) => changed.id === props.id && reload()), [session.feed, props.id]);

  const run = async (mutation: (common: { orderId: string; expectedVersion: number; idempotencyKey: string }) => Promise<OrderOutcomeFragment>): Promise<ErrorOutcome | null> => {
    if (!order) return null;
    try {
      const result = await mutation({ orderId: order.id, expectedVersion: order.version, idempotencyKey: crypto.randomUUID() });
      if (result.__typename === 'Order') {
        setOrder(result as OrderDetailFragment);
        return null;
      }
      // Someone else changed the order meanwhile: show it as it is now, with the message.
      if (result.__typename === 'VersionConflictError') reload();
      return result as ErrorOutcome;
    } catch (error) {
      setProblem(error);
      return null;
    }
  };

  if (order === undefined) return problem ? <RequestProblem error={problem} /> : <p>{t('loading')}</p>;
  if (order === null)
    return (
      <section>
        <p>
          <a href={href('orders')}>{t('order.back')}</a>
        </p>
        <p role="alert">{t('order.notFound')}</p>
      </section>
    );
  return (
    <article class="order" aria-labelledby="order-heading" data-order-id={order.id} data-state={order.state}>
      <p>
        <a href={href('orders')}>{t('order.back')}</a>
      </p>
      <h1 id="order-heading">{t('order.heading', { ref: order.reference })}</h1>
      <RequestProblem error={problem} />
      <dl class="summary">
        <dt>{t('orders.state')}</dt>
        <dd class="state">{order.stateLabel}</dd>
        <dt>{t('orders.customer')}</dt>
        <dd>{order.customer.displayName}</dd>
        <dt>{t('orders.total')}</dt>
        <dd>{formatMoney(order.totalPrice, language)}</dd>
        <dt>{t('orders.deadline')}</dt>
        <dd>
          <OrderDeadline order={order} />
        </dd>
        <dt>{t('orders.placed')}</dt>
        <dd>{formatDateTime(order.createdAt, language)}</dd>
      </dl>

      <OrderActions order={order} run={run} />

      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('order.lines')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('order.product')}</th>
              <th scope="col">{t('order.quantity')}</th>
              <th scope="col">{t('order.price')}</th>
              <th scope="col">{t('order.lineState')}</th>
              <th scope="col">{t('order.refunded')}</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr data-line-state={line.state}>
                <td>
                  {line.productTitle} <small>{line.offerSku}</small>
                </td>
                <td>{line.quantity}</td>
                <td class="money">{formatMoney(line.price, language)}</td>
                <td>{line.stateLabel}</td>
                <td class="money">{formatMoney(line.refundedAmount, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div class="columns">
        <section aria-labelledby="address-heading">
          <h2 id="address-heading">{t('order.address')}</h2>
          {order.shippingAddress ? (
            <address>
              {order.shippingAddress.name}
              <br />
              {order.shippingAddress.street}
              <br />
              {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.countryCode}
              {order.shippingAddress.phone && (
                <>
                  <br />
                  {order.shippingAddress.phone}
                </>
              )}
            </address>
          ) : (
            <p>{t('order.addressHidden')}</p>
          )}
        </section>
        <section aria-labelledby="tracking-heading">
          <h2 id="tracking-heading">{t('order.tracking')}</h2>
          {order.tracking ? (
            <p class="tracking">
              {order.tracking.carrierName}:{' '}
              {order.tracking.trackingUrl ? (
                <a href={order.tracking.trackingUrl} rel="noopener noreferrer" target="_blank">
                  {order.tracking.trackingNumber}
                </a>
              ) : (
                order.tracking.trackingNumber
              )}
            </p>
          ) : (
            <p>{t('order.noTracking')}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="refunds-heading">
        <h2 id="refunds-heading">{t('order.refunds')}</h2>
        {order.refunds.length === 0 ? (
          <p>{t('order.none')}</p>
        ) : (
          <ul>
            {order.refunds.map((refund) => (
              <li>
                {formatDateTime(refund.createdAt, language)}: {refund.line.productTitle} — {formatMoney(refund.amount, language)} ({codeLabel(refund.reason, language)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <div class="columns">
        <section aria-labelledby="incidents-heading">
          <h2 id="incidents-heading">{t('order.incidents')}</h2>
          {order.incidents.length === 0 ? (
            <p>{t('order.none')}</p>
          ) : (
            <ul>
              {order.incidents.map((incident) => (
                <li>
                  <a href={href('incidents', { orderId: order.id })}>
                    {codeLabel(incident.reason, language)} — {codeLabel(incident.status, language)}
                  </a>{' '}
                  ({formatDateTime(incident.openedAt, language)})
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="returns-heading">
          <h2 id="returns-heading">{t('order.returns')}</h2>
          {order.returns.length === 0 ? (
            <p>{t('order.none')}</p>
          ) : (
            <ul>
              {order.returns.map((ret) => (
                <li>
                  <a href={href('returns', { orderId: order.id })}>
                    {codeLabel(ret.reason, language)} — {codeLabel(ret.status, language)}
                  </a>{' '}
                  ({formatDateTime(ret.requestedAt, language)})
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="rating-heading">
          <h2 id="rating-heading">{t('order.rating')}</h2>
          {order.rating ? (
            <p>
              <a href={href('ratings')}>{'★'.repeat(order.rating.grade) + '☆'.repeat(5 - order.rating.grade)}</a> {order.rating.comment}
              {order.rating.reply && <q>{order.rating.reply.body}</q>}
            </p>
          ) : (
            <p>{t('order.none')}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('order.timeline')}</h2>
        <ol class="timeline">
          {order.timeline.edges.map(({ node: event }) => (
            <li>
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, language)}</time> {codeLabel(event.type, language)}
              {event.toState && ` → ${codeLabel(event.toState, language)}`} <small>({event.actor.displayName})</small>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="thread-heading">
        <h2 id="thread-heading">{t('order.thread')}</h2>
        <Conversation threadId={order.thread?.id ?? null} orderId={order.id} />
      </section>
    </article>
  );
}

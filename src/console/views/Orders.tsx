import { useEffect, useState } from 'preact/hooks';
import { ConsoleOrdersDocument, ConsoleOrdersQuery, OrderFilter, OrderRowFragment, OrderState } from '../generated/graphql';
import { formatDateTime, formatMoney } from '../format';
import { useI18n } from '../i18n';
import { ORDER_STATE_LABELS, ORDER_STATES } from '../labels';
import { href, navigate } from '../router';
import { useApi, useSession } from '../session-context';
import { OrderDeadline } from './Deadline';
import { RequestProblem } from './Outcome';

const PAGE = 20;

type Page = ConsoleOrdersQuery['orders'];

function filterFrom(query: URLSearchParams, shopId: string | null): OrderFilter {
  const states = (query.get('states') ?? '').split(',').filter((state): state is OrderState => ORDER_STATES.includes(state as OrderState));
  return {
    states: states.length ? states : undefined,
    search: query.get('search') || undefined,
    overdue: query.get('overdue') === '1' ? true : undefined,
    shopId: shopId ?? undefined,
  };
}

/** Whether a pushed order belongs on this page as the filter stands (search is the server's to judge). */
function fits(order: OrderRowFragment, filter: OrderFilter): boolean {
  if (filter.states && !filter.states.includes(order.state)) return false;
  if (filter.shopId && order.shop.id !== filter.shopId) return false;
  return true;
}

/**
 * Orders, newest first, filtered by state and search, paged by cursor. orderChanged (and the
 * events replay after a reconnect) update rows in place; a new order fitting the filter appears at
 * the top of the first page. Rows that leave the filter stay until the next load, struck through,
 * so the seller sees what just happened to them.
 */
export function Orders(props: { query: URLSearchParams }) {
  const { t, language, locale } = useI18n();
  const session = useSession();
  const api = useApi();
  const filter = filterFrom(props.query, session.viewer.role === 'OPERATOR' ? session.shopId : null);
  const after = props.query.get('after') ?? undefined;
  const before = props.query.get('before') ?? undefined;
  const [page, setPage] = useState<Page | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify([filter, after, before, locale, reloads]);

  useEffect(() => {
    let current = true;
    const variables = before ? { filter, last: PAGE, before, locale } : { filter, first: PAGE, after, locale };
    api(ConsoleOrdersDocument, variables)
      .then((data) => current && (setPage(data.orders), setProblem(null)))
      .catch((error) => current && setProblem(error));
    return () => {
      current = false;
    };
  }, [key]);

  useEffect(() => session.feed.reconnected.listen(() => setReloads((n) => n + 1)), [session.feed]);

  useEffect(
    () =>
      session.feed.orders.listen((order) =>
        setPage((shown) => {
          if (!shown) return shown;
          const index = shown.edges.findIndex((edge) => edge.node.id === order.id);
          if (index >= 0) {
            const edges = [...shown.edges];
            edges[index] = { ...edges[index], node: order };
            return { ...shown, edges };
          }
          const firstPage = !after && !before;
          if (!firstPage || !fits(order, filter) || filter.search) return shown;
          return { ...shown, totalCount: shown.totalCount + 1, edges: [{ __typename: 'OrderEdge', node: order }, ...shown.edges] };
        }),
      ),
    [key],
  );

  const setQuery = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = Object.fromEntries(props.query.entries());
    delete next.after;
    delete next.before;
    navigate('orders', { ...next, ...changes });
  };

  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">{t('orders.heading')}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setQuery({ search: String(data.get('search') ?? '').trim() || undefined });
        }}
      >
        <label>
          {t('orders.filterState')}{' '}
          <select name="states" value={filter.states?.join(',') ?? ''} onChange={(event) => setQuery({ states: event.currentTarget.value || undefined })}>
            <option value="">{t('orders.anyState')}</option>
            {ORDER_STATES.map((state) => (
              <option value={state}>{ORDER_STATE_LABELS[state][language]}</option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={filter.overdue === true} onChange={(event) => setQuery({ overdue: event.currentTarget.checked ? '1' : undefined })} />{' '}
          {t('orders.overdueOnly')}
        </label>
        <label>
          {t('orders.search')} <input type="search" name="search" defaultValue={filter.search ?? ''} key={filter.search ?? ''} />
        </label>
        <button type="submit">{t('orders.searchSubmit')}</button>
      </form>
      <RequestProblem error={problem} />
      {!page ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <p aria-live="polite">{t('orders.count', { n: page.totalCount })}</p>
          {page.edges.length === 0 ? (
            <p>{t('orders.none')}</p>
          ) : (
            <table class="orders">
              <thead>
                <tr>
                  <th scope="col">{t('orders.reference')}</th>
                  <th scope="col">{t('orders.state')}</th>
                  <th scope="col">{t('orders.customer')}</th>
                  <th scope="col">{t('orders.total')}</th>
                  <th scope="col">{t('orders.deadline')}</th>
                  <th scope="col">{t('orders.placed')}</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node: order }) => (
                  <tr data-order-id={order.id} data-state={order.state} class={fits(order, filter) ? undefined : 'left-filter'}>
                    <td>
                      <a href={href(`orders/${order.id}`)}>{order.reference}</a>
                      {order.hasOpenIncident && <span class="tag">{t('orders.incident')}</span>}
                    </td>
                    <td class="state">{order.stateLabel}</td>
                    <td>{order.customer.displayName}</td>
                    <td class="money">{formatMoney(order.totalPrice, language)}</td>
                    <td>
                      <OrderDeadline order={order} />
                    </td>
                    <td>{formatDateTime(order.createdAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <nav class="pager" aria-label="pagination">
            {(page.pageInfo.hasPreviousPage || after) && page.pageInfo.startCursor && (
              <a href={href('orders', { ...Object.fromEntries(props.query.entries()), after: undefined, before: page.pageInfo.startCursor })}>{t('orders.newer')}</a>
            )}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <a href={href('orders', { ...Object.fromEntries(props.query.entries()), before: undefined, after: page.pageInfo.endCursor })}>{t('orders.older')}</a>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

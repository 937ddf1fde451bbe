import { useEffect, useState } from 'preact/hooks';
import type { DashboardCountsFragment } from '../generated/graphql';
import { MessageKey, useI18n } from '../i18n';
import { href } from '../router';
import { useSession } from '../session-context';

type Count = Exclude<keyof DashboardCountsFragment, 'id' | '__typename'>;

/** Each count links to the list it counts, filtered the way the server counts it (src/dashboard/dashboard.ts). */
const TILES: { count: Count; label: MessageKey; link: string }[] = [
  { count: 'ordersAwaitingAcceptance', label: 'dash.ordersAwaitingAcceptance', link: href('orders', { states: 'WAITING_ACCEPTANCE' }) },
  { count: 'ordersToShip', label: 'dash.ordersToShip', link: href('orders', { states: 'SHIPPING' }) },
  { count: 'ordersPastShippingDeadline', label: 'dash.ordersPastShippingDeadline', link: href('orders', { states: 'SHIPPING', overdue: '1' }) },
  { count: 'openIncidents', label: 'dash.openIncidents', link: href('incidents', { statuses: 'NEW,IN_PROGRESS,RESOLVED,DISPUTED' }) },
  { count: 'returnsAwaitingDecision', label: 'dash.returnsAwaitingDecision', link: href('returns', { statuses: 'REQUESTED' }) },
  { count: 'returnsRefundOverdue', label: 'dash.returnsRefundOverdue', link: href('returns', { statuses: 'REQUESTED,ACCEPTED,RECEIVED', refundOverdue: '1' }) },
  { count: 'unreadThreads', label: 'dash.unreadThreads', link: href('messages', { unread: '1' }) },
  { count: 'threadsAwaitingReply', label: 'dash.threadsAwaitingReply', link: href('messages', { awaitingReply: '1' }) },
  { count: 'ratingsWithoutReply', label: 'dash.ratingsWithoutReply', link: href('ratings', { withoutReply: '1' }) },
];

/** "Bądź na bieżąco": the counts as dashboardChanged(initial: true) pushes them, never polled. */
export function Dashboard() {
  const { t } = useI18n();
  const { feed } = useSession();
  const [counts, setCounts] = useState(feed.latestDashboard);
  useEffect(() => feed.dashboard.listen(setCounts), [feed]);
  return (
    <section aria-labelledby="dashboard-heading">
      <h1 id="dashboard-heading">{t('dash.heading')}</h1>
      {counts ? (
        <ul class="tiles">
          {TILES.map((tile) => (
            <li class={counts[tile.count] > 0 ? 'tile attention' : 'tile'}>
              <a href={tile.link} data-count={tile.count}>
                <span class="count">{counts[tile.count]}</span> <span class="label">{t(tile.label)}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('loading')}</p>
      )}
    </section>
  );
}

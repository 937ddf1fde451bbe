import { useEffect, useState } from 'preact/hooks';
import type { ConnectionState } from '../api/live';
import { LanguageSwitch } from './LanguageSwitch';
import { MessageKey, useI18n } from '../i18n';
import { href, useRoute } from '../router';
import { useSession } from '../session-context';
import { Dashboard } from './Dashboard';
import { Incidents } from './Incidents';
import { Messages } from './Messages';
import { OrderDetail } from './OrderDetail';
import { Orders } from './Orders';
import { Ratings } from './Ratings';
import { Returns } from './Returns';

const SECTIONS: { path: string; label: MessageKey }[] = [
  { path: '', label: 'nav.dashboard' },
  { path: 'orders', label: 'nav.orders' },
  { path: 'messages', label: 'nav.messages' },
  { path: 'incidents', label: 'nav.incidents' },
  { path: 'returns', label: 'nav.returns' },
  { path: 'ratings', label: 'nav.ratings' },
];

/** The banner shows while the live connection is down; the browser's own offline flag says why. */
function ConnectionBanner() {
  const { t } = useI18n();
  const { feed } = useSession();
  const [state, setState] = useState<ConnectionState>(feed.connectionState);
  const [offline, setOffline] = useState(!navigator.onLine);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    const off = feed.state.listen(setState);
    return () => {
      off();
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, [feed]);
  if (state === 'online' || state === 'connecting') return null;
  return (
    <div class="banner" role="status" data-connection={state}>
      {offline ? t('banner.offline') : state === 'refused' ? t('banner.refused') : t('banner.reconnecting')}
    </div>
  );
}

function Screen() {
  const route = useRoute();
  const [section, id] = route.path;
  switch (section) {
    case 'orders':
      return id ? <OrderDetail id={id} /> : <Orders query={route.query} />;
    case 'messages':
      return <Messages threadId={id ?? null} query={route.query} />;
    case 'incidents':
      return <Incidents query={route.query} />;
    case 'returns':
      return <Returns query={route.query} />;
    case 'ratings':
      return <Ratings query={route.query} />;
    default:
      return <Dashboard />;
  }
}

export function Layout(props: { onSwitchLanguage(): void; shops: { id: string; name: string }[]; onPickShop(id: string | null): void }) {
  const { t } = useI18n();
  const session = useSession();
  const route = useRoute();
  const current = route.path[0] ?? '';
  return (
    <>
      <header class="top">
        <p class="brand">{t('app.title')}</p>
        {session.viewer.role === 'OPERATOR' ? (
          <label class="shop-picker">
            {t('shop.picker')}{' '}
            <select value={session.shopId ?? ''} onChange={(event) => props.onPickShop(event.currentTarget.value || null)}>
              <option value="">{t('shop.all')}</option>
              {props.shops.map((shop) => (
                <option value={shop.id}>{shop.name}</option>
              ))}
            </select>
          </label>
        ) : (
          <p class="shop-name">{session.viewer.shop?.name ?? session.viewer.displayName}</p>
        )}
        <LanguageSwitch onSwitch={props.onSwitchLanguage} />
        <button type="button" onClick={() => session.signOut()}>
          {t('signout')}
        </button>
      </header>
      <nav aria-label={t('nav.label')}>
        <ul>
          {SECTIONS.map((section) => (
            <li>
              <a href={href(section.path)} aria-current={current === section.path ? 'page' : undefined}>
                {t(section.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ConnectionBanner />
      <main>
        <Screen />
      </main>
    </>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, execute } from './api/http';
import { LiveFeed } from './api/live-feed';
import { ConsoleShopsDocument, ConsoleViewerDocument, ConsoleViewerQuery } from './generated/graphql';
import { apiLocale, I18nContext, Language, MessageKey, storedLanguage, storeLanguage, translator } from './i18n';
import { forgetKey, storedKey, storeKey } from './session';
import { ConsoleSession, SessionContext } from './session-context';
import { LanguageSwitch } from './views/LanguageSwitch';
import { Layout } from './views/Layout';
import { SignIn } from './views/SignIn';

type Viewer = ConsoleViewerQuery['viewer'];

function problemFor(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'signin.network';
  if (error.code === 'UNAUTHENTICATED' || error.code === 'BAD_REQUEST') return 'signin.refused';
  if (error.code === 'RATE_LIMITED') return 'signin.rateLimited';
  return 'signin.network';
}

export function App() {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const i18n = useMemo(() => ({ language, t: translator(language), locale: apiLocale(language) }), [language]);
  const [secret, setSecret] = useState<string | null>(storedKey);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [feed, setFeed] = useState<LiveFeed | null>(null);
  const [shopId, setShopId] = useState<string | null>(null);
  const [shops, setShops] = useState<{ id: string; name: string }[]>([]);

  const signOut = (reason?: MessageKey) => {
    forgetKey();
    setSecret(null);
    setViewer(null);
    setShopId(null);
    setProblem(reason ?? null);
  };

  // Who the key belongs to: a customer key is refused here, before anything else is asked.
  useEffect(() => {
    if (!secret) return;
    let current = true;
    execute(secret, ConsoleViewerDocument, {})
      .then(async ({ viewer }) => {
        if (!current) return;
        if (viewer.role === 'CUSTOMER') return signOut('signin.customer');
        storeKey(secret);
        setProblem(null);
        setViewer(viewer);
        setShopId(viewer.shop?.id ?? null);
        if (viewer.role === 'OPERATOR') {
          const { shops } = await execute(secret, ConsoleShopsDocument, {});
          if (current) setShops(shops.edges.map((edge) => edge.node));
        }
      })
      .catch((error: unknown) => current && signOut(problemFor(error)));
    return () => {
      current = false;
    };
  }, [secret]);

  // One live connection per signed-in tab and language (labels come in the chosen language).
  useEffect(() => {
    if (!secret || !viewer) return;
    const live = new LiveFeed(secret, apiLocale(language));
    setFeed(live);
    const offState = live.state.listen((state) => {
      if (state === 'refused') signOut('signin.refused');
    });
    return () => {
      offState();
      live.close();
      setFeed(null);
    };
  }, [secret, viewer, language]);

  const switchLanguage = () => {
    const next = language === 'pl' ? 'en' : 'pl';
    storeLanguage(next);
    document.documentElement.lang = next;
    setLanguage(next);
  };
  useEffect(() => {
    document.documentElement.lang = language;
  }, []);

  const session: ConsoleSession | null =
    secret && viewer && feed ? { secret, viewer, feed, shopId, signOut: (reason) => signOut(reason as MessageKey | undefined) } : null;

  return (
    <I18nContext.Provider value={i18n}>
      {session ? (
        <SessionContext.Provider value={session}>
          <Layout onSwitchLanguage={switchLanguage} shops={shops} onPickShop={setShopId} />
        </SessionContext.Provider>
      ) : (
        <>
          <LanguageSwitch onSwitch={switchLanguage} />
          <SignIn onSubmit={(key) => setSecret(key)} problem={problem && i18n.t(problem)} busy={!!secret} />
        </>
      )}
    </I18nContext.Provider>
  );
}

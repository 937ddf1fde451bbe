import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './ide.css';
import { createClient } from 'graphql-ws';
import { createElement as h, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GRAPHQL_PATH } from '../api/http';
import { storedKey, storeKey } from '../session';

/**
 * GraphiQL from npm, bundled with the console (no CDN: it works offline), served at /graphql to
 * browsers outside production. The API key goes in the field above it — the same sessionStorage
 * entry the console uses — and travels as the Authorization header over HTTP and in
 * connectionParams over graphql-ws, so subscriptions work too.
 */
function Ide() {
  const [secret, setSecret] = useState(storedKey() ?? '');
  const [draft, setDraft] = useState(secret);
  const wsClient = useMemo(
    () =>
      createClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`,
        connectionParams: secret ? { authorization: `Bearer ${secret}` } : {},
        lazy: true,
        retryAttempts: 0,
      }),
    [secret],
  );
  useEffect(() => () => void wsClient.dispose(), [wsClient]);
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url: GRAPHQL_PATH, headers: secret ? { authorization: `Bearer ${secret}` } : {}, wsClient }),
    [secret, wsClient],
  );
  return h(
    'div',
    { className: 'ide' },
    h(
      'form',
      {
        className: 'ide-key',
        onSubmit: (event: SubmitEvent) => {
          event.preventDefault();
          storeKey(draft.trim());
          setSecret(draft.trim());
        },
      },
      h('label', { htmlFor: 'ide-api-key' }, 'API key'),
      h('input', {
        id: 'ide-api-key',
        type: 'password',
        autoComplete: 'off',
        value: draft,
        onInput: (event: InputEvent) => setDraft((event.currentTarget as HTMLInputElement).value),
      }),
      h('button', { type: 'submit' }, 'Use this key'),
      h('a', { href: '/' }, 'Seller console'),
    ),
    // Keyed by the key: a new key gets a fresh GraphiQL that introspects the schema with it.
    h(GraphiQL, { key: secret, fetcher, isHeadersEditorEnabled: true }),
  );
}

createRoot(document.getElementById('ide')!).render(h(Ide));

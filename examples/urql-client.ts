import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { Client as LiveClient } from 'graphql-ws';
import schema from '../schema/introspection.json';

const ERROR_RESULTS = schema.__schema.types.find((type) => type.name === 'ErrorResult')!.possibleTypes!.map((type) => type.name);

/** Queries and mutations over HTTP, subscriptions over the graphql-ws client `live` (createLiveClient), Graphcache. */
export function createUrqlClient(options: { url: string; apiKey: string; live: LiveClient }): Client {
  return new Client({
    url: options.url,
    // urql sends queries as GET: CSRF prevention wants a header no HTML form can send with them.
    fetchOptions: { headers: { authorization: `Bearer ${options.apiKey}`, 'apollo-require-preflight': 'true' } },
    exchanges: [
      cacheExchange({
        // The whole schema (npm run codegen): fragments on ErrorResult, Node and the result unions
        // match exactly. (`possibleTypes` alone also matches them, but Graphcache then warns about
        // the fields of every fragment that did not match.)
        schema,
        // Nodes and the Dashboard are keyed by `id`; what has none is a value inside its parent:
        // the viewer, error results (add the other id-less types your queries select: Money, Address…).
        keys: {
          Viewer: () => null,
          ...Object.fromEntries(ERROR_RESULTS.map((typename) => [typename, () => null])),
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: options.live.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}

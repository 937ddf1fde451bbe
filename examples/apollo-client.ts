import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { possibleTypes } from '../schema/possible-types.json';

/**
 * Queries and mutations over HTTP, subscriptions over graphql-ws, one normalised cache.
 * `webSocketImpl`: browsers and Node 22+ have a global WebSocket; older Node passes `ws`.
 */
export function createApolloClient(options: { url: string; apiKey: string; webSocketImpl?: unknown }): ApolloClient {
  const authorization = `Bearer ${options.apiKey}`;
  const http = new HttpLink({ uri: options.url, headers: { authorization } });
  const live = new GraphQLWsLink(
    createClient({
      url: options.url.replace(/^http/, 'ws'),
      connectionParams: { authorization },
      webSocketImpl: options.webSocketImpl,
      // Retrying a refused (4403) or oversized (4400) key cannot help: fail the subscriptions at once.
      shouldRetry: (closeEvent) => ![4400, 4403].includes((closeEvent as { code?: number } | undefined)?.code ?? 0),
    }),
  );
  return new ApolloClient({
    link: ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, live, http),
    // Without possibleTypes the cache cannot tell that InvalidStateError is an ErrorResult (or Order
    // a Node), so `... on ErrorResult { code message }` matches nothing and those fields are dropped.
    cache: new InMemoryCache({ possibleTypes }),
  });
}

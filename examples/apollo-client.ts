import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { Client } from 'graphql-ws';
import { possibleTypes } from '../schema/possible-types.json';

/** Queries and mutations over HTTP, subscriptions over the graphql-ws client `live` (createLiveClient), one normalised cache. */
export function createApolloClient(options: { url: string; apiKey: string; live: Client }): ApolloClient {
  const http = new HttpLink({ uri: options.url, headers: { authorization: `Bearer ${options.apiKey}` } });
  return new ApolloClient({
    link: ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, new GraphQLWsLink(options.live), http),
    // Without possibleTypes the cache cannot tell that InvalidStateError is an ErrorResult (or Order
    // a Node), so `... on ErrorResult { code message }` matches nothing and those fields are dropped.
    cache: new InMemoryCache({ possibleTypes }),
  });
}

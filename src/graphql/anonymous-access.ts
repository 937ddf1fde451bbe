import { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode } from 'graphql';
import { AppContext } from '../context';

/** What a request without credentials may ask for (contract: "Authentication"). */
const PUBLIC_ROOT_FIELDS = new Set(['carriers', '__typename']);

function rootFields(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    if (seen.has(name) || !fragments[name]) return [];
    seen.add(name);
    return rootFields(fragments[name].selectionSet, fragments, seen);
  });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Refuses, before anything runs, an operation that needs a viewer but has none: a bad key always,
 * no key unless the operation only asks for public fields. Resolvers still check roles themselves.
 */
export function anonymousAccessPlugin(): ApolloServerPlugin<AppContext & { credentialsRejected: boolean }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (contextValue.viewer || !operation) return;
          if (contextValue.credentialsRejected) throw unauthenticated('The API key is unknown or revoked');
          const fragments = Object.fromEntries(
            document.definitions
              .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          const fields = rootFields(operation.selectionSet, fragments);
          if (fields.includes('__schema') || fields.includes('__type')) {
            // Codegen and IDEs introspect first: tell them how to, rather than a bare refusal.
            throw unauthenticated(
              'Introspection needs an API key: send `Authorization: Bearer <secret>` (e.g. graphql-codegen `schema: [{ "http://host/graphql": { headers: { Authorization: "Bearer <secret>" } } }]`), or generate from the committed schema/schema.graphql',
            );
          }
          if (operation.operation !== 'query' || fields.some((field) => !PUBLIC_ROOT_FIELDS.has(field))) {
            throw unauthenticated('Send a valid API key as `Authorization: Bearer <secret>`');
          }
        },
      };
    },
  };
}

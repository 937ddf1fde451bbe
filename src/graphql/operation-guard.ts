import { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  ExecutionArgs,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLSchema,
  OperationDefinitionNode,
  validate,
  ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { describePath, nestedDeeperThan, unacceptableTextPath } from './input-values';
import { parseWithinLimits } from './document-limits';
import { LIMITS, tooComplex } from './limits';
import { operationCost } from './operation-cost';

/**
 * What is decided about an operation once its variables are known, before it runs — the same on
 * HTTP (an Apollo plugin) and WebSocket (graphql-ws's onSubscribe):
 * - `refused`: over a limit (QUERY_TOO_COMPLEX) or input no field accepts (BAD_USER_INPUT);
 * - `invalidVariables`: graphql's own variable coercion failed (each error as graphql words it);
 * - `accepted`.
 */
export type OperationVerdict =
  | { kind: 'accepted' }
  | { kind: 'refused'; error: GraphQLError }
  | { kind: 'invalidVariables'; errors: readonly GraphQLError[] };

const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });

export function judgeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): OperationVerdict {
  // First, before graphql walks them: coercion and error messages recurse through the values.
  for (const [name, value] of Object.entries(rawVariables)) {
    if (nestedDeeperThan(value, LIMITS.maxVariablesDepth)) {
      return { kind: 'refused', error: badUserInput(`Variable "$${name}" is nested more than ${LIMITS.maxVariablesDepth} levels deep`) };
    }
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return { kind: 'invalidVariables', errors: coerced.errors };
  const variables = coerced.coerced;

  const cost = operationCost(schema, document, operation, variables);
  if (cost > LIMITS.maxCost) return { kind: 'refused', error: tooComplex(`Query Cost limit of ${LIMITS.maxCost} exceeded, found ${cost}.`) };

  const badText = unacceptableTextPath(schema, document, operation, variables);
  if (badText) {
    const message = `${describePath(badText)}: text may not contain NUL characters or unpaired surrogates`;
    return { kind: 'refused', error: badUserInput(message, { field: badText }) };
  }
  return { kind: 'accepted' };
}

const SUBSCRIPTION_OVER_HTTP = new GraphQLError(
  'Subscriptions are served over WebSocket: open ws(s)://<host>/graphql with a graphql-ws client (protocol graphql-transport-ws) and send the key in connectionParams',
  { extensions: { code: 'BAD_REQUEST' } },
);

export const withHttpStatus = (error: GraphQLError, status: number) =>
  new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });

/**
 * HTTP: the verdict once Apollo has resolved the operation (the document's own limits are checked
 * earlier, see server.ts). A variable coercion failure is left to Apollo, which reports it as
 * BAD_USER_INPUT before executing anything.
 */
export function operationGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          // graphql-js would run a subscription's field once with no event and fail on the null it gets.
          if (operation.operation === 'subscription') throw withHttpStatus(SUBSCRIPTION_OVER_HTTP, 400);
          const verdict = judgeOperation(schema, document, operation, request.variables ?? {});
          if (verdict.kind === 'refused') throw withHttpStatus(verdict.error, 400);
        },
      };
    },
  };
}

/** Documents whose parse and validation outcome is remembered: a few dozen distinct ones are in use. */
const MAX_CACHED_DOCUMENTS = 1_000;
/** ...holding at most this much document text (a document may carry up to 64 KiB of comments). */
const MAX_CACHED_DOCUMENT_CHARS = 8 * 1024 * 1024;

/**
 * WebSocket: graphql-ws's onSubscribe parses, validates and judges the operation here, so it is
 * refused with an `error` message exactly when HTTP would refuse it. What it returns replaces
 * graphql-ws's own parse and validation. A document's parse and validation depend on its text
 * alone, so their outcome is kept per text, as Apollo does over HTTP: thousands of frontends
 * subscribing with the same documents (a reconnect after a deploy) validate each once.
 * `onValidated` counts the documents actually validated.
 */
export function webSocketOperationPreparer(schema: GraphQLSchema, rules: readonly ValidationRule[], onValidated: () => void) {
  const documents = new LRUCache<string, DocumentNode | readonly GraphQLError[]>({
    max: MAX_CACHED_DOCUMENTS,
    maxSize: MAX_CACHED_DOCUMENT_CHARS,
    sizeCalculation: (_outcome, query) => Math.max(query.length, 1),
  });
  const parseAndValidate = (query: string): DocumentNode | readonly GraphQLError[] => {
    onValidated();
    let document: DocumentNode;
    try {
      document = parseWithinLimits(query);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return [error.extensions.code ? error : new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const invalid = validate(schema, document, rules);
    return invalid.length ? invalid : document;
  };
  return (payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): ExecutionArgs | readonly GraphQLError[] => {
    let outcome = documents.get(payload.query);
    if (!outcome) documents.set(payload.query, (outcome = parseAndValidate(payload.query)));
    if (Array.isArray(outcome)) return outcome;
    const document = outcome as DocumentNode;
    const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: payload.variables };
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return args; // graphql-ws answers "Unable to identify operation"
    const verdict = judgeOperation(schema, document, operation, payload.variables ?? {});
    if (verdict.kind === 'refused') return [verdict.error];
    // Coded as Apollo codes them over HTTP, with graphql's own message.
    if (verdict.kind === 'invalidVariables') return verdict.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
    return args;
  };
}

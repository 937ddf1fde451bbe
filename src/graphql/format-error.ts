import { unwrapResolverError } from '@apollo/server/errors';
import { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import { Logger } from '../common/logger';
import { QUERY_TOO_COMPLEX } from './limits';

const EXPECTED_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Tier 3 of the error model: anything that is not an expected top-level error is a bug. It is
 * logged with its stack and masked for the client. Limit rejections keep their contract code.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error) as { extensions?: Record<string, unknown>; originalError?: unknown } | undefined;
    // Apollo re-codes validation errors as GRAPHQL_VALIDATION_FAILED; a limit rule's own code wins.
    const reported = original?.originalError as { extensions?: Record<string, unknown> } | undefined;
    if (original?.extensions?.code === QUERY_TOO_COMPLEX || reported?.extensions?.code === QUERY_TOO_COMPLEX) {
      return { ...formatted, extensions: { ...formatted.extensions, code: QUERY_TOO_COMPLEX } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && EXPECTED_CODES.has(code)) return formatted;
    logger.error({ err: original ?? error, path: formatted.path }, 'unexpected error while executing an operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Apollo's "Did you mean …?" hints leak the schema; production hides them (HTTP and WebSocket). */
export function withoutSuggestions(message: string): string {
  return message.replace(/ Did you mean .+\?$/, '');
}

/**
 * The same error policy for GraphQL over WebSocket, where Apollo's plugins do not run: request
 * errors (validation, variables: no path) keep their message with a code; field errors go through
 * `formatError`, so bugs are logged and masked exactly as over HTTP.
 */
export function createWebSocketErrorFormatting(logger: Logger, production: boolean) {
  const formatError = createFormatError(logger);
  const requestError = (error: GraphQLError): GraphQLFormattedError => {
    // graphql-ws also reports here what a subscription's stream threw, wrapped around the original:
    // anything but an expected, coded error is a bug, masked and logged like over HTTP.
    const code = error.extensions?.code;
    if (error.originalError && !(typeof code === 'string' && EXPECTED_CODES.has(code))) return formatError(error.toJSON(), error);
    const formatted = error.toJSON();
    const message = production ? withoutSuggestions(formatted.message) : formatted.message;
    return { ...formatted, message, extensions: { ...formatted.extensions, code: code ?? 'GRAPHQL_VALIDATION_FAILED' } };
  };
  return {
    requestErrors: (errors: readonly GraphQLError[]) => errors.map(requestError),
    result: (result: ExecutionResult): FormattedExecutionResult => ({
      ...result,
      errors: result.errors?.map((error) => (error.path ? formatError(error.toJSON(), error) : requestError(error))),
    }),
  };
}

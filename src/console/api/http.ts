import type { TypedDocumentString } from '../generated/graphql';

/** A top-level GraphQL error or a transport failure, with the server's code when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The endpoint of the server that served the console (same origin: no CORS needed). */
export const GRAPHQL_PATH = '/graphql';

/**
 * Sends one typed operation over HTTP with the key. Expected business outcomes come back as data
 * (result unions); only top-level errors (bad key, limits, a server fault) throw.
 */
export async function execute<TResult, TVariables>(
  secret: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError('network', 'NETWORK');
  }
  let body: { data?: TResult | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status}`, 'NETWORK');
  }
  const [first] = body.errors ?? [];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  return body.data as TResult;
}

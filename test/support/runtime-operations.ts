import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Client } from 'graphql-ws';
import { OPERATOR_SECRET, TestApp } from './app';

type Variables = Record<string, unknown>;
type FormattedError = { message: string; extensions?: { code?: string } };

/** A document built at run time (limits, hostile input), sent over HTTP like any typed operation. */
export const runtimeDocument = (source: string) => parse(source) as unknown as TypedDocumentNode<Record<string, unknown>, Variables>;

/**
 * What a graphql-ws server answered to one operation: an `error` message (refused before it ran)
 * or `next` results (it ran; field errors inside).
 */
export type LiveAnswer =
  | { kind: 'error'; errors: FormattedError[] }
  | { kind: 'next'; results: { data?: unknown; errors?: FormattedError[] }[] };

/** Sends a query or mutation (raw text, not parsed on the client) over a real graphql-ws client. */
export function liveOperation(client: Client, query: string, variables: Variables = {}): Promise<LiveAnswer> {
  const results: { data?: unknown; errors?: FormattedError[] }[] = [];
  return new Promise((resolve, reject) => {
    client.subscribe(
      { query, variables },
      {
        next: (result) => results.push(result as { data?: unknown; errors?: FormattedError[] }),
        error: (error) => {
          if (Array.isArray(error)) resolve({ kind: 'error', errors: error as FormattedError[] });
          else reject(new Error(`the socket failed instead of answering: ${error instanceof Error ? error.message : `closed with ${(error as { code?: number }).code}`}`));
        },
        complete: () => resolve({ kind: 'next', results }),
      },
    );
  });
}

/** The codes of top-level errors, for exact assertions. */
export const errorCodes = (errors: FormattedError[] | undefined) => errors?.map((error) => error.extensions?.code);

/**
 * Sends a document's text exactly as written over HTTP (TestApp.request prints the parsed document,
 * which drops an anonymous query's `query` keyword and re-indents: token and size limits need the text).
 */
export async function httpOperation(t: TestApp, query: string, variables: Variables = {}, secret: string = OPERATOR_SECRET) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query, variables }),
  });
  const { errors, data } = (await response.json()) as { errors?: FormattedError[]; data?: unknown };
  return { status: response.status, errors, data };
}

import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, OperationDefinitionNode, print } from 'graphql';

/** The seed talks to the server like any client: typed documents over HTTP with a bearer key. */
export class GraphQLClient {
  calls = 0;
  private readonly printed = new WeakMap<DocumentNode, { query: string; name: string }>();

  constructor(readonly url: string) {}

  async request<T, V>(document: TypedDocumentNode<T, V>, variables: V, secret: string): Promise<T> {
    const { query, name } = this.source(document);
    this.calls += 1;
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${name}: HTTP ${response.status} ${text.slice(0, 200)}`);
    }
    if (body.errors?.length) {
      throw new Error(`${name}: ${body.errors.map((error) => `${error.extensions?.code ?? 'ERROR'} ${error.message}`).join('; ')}`);
    }
    return body.data as T;
  }

  private source(document: DocumentNode): { query: string; name: string } {
    let source = this.printed.get(document);
    if (!source) {
      const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
      source = { query: print(document), name: operation?.name?.value ?? 'operation' };
      this.printed.set(document, source);
    }
    return source;
  }
}

/** A planned step the server answered with an error: the seed stops (its plan and the server disagree). */
export class StepError extends Error {}

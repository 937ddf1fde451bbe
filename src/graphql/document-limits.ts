import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { LIMITS, tooComplex } from './limits';

/**
 * What a document may hold, checked while and right after parsing, before graphql validates it:
 * validation compares every pair of same-named fields in a selection, so its work grows with the
 * square of repeats (10,000 repeats of one field kept the server busy 12 s). The token limit bounds
 * the document; the repeat limit bounds that square.
 */

/**
 * Parses a document, refusing it (QUERY_TOO_COMPLEX) as soon as it passes the token limit — it is
 * never parsed further — or when one selection repeats a field too often. Syntax errors are thrown
 * as graphql's parser throws them.
 */
export function parseWithinLimits(source: string): DocumentNode {
  let overLimit: GraphQLError | undefined;
  const parser = new MaxTokensParserWLexer(source, {
    n: LIMITS.maxTokens,
    exposeLimits: true,
    onReject: [(_context, error) => (overLimit = error)],
    propagateOnRejection: true,
  });
  let document: DocumentNode;
  try {
    document = parser.parseDocument();
  } catch (error) {
    if (overLimit && error === overLimit) throw tooComplex(overLimit.message.replace(/^Syntax Error: /, ''));
    throw error;
  }
  const repeated = mostRepeatedField(document);
  if (repeated.count > LIMITS.maxFieldRepeats) {
    throw tooComplex(`Field "${repeated.name}" is selected ${repeated.count} times in one selection; the limit is ${LIMITS.maxFieldRepeats}.`);
  }
  return document;
}

/**
 * The response name selected most often in one selection, fragments merged in as graphql merges
 * them (`{ id ...F }` with `fragment F { id }` selects `id` twice). Each fragment is counted once.
 */
export function mostRepeatedField(document: DocumentNode): { name: string; count: number } {
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fragmentCounts = new Map<string, Map<string, number>>();
  let worst = { name: '', count: 0 };

  function countsOf(selectionSet: SelectionSetNode): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (name: string, count: number) => counts.set(name, (counts.get(name) ?? 0) + count);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        add(selection.alias?.value ?? selection.name.value, 1);
        if (selection.selectionSet) inspect(selection.selectionSet);
      } else {
        const merged = selection.kind === Kind.INLINE_FRAGMENT ? countsOf(selection.selectionSet) : countsOfFragment(selection.name.value);
        for (const [name, count] of merged) add(name, count);
      }
    }
    return counts;
  }

  function countsOfFragment(name: string): Map<string, number> {
    const known = fragmentCounts.get(name);
    if (known) return known;
    fragmentCounts.set(name, new Map()); // a cycle (refused by validation) adds nothing
    const fragment = fragments.get(name);
    const counts = fragment ? countsOf(fragment.selectionSet) : new Map<string, number>();
    fragmentCounts.set(name, counts);
    note(counts); // validation looks at a fragment's own selection too, spread or not
    return counts;
  }

  function note(counts: Map<string, number>): void {
    for (const [name, count] of counts) if (count > worst.count) worst = { name, count };
  }
  const inspect = (selectionSet: SelectionSetNode) => note(countsOf(selectionSet));

  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) inspect(definition.selectionSet);
    else if (definition.kind === Kind.FRAGMENT_DEFINITION) countsOfFragment(definition.name.value);
  }
  return worst;
}

/** Texts that passed, keyed by the whole text, the least recently used dropped past 4 M characters in all. */
const acceptedDocuments = new LRUCache<string, true>({ maxSize: 4 * 1024 * 1024, sizeCalculation: (_value, text) => Math.max(1, text.length) });

/**
 * HTTP: the same limits on the text of a request, before Apollo parses and validates it. Returns the
 * refusal, if any; a syntax error is left to Apollo's own parse, which words and codes it.
 */
export function documentLimitRefusal(source: unknown): GraphQLError | undefined {
  if (typeof source !== 'string') return undefined;
  // Clients send the same few documents again and again: parsing each again was ~2% of a page read's CPU.
  if (acceptedDocuments.has(source)) return undefined;
  try {
    parseWithinLimits(source);
    acceptedDocuments.set(source, true);
    return undefined;
  } catch (error) {
    return error instanceof GraphQLError && error.extensions.code ? error : undefined;
  }
}

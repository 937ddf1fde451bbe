import {
  DocumentNode,
  getArgumentValues,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * Whether a variable's JSON nests objects and lists more than `limit` levels. Checked before graphql
 * coerces anything, and stops at the limit, so no depth a client sends can exhaust the stack here.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestedDeeperThan(child, limit - 1));
}

/**
 * Text no field accepts: PostgreSQL cannot store NUL in `text`, and an unpaired UTF-16 surrogate is
 * not a character at all (it cannot be encoded as UTF-8). Surrogate pairs (emoji) are fine.
 */
const UNACCEPTABLE_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path (argument, then input fields and list indexes) of the first string argument value that
 * holds unacceptable text, wherever it came from: a literal in the document, a variable or a
 * default. Looks at the values as graphql coerced them, so it sees exactly what resolvers would.
 */
export function unacceptableTextPath(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string[] | undefined {
  // Text comes only from the document's literals and the variables (defaults in the schema are
  // ours): when neither holds any, the typed walk below (~2% of a page read's CPU) has nothing to find.
  if (!holdsUnacceptableText(variables) && !literalsHoldUnacceptableText(document)) return undefined;
  const typeInfo = new TypeInfo(schema);
  let found: string[] | undefined;
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      if (found || !field || !node.arguments?.length) return;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, node, variables);
      } catch {
        return; // execution reports the bad argument
      }
      for (const arg of field.args) {
        found ??= textPath(args[arg.name], arg.type, [arg.name]);
      }
    },
  });
  for (const definition of document.definitions) {
    if (definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  return found;
}

/** Any string anywhere in a value (variables, already checked for depth) that holds unacceptable text. */
function holdsUnacceptableText(value: unknown): boolean {
  if (typeof value === 'string') return UNACCEPTABLE_TEXT.test(value);
  if (value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(holdsUnacceptableText);
}

/** Per parsed document, which Apollo keeps and reuses for the same text: whether a string literal holds unacceptable text. */
const literalVerdicts = new WeakMap<DocumentNode, boolean>();

function literalsHoldUnacceptableText(document: DocumentNode): boolean {
  let verdict = literalVerdicts.get(document);
  if (verdict === undefined) {
    verdict = false;
    visit(document, {
      StringValue(node) {
        if (UNACCEPTABLE_TEXT.test(node.value)) verdict = true;
      },
    });
    literalVerdicts.set(document, verdict);
  }
  return verdict;
}

function textPath(value: unknown, type: GraphQLInputType, path: string[]): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return textPath(value, type.ofType, path);
  if (isListType(type)) {
    const items = value as unknown[];
    for (let index = 0; index < items.length; index += 1) {
      const inner = textPath(items[index], type.ofType, [...path, String(index)]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    const fields = value as Record<string, unknown>;
    for (const field of Object.values(type.getFields())) {
      const inner = textPath(fields[field.name], field.type, [...path, field.name]);
      if (inner) return inner;
    }
    return undefined;
  }
  // Scalars and enums: custom scalars may hold parsed objects (dates); only text is looked at.
  return typeof value === 'string' && UNACCEPTABLE_TEXT.test(value) ? path : undefined;
}

/** `["input", "lines", "1", "productTitle"]` -> `input.lines[1].productTitle` */
export function describePath(path: string[]): string {
  return path.map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

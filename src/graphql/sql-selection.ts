import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getDirectiveValues,
  getNullableType,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  SelectionSetNode,
  TypeNameMetaFieldDef,
} from 'graphql';

/**
 * The operation's selections read the way graphql-js executes them, for answers built without
 * executing (sql-answers.ts): fields merged by response key in first-seen order, fragments applied
 * by type, @skip/@include evaluated, arguments coerced. What this cannot answer exactly it declines
 * (throws Decline), and the operation is executed as usual.
 */

/**
 * The operation is not one this path answers; graphql-js executes it. Not an Error: most queries
 * of other modules decline, and capturing a stack trace each time cost ~5% of a `{ __typename }`.
 */
export class Decline {
  constructor(readonly reason: string) {}
}

/** One response key of a selection: every field node merged under it, as graphql-js merges them. */
export interface SelectedField {
  key: string;
  name: string;
  definition: GraphQLField<unknown, unknown>;
  /** Coerced arguments (defaults applied), as a resolver receives them. */
  args: Record<string, unknown>;
  /** The merged nodes' sub-selections; empty for a leaf. */
  selections: readonly SelectionSetNode[];
}

export class OperationScope {
  constructor(
    readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    /** Coerced variable values. */
    readonly variables: Record<string, unknown>,
  ) {}

  /** The fields `selections` select on an object of `type`, by response key in the order graphql-js answers them. */
  fields(type: GraphQLObjectType, selections: readonly SelectionSetNode[]): SelectedField[] {
    const nodes = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    for (const selectionSet of selections) this.collect(type, selectionSet, nodes, visited);
    return [...nodes].map(([key, merged]) => {
      const name = merged[0].name.value;
      const definition = name === '__typename' ? TypeNameMetaFieldDef : type.getFields()[name];
      if (!definition) throw new Decline(`${type.name}.${name} is not a field`);
      return {
        key,
        name,
        definition,
        args: getArgumentValues(definition, merged[0], this.variables),
        selections: merged.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
      };
    });
  }

  private collect(type: GraphQLObjectType, selectionSet: SelectionSetNode, nodes: Map<string, FieldNode[]>, visited: Set<string>): void {
    for (const selection of selectionSet.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const merged = nodes.get(key);
        if (merged) merged.push(selection);
        else nodes.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || this.applies(selection.typeCondition.name.value, type)) this.collect(type, selection.selectionSet, nodes, visited);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments[name];
        if (visited.has(name) || !fragment || !this.applies(fragment.typeCondition.name.value, type)) continue;
        visited.add(name);
        this.collect(type, fragment.selectionSet, nodes, visited);
      }
    }
  }

  /** graphql-js's shouldIncludeNode. */
  private included(node: { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1]): boolean {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
  }

  /** graphql-js's doesFragmentConditionMatch. */
  private applies(typeName: string, type: GraphQLObjectType): boolean {
    const condition = this.schema.getType(typeName);
    if (condition === type) return true;
    return condition !== undefined && isAbstractType(condition) && this.schema.isSubType(condition, type);
  }

  /** The object type a field answers (lists and non-null unwrapped); declines anything but an object type. */
  objectType(type: GraphQLOutputType): GraphQLObjectType {
    let named = getNullableType(type);
    while (isListType(named)) named = getNullableType(named.ofType);
    if (!isObjectType(named)) throw new Decline(`${String(type)} is not an object type`);
    return named;
  }
}

/**
 * How PostgreSQL answers one field of an object read from the row aliased `source`: a SQL
 * expression whose JSON value is the field's answer. Throws Decline for what it cannot answer.
 */
export type SqlField<Context> = (source: string, field: SelectedField, compiler: SqlCompiler<Context>) => string;

/** The fields PostgreSQL answers, by GraphQL type; a field missing here declines the operation. */
export type SqlFields<Context> = Record<string, Record<string, SqlField<Context>>>;

/** SQL texts remembered per operation and shape: a document's shapes are few (roles, @include variables). */
const MAX_REMEMBERED = 64;

/** json_build_object takes at most 100 arguments: 50 keys. */
const MAX_KEYS = 50;

/** Compiles selections into one SQL expression per object, for one operation. */
export class SqlCompiler<Context> {
  private aliasCount = 0;

  constructor(
    readonly scope: OperationScope,
    private readonly sqlFields: SqlFields<Context>,
    /** What field compilers may consult (the viewer). */
    readonly context: Context,
    /** SQL built for earlier requests of the same operation (see `memo`). */
    private readonly memory: Map<string, string>,
    /** What else the SQL text depends on: the viewer's role and the variables below the root fields. */
    private readonly shape: string,
  ) {}

  /**
   * The SQL `build` makes for `key` (a root field's response key), built once per operation and
   * shape: its text depends only on the document, the viewer's role and the variables below the
   * root fields, not on the root fields' own arguments, which go to the statement as parameters.
   */
  memo(key: string, build: () => string): string {
    const shaped = `${this.shape}|${key}`;
    let sql = this.memory.get(shaped);
    if (sql === undefined) {
      sql = build();
      if (this.memory.size < MAX_REMEMBERED) this.memory.set(shaped, sql);
    }
    return sql;
  }

  /** A table alias no other part of the statement uses. */
  alias(prefix: string): string {
    this.aliasCount += 1;
    return `${prefix}${this.aliasCount}`;
  }

  /** `json_build_object(...)` answering `selections` on the object of `type` in row `source`, keys in graphql-js's order. */
  object(type: GraphQLObjectType, source: string, selections: readonly SelectionSetNode[]): string {
    const table = this.sqlFields[type.name];
    if (!table) throw new Decline(`no SQL for ${type.name}`);
    const fields = this.scope.fields(type, selections);
    if (fields.length > MAX_KEYS) throw new Decline(`${fields.length} fields on one ${type.name}`);
    const pairs = fields.map((field) => {
      if (field.name === '__typename') return `'${field.key}', '${type.name}'`;
      const compile = table[field.name];
      if (!compile) throw new Decline(`no SQL for ${type.name}.${field.name}`);
      return `'${field.key}', ${compile(source, field, this)}`;
    });
    return `json_build_object(${pairs.join(', ')})`;
  }

  /** The object a field answers, built from row `source`. */
  objectOf(field: SelectedField, source: string): string {
    return this.object(this.scope.objectType(field.definition.type), source, field.selections);
  }
}

/**
 * An object to answer into, without a prototype, as graphql-js builds its results: an alias
 * `__proto__` is then a key like any other, not the object's prototype.
 */
export function answerObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** A value whose answer is already built (by PostgreSQL): answerPlain hands it out as it is. */
export class Answered {
  constructor(readonly answer: unknown) {}
}

/**
 * Answers `selections` on a plain object (a connection's edges and page info) as graphql-js would
 * with default resolvers: each field reads the property of its name (awaited), leaves serialize
 * through their type, and an `Answered` value is its own answer.
 */
export async function answerPlain(scope: OperationScope, type: GraphQLObjectType, value: object, selections: readonly SelectionSetNode[]): Promise<Record<string, unknown>> {
  const answer = answerObject();
  for (const field of scope.fields(type, selections)) {
    if (field.name === '__typename') answer[field.key] = type.name;
    else answer[field.key] = await answerValue(scope, field.definition.type, await (value as Record<string, unknown>)[field.name], field.selections);
  }
  return answer;
}

async function answerValue(scope: OperationScope, type: GraphQLOutputType, value: unknown, selections: readonly SelectionSetNode[]): Promise<unknown> {
  if (value instanceof Answered) return value.answer;
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return Promise.all((value as unknown[]).map((item) => answerValue(scope, nullable.ofType, item, selections)));
  if (isLeafType(nullable)) return nullable.serialize(value);
  if (isObjectType(nullable)) return answerPlain(scope, nullable, value as object, selections);
  throw new Decline(`no plain answer for ${nullable.name}`);
}

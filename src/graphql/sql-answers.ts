import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { EntityManager } from '@mikro-orm/postgresql';
import { ASTNode, DocumentNode, FragmentDefinitionNode, getVariableValues, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, visit } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { Viewer } from '../auth/viewer';
import { Logger } from '../common/logger';
import { RequestContext } from '../context';
import { Metrics } from '../metrics';
import { answerObject, Decline, OperationScope, SelectedField, SqlCompiler, SqlFields } from './sql-selection';

/**
 * Answers built by PostgreSQL (issue 8). A query whose every field has SQL here (the order pages
 * and single orders) is answered by one statement per root field that returns the answer's JSON,
 * built from the operation's selection, as PostGraphile does: no entities or views, no
 * per-field resolvers, no per-object completion by graphql-js (a page: 2.2 → 1.0 ms of server CPU,
 * docs/performance.md, "Round 3").
 *
 * It runs after Apollo has parsed, validated and judged the operation and the anonymous-access
 * check (didResolveOperation), in `responseForOperation`; the answer then leaves through Apollo as
 * any other. Anything it cannot answer exactly as graphql-js would (a field without SQL, an error
 * such as a bad cursor, a mutation) it declines, and Apollo executes the operation as usual: errors
 * are always the resolvers' own. test/sql-answers.test.ts compares both paths answer for answer.
 */

/**
 * What field and root compilers may consult: the viewer, and an EntityManager for its connection
 * pool only (the ORM's own: answers load no entity, so the request forks none). The SQL a field
 * compiles to may depend on the viewer's role (a hidden field), never on who the viewer is: it is
 * remembered per role (SqlCompiler.memo). Root fields scope their statements' parameters.
 */
export interface SqlAnswerContext {
  viewer: Viewer;
  em: EntityManager;
}

/** Answers one root field of Query: its JSON value, exactly as execution would answer it. */
export type RootAnswer = (field: SelectedField, compiler: SqlCompiler<SqlAnswerContext>) => Promise<unknown>;

export interface SqlAnswers {
  fields: SqlFields<SqlAnswerContext>;
  roots: Record<string, RootAnswer>;
}

/**
 * What is kept per operation, worked out from its document once: whether every root field it can
 * select has SQL (the rest is declined before anything else is done), its fragments, the variables
 * its SQL text depends on, and that SQL by shape.
 */
interface OperationMemory {
  answerable: boolean;
  fragments: Record<string, FragmentDefinitionNode>;
  shapeVariables: string[];
  sql: Map<string, string>;
}

/**
 * The names of the root fields an operation can select: through its fragments, whatever their
 * directives say (a field that @skip leaves out still counts: a superset is safe).
 */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, names = new Set<string>(), seen = new Set<string>()): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFieldNames(selection.selectionSet, fragments, names, seen);
    else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
      seen.add(selection.name.value);
      rootFieldNames(fragments[selection.name.value].selectionSet, fragments, names, seen);
    }
  }
  return names;
}

/**
 * The variables an operation's SQL text can depend on: every one used below a root field or in a
 * directive or fragment (conservatively, all fragments). A root field's own arguments (`first`,
 * `filter`, `id`) become statement parameters, so a page of the next 20 orders reuses the text.
 */
function shapeVariables(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) => visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) collect(selection);
    else {
      for (const directive of selection.directives ?? []) collect(directive);
      if (selection.selectionSet) collect(selection.selectionSet);
    }
  }
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  return [...names].sort();
}

function operationMemory(document: DocumentNode, operation: OperationDefinitionNode, roots: SqlAnswers['roots']): OperationMemory {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const names = [...rootFieldNames(operation.selectionSet, fragments)].filter((name) => name !== '__typename');
  return {
    answerable: names.length > 0 && names.every((name) => roots[name] !== undefined),
    fragments,
    shapeVariables: shapeVariables(document, operation),
    sql: new Map(),
  };
}

/**
 * The fields whose resolution type-graphql guards (`@Authorized`, a middleware), as `Type.field`.
 * SQL skips resolvers, and with them any guard: such a field must never get SQL (checked at start).
 */
export function guardedFields(): Set<string> {
  const storage = getMetadataStorage();
  const typeName = (target: Function | undefined) => storage.objectTypes.find((type) => type.target === target)?.name ?? target?.name;
  const guarded = new Set<string>();
  for (const field of storage.fields) if (field.roles !== undefined || field.middlewares?.length) guarded.add(`${typeName(field.target)}.${field.schemaName}`);
  for (const resolver of storage.fieldResolvers) {
    if (resolver.roles !== undefined || resolver.middlewares?.length) guarded.add(`${typeName(resolver.getObjectType?.())}.${resolver.schemaName}`);
  }
  return guarded;
}

/** Refuses SQL for a guarded field (guardedFields): an answer must never skip an authorization check. */
export function checkUnguarded(fields: SqlFields<unknown>, guarded: ReadonlySet<string> = guardedFields()): void {
  const skipped = Object.entries(fields).flatMap(([type, byField]) => Object.keys(byField).map((field) => `${type}.${field}`)).filter((name) => guarded.has(name));
  if (skipped.length) throw new Error(`SQL answers would skip the guard of ${skipped.join(', ')}: take those fields out of the SQL`);
}

export function sqlAnswersPlugin(answers: SqlAnswers, deps: { em: EntityManager; metrics: Metrics; logger: Logger }): ApolloServerPlugin<RequestContext> {
  const { em, metrics, logger } = deps;
  checkUnguarded(answers.fields as SqlFields<unknown>);
  const memories = new WeakMap<OperationDefinitionNode, OperationMemory>();
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, request, contextValue, schema }) {
          const viewer = contextValue.viewer;
          if (!operation || operation.operation !== 'query' || !viewer) return null;
          let memory = memories.get(operation);
          if (!memory) memories.set(operation, (memory = operationMemory(document, operation, answers.roots)));
          try {
            // Most queries of other modules end here, before their variables are coerced a second time.
            if (!memory.answerable) throw new Decline('a root field without SQL');
            const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
            if (variables.errors) throw new Decline('variables do not coerce');
            const scope = new OperationScope(schema, memory.fragments, variables.coerced);
            const fields = scope.fields(schema.getQueryType()!, [operation.selectionSet]);
            // Every root field has SQL (memory.answerable); @skip may still have left none.
            if (fields.every((field) => field.name === '__typename')) throw new Decline('no root field with SQL selected');
            // An omitted variable (an argument's default applies) is not one sent as null.
            const shape = `${viewer.role}:${JSON.stringify(memory.shapeVariables.map((name) => (name in variables.coerced ? [variables.coerced[name]] : [])))}`;
            const compiler = new SqlCompiler(scope, answers.fields, { viewer, em }, memory.sql, shape);
            const data = answerObject();
            for (const field of fields) data[field.key] = field.name === '__typename' ? 'Query' : await answers.roots[field.name](field, compiler);
            metrics.sqlAnswers.inc({ outcome: 'answered' });
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
          } catch (error) {
            // A refusal (a bad cursor, a forbidden filter) is the resolvers' to word: execution repeats it.
            const expected = error instanceof Decline || error instanceof GraphQLError;
            metrics.sqlAnswers.inc({ outcome: expected ? 'declined' : 'failed' });
            if (!expected) logger.warn({ err: error }, 'answering a query in SQL failed; executing it instead');
            return null;
          }
        },
      };
    },
  };
}

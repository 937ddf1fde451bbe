import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';

const OBJECT_COST = 2;
const SCALAR_COST = 1;

/**
 * What an operation may make the server do, counted before it runs with its variables known
 * (README, "Limits"): 1 per scalar field, 2 per object field, and what a field selects multiplied
 * by how many items it returns — a connection's `first`/`last` (a literal, a variable or its
 * default, else the default page of 20), a list asked for by ids by their number; other plain
 * lists (an order's lines) count once. Every selection counts, repeated ones and each spread of a
 * fragment included. Introspection costs nothing (bounded by the schema, off in production).
 *
 * `variables` are the coerced values (graphql's getVariableValues). A fragment's cost does not
 * depend on where it is spread, so each is computed once: fragments that spread each other twice
 * over forty levels cost 2^40 without taking 2^40 steps to find out.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fragmentCosts = new Map<string, number>();

  const compositeType = (name: string): GraphQLCompositeType | undefined => {
    const type = schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  };

  function selectionSetCost(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parentType);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? compositeType(selection.typeCondition.name.value) : parentType;
        if (type) cost += selectionSetCost(selection.selectionSet, type);
      } else {
        cost += fragmentCost(selection.name.value);
      }
    }
    return cost;
  }

  function fragmentCost(name: string): number {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && compositeType(fragment.typeCondition.name.value);
    if (!fragment || !type) return 0; // validation has refused it already
    fragmentCosts.set(name, 0); // a cycle, refused by validation too, adds nothing
    const cost = selectionSetCost(fragment.selectionSet, type);
    fragmentCosts.set(name, cost);
    return cost;
  }

  function fieldCost(node: FieldNode, parentType: GraphQLCompositeType): number {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return 0;
    if (name === '__typename') return SCALAR_COST;
    const field = 'getFields' in parentType ? parentType.getFields()[name] : undefined;
    if (!field) return 0; // validation has refused it already
    const type = getNamedType(field.type);
    if (!node.selectionSet || !isCompositeType(type)) return SCALAR_COST;
    return OBJECT_COST + itemCount(field, node) * selectionSetCost(node.selectionSet, type);
  }

  function itemCount(field: GraphQLField<unknown, unknown>, node: FieldNode): number {
    const paged = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
    const listed = isListType(getNullableType(field.type));
    if (!paged && !listed) return 1;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, variables);
    } catch {
      return MAX_PAGE_SIZE; // execution reports the bad argument; count the most it could mean
    }
    if (paged) {
      const requested = Math.max(Number(args.first ?? 0), Number(args.last ?? 0)) || DEFAULT_PAGE_SIZE;
      return pageBounded(requested);
    }
    // `nodes(ids:)`: as many items as ids. A list no argument sizes counts once.
    const lengths = Object.values(args).filter(Array.isArray).map((list) => list.length);
    return lengths.length ? pageBounded(Math.max(...lengths)) : 1;
  }

  const rootType = schema.getRootType(operation.operation);
  return rootType ? selectionSetCost(operation.selectionSet, rootType) : 0;
}

/** A page is never longer than the server serves (larger requests are refused as BAD_REQUEST). */
function pageBounded(count: number): number {
  return Math.min(Math.max(count, 1), MAX_PAGE_SIZE);
}

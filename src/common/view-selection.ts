import { FieldNode, FragmentDefinitionNode, getNamedType, GraphQLObjectType, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * Which fields of each GraphQL type a row view can serve: its entity's own fields (columns and
 * getters) and the field resolvers written to accept views; 'all' for value types (Money, Tracking)
 * that the entity's getters build.
 */
export type ViewableFields = Record<string, ReadonlySet<string> | 'all'>;

function fieldsOf(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, out: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, fragments, out);
    else {
      const fragment = fragments[selection.name.value];
      if (fragment) fieldsOf(fragment.selectionSet, fragments, out);
    }
  }
  return out;
}

/**
 * Whether views can serve every field the selection reads below `typeName`, counted conservatively:
 * fields under @skip/@include and every fragment's fields count as read (a view that can serve more
 * than is asked is still right). Fragments on other types (an interface's) count too.
 */
function servable(info: GraphQLResolveInfo, selectionSet: SelectionSetNode, typeName: string, viewable: ViewableFields): boolean {
  const allowed = viewable[typeName];
  const type = info.schema.getType(typeName);
  if (!allowed || !(type instanceof GraphQLObjectType)) return false;
  const fields = type.getFields();
  for (const field of fieldsOf(selectionSet, info.fragments)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    if (allowed !== 'all' && !allowed.has(name)) return false;
    if (field.selectionSet && !servable(info, field.selectionSet, getNamedType(fields[name].type).name, viewable)) return false;
  }
  return true;
}

/**
 * The fields the operation selects on the objects at `path` below the current field (['edges',
 * 'node'] for a connection's nodes, [] for the field's own object) when views can serve all of it;
 * undefined when some field needs a managed entity.
 */
export function viewSelection(info: GraphQLResolveInfo, path: readonly string[], typeName: string, viewable: ViewableFields): Set<string> | undefined {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const step of path) {
    level = level.flatMap((node) => (node.selectionSet ? fieldsOf(node.selectionSet, info.fragments).filter((field) => field.name.value === step) : []));
  }
  const selected = new Set<string>();
  for (const node of level) {
    if (!node.selectionSet || !servable(info, node.selectionSet, typeName, viewable)) return undefined;
    for (const field of fieldsOf(node.selectionSet, info.fragments)) selected.add(field.name.value);
  }
  return selected;
}

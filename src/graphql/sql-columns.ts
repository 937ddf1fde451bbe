import { EntityMetadata, ReferenceKind } from '@mikro-orm/core';
import { getNamedType, GraphQLObjectType, isEnumType } from 'graphql';
import { instantSql } from '../common/sql-json';
import { SqlField } from './sql-selection';

/** The JavaScript type a column holds, for each GraphQL scalar whose answer is that column's own JSON value. */
const SCALAR_RUNTIME_TYPES: Record<string, string> = { String: 'string', Int: 'number', Boolean: 'boolean' };

/**
 * The fields of `type` that answer an entity's column as it is: strings, numbers, booleans, enums
 * whose values are their names, and instants (written as the DateTime scalar writes them). Getters
 * and resolvers (ids, money, labels) are each module's own SqlFields.
 */
export function columnFields<Context>(metadata: EntityMetadata, type: GraphQLObjectType): Record<string, SqlField<Context>> {
  const fields: Record<string, SqlField<Context>> = {};
  const prototype = metadata.class.prototype as object;
  for (const prop of metadata.props) {
    if (prop.kind !== ReferenceKind.SCALAR || prop.persist === false || prop.formula || prop.fieldNames?.length !== 1) continue;
    const definition = type.getFields()[prop.name];
    if (!definition || definition.args.length || Object.getOwnPropertyDescriptor(prototype, prop.name)?.get) continue;
    const named = getNamedType(definition.type);
    const column = prop.fieldNames[0];
    if (named.name === 'DateTime' && prop.runtimeType === 'Date') fields[prop.name] = (source) => instantSql(`${source}."${column}"`);
    else if (SCALAR_RUNTIME_TYPES[named.name] === prop.runtimeType) fields[prop.name] = (source) => `${source}."${column}"`;
    else if (isEnumType(named) && named.getValues().every((value) => value.value === value.name)) fields[prop.name] = (source) => `${source}."${column}"`;
  }
  return fields;
}

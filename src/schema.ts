import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { ApiKeyResolver } from './auth/api-key.resolver';
import { authChecker } from './auth/auth-checker';
import { ViewerResolver } from './auth/viewer.resolver';
import { DateTimeScalar } from './common/date-time';
import { EventResolver } from './common/events/event.resolver';
import { CustomerResolver } from './customers/customer.resolver';
import { NodeResolver } from './node.resolver';
import { OrderMutations } from './orders/order.mutations';
import { OrderConnectionResolver, OrderLineResolver, OrderResolver, RefundResolver } from './orders/order.resolver';
import { ShopResolver } from './shops/shop.resolver';

export const RESOLVERS = [
  NodeResolver,
  ViewerResolver,
  ShopResolver,
  CustomerResolver,
  ApiKeyResolver,
  OrderResolver,
  OrderLineResolver,
  OrderConnectionResolver,
  RefundResolver,
  OrderMutations,
  EventResolver,
] as const;

let schema: GraphQLSchema | undefined;

/** Built once per process from the resolvers; the committed schema/schema.graphql is its print. */
export function buildAppSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: RESOLVERS,
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
  return schema;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs show real changes only). */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema())) + '\n';
}

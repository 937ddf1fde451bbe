import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { ApiKeyResolver } from './auth/api-key.resolver';
import { authChecker } from './auth/auth-checker';
import { ViewerResolver } from './auth/viewer.resolver';
import { DateTimeScalar } from './common/date-time';
import { EventResolver } from './common/events/event.resolver';
import { CustomerResolver } from './customers/customer.resolver';
import { EventIncidentResolver, IncidentMutations, IncidentResolver, OrderIncidentResolver } from './incidents/incident.resolver';
import { NodeResolver } from './node.resolver';
import { CustomerNotificationResolver, OrderNotificationsResolver } from './notifications/notification.resolver';
import { ShopQualityResolver } from './quality/quality.resolver';
import { EventRatingResolver, OrderRatingResolver, RatingResolver, ShopRatingResolver } from './ratings/rating.resolver';
import { RatingMutations } from './ratings/rating.mutations';
import { ReturnMutations } from './returns/return.mutations';
import { EventReturnResolver, OrderReturnsResolver, ReturnLineResolver, ReturnResolver } from './returns/return.resolver';
import { OrderMutations } from './orders/order.mutations';
import { EventOrderResolver, OrderLineResolver, OrderResolver, RefundResolver } from './orders/order.resolver';
import { ShopResolver } from './shops/shop.resolver';
import { ViewerDashboardResolver } from './dashboard/dashboard.resolver';
import { EventSubscriptionResolver } from './live/subscription.resolver';
import { DashboardSubscriptionResolver } from './dashboard/dashboard.live';
import { IncidentSubscriptionResolver } from './incidents/incident.subscriptions';
import { MessageSubscriptionResolver } from './messages/message.subscriptions';
import { OrderSubscriptionResolver } from './orders/order.subscriptions';
import { EventMessageResolver, MessageResolver, MessageThreadResolver, OrderThreadResolver } from './messages/message.resolver';

export const RESOLVERS = [
  NodeResolver,
  ViewerResolver,
  ShopResolver,
  CustomerResolver,
  ApiKeyResolver,
  OrderResolver,
  OrderLineResolver,
  RefundResolver,
  OrderMutations,
  EventResolver,
  EventOrderResolver,
  MessageThreadResolver,
  MessageResolver,
  OrderThreadResolver,
  EventMessageResolver,
  IncidentResolver,
  IncidentMutations,
  OrderIncidentResolver,
  EventIncidentResolver,
  ReturnResolver,
  ReturnLineResolver,
  ReturnMutations,
  OrderReturnsResolver,
  EventReturnResolver,
  RatingResolver,
  RatingMutations,
  OrderRatingResolver,
  ShopRatingResolver,
  EventRatingResolver,
  ViewerDashboardResolver,
  EventSubscriptionResolver,
  OrderSubscriptionResolver,
  MessageSubscriptionResolver,
  IncidentSubscriptionResolver,
  DashboardSubscriptionResolver,
  CustomerNotificationResolver,
  OrderNotificationsResolver,
  ShopQualityResolver,
] as const;

let schema: GraphQLSchema | undefined;

/**
 * type-graphql insists on a pubSub once a schema has subscriptions, but every subscription here
 * reads the event log through its own `subscribe` function (src/live); topics are never used.
 */
const noTopicPubSub = {
  publish(): never {
    throw new Error('Topics are not used: subscriptions are fed from the event log (src/live)');
  },
  subscribe(): never {
    throw new Error('Topics are not used: subscriptions are fed from the event log (src/live)');
  },
};

/** Built once per process from the resolvers; the committed schema/schema.graphql is its print. */
export function buildAppSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: RESOLVERS,
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    pubSub: noTopicPubSub,
  });
  return schema;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs show real changes only). */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema())) + '\n';
}

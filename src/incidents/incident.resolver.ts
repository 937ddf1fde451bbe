import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { Event } from '../common/events/event.entity';
import { AppContext, viewerOf } from '../context';
import { MessageThread } from '../messages/message-thread.entity';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { closeIncident, disputeIncident, IncidentDeps, markIncidentResolved } from './incident-actions';
import { isOverdue } from './incident-deadlines';
import { Incident } from './incident.entity';
import { IncidentActionInput, IncidentFilter, IncidentResult, OpenIncidentInput } from './incident.inputs';
import { openIncident } from './incident-open';
import { IncidentConnection, listIncidents } from './incident-queries';
import { IncidentOutcome } from './incident-workflow';

const CUSTOMER_SIDE = [Role.CUSTOMER, Role.OPERATOR];
const SELLER_SIDE = [Role.SELLER, Role.OPERATOR];

function deps(context: AppContext): IncidentDeps {
  return { em: context.em, viewer: viewerOf(context), config: context.config };
}

@Resolver(() => Incident)
export class IncidentResolver {
  @Authorized()
  @Query(() => IncidentConnection)
  incidents(
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true }) last?: number,
    @Arg('before', () => String, { nullable: true }) before?: string,
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter?: IncidentFilter,
  ): Promise<IncidentConnection> {
    return listIncidents(context.em, viewerOf(context), { first, after, last, before, filter });
  }

  /** Whoever sees an incident sees its order (both are scoped by the same shop and customer). */
  @FieldResolver(() => Order)
  order(@Root() incident: Incident, @Ctx() { loaders }: AppContext): Promise<Order | null> {
    return loaders.order.load(incident.order.uuid);
  }

  @FieldResolver(() => [OrderLine])
  lines(@Root() incident: Incident, @Ctx() { loaders }: AppContext): OrderLine[] | Promise<OrderLine[]> {
    if (!incident.lines.isInitialized()) return loaders.incidentLines.load(incident.uuid);
    return [...incident.lines.getItems()].sort((a, b) => a.index - b.index);
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() incident: Incident): boolean {
    return isOverdue(incident, clock.now());
  }

  /** The order's thread, where the incident was opened with its first message. */
  @FieldResolver(() => MessageThread)
  thread(@Root() incident: Incident, @Ctx() { loaders }: AppContext): Promise<MessageThread | null> {
    return loaders.threadByOrder.load(incident.order.uuid);
  }
}

/** Thin: each mutation hands its input to the incident services, which scope, check and apply. */
@Resolver()
export class IncidentMutations {
  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => IncidentResult)
  openIncident(@Arg('input') input: OpenIncidentInput, @Ctx() context: AppContext): Promise<IncidentOutcome> {
    return openIncident(context.em, viewerOf(context), input);
  }

  @Authorized(SELLER_SIDE)
  @Mutation(() => IncidentResult)
  markIncidentResolved(@Arg('input') input: IncidentActionInput, @Ctx() context: AppContext): Promise<IncidentOutcome> {
    return markIncidentResolved(deps(context), input);
  }

  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => IncidentResult)
  closeIncident(@Arg('input') input: IncidentActionInput, @Ctx() context: AppContext): Promise<IncidentOutcome> {
    return closeIncident(deps(context), input);
  }

  @Authorized(CUSTOMER_SIDE)
  @Mutation(() => IncidentResult)
  disputeIncident(@Arg('input') input: IncidentActionInput, @Ctx() context: AppContext): Promise<IncidentOutcome> {
    return disputeIncident(deps(context), input);
  }
}

/** Fields other domains' types gain from incidents (orders and the event log know nothing of them). */
@Resolver(() => Order)
export class OrderIncidentResolver {
  @FieldResolver(() => [Incident])
  incidents(@Root() order: Order, @Ctx() { loaders }: AppContext): Promise<Incident[]> {
    return loaders.incidentsByOrder.load(order.uuid);
  }
}

@Resolver(() => Event)
export class EventIncidentResolver {
  @FieldResolver(() => Incident, { nullable: true })
  incident(@Root() event: Event, @Ctx() { loaders }: AppContext): Promise<Incident | null> | null {
    return event.incidentUuid ? loaders.incident.load(event.incidentUuid) : null;
  }
}

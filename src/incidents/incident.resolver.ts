import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { clock } from '../common/clock';
import { ErrorResult } from '../common/errors';
import { availableActions, rolesOf, runStep } from '../common/step-machine';
import { Event } from '../common/events/event.entity';
import { AppContext, viewerOf } from '../context';
import { MessageThread } from '../messages/message-thread.entity';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { isOverdue } from './incident-deadlines';
import { Incident } from './incident.entity';
import { IncidentActionInput, IncidentFilter, IncidentResult, OpenIncidentInput } from './incident.schema';
import { IncidentConnection, listIncidents } from './incident.queries';
import { INCIDENT_STEPS, incidentMachine, OPEN_INCIDENT } from './incident.machine';
import { IncidentAction } from './incident.status';
import { orderMachine } from '../orders/order.machine';

type IncidentOutcome = Promise<Incident | ErrorResult>;

function step(name: keyof typeof INCIDENT_STEPS, context: AppContext, input: IncidentActionInput): IncidentOutcome {
  return runStep(context.em, incidentMachine, name, { viewer: viewerOf(context), config: context.config, input: { ...input } });
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

  @FieldResolver(() => [IncidentAction], { description: 'What the viewer may do now, from the same rules the mutations check.' })
  async availableActions(@Root() incident: Incident, @Ctx() context: AppContext): Promise<IncidentAction[]> {
    const env = { viewer: viewerOf(context), now: clock.now(), loaders: context.loaders, config: context.config };
    const offered = new Set(await availableActions(incidentMachine, incident, env));
    return Object.values(IncidentAction).filter((action) => offered.has(action));
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
  /** Opening an incident is a step on its order: the order is locked and its lines move. */
  @Authorized(rolesOf(OPEN_INCIDENT))
  @Mutation(() => IncidentResult)
  openIncident(@Arg('input') input: OpenIncidentInput, @Ctx() context: AppContext): IncidentOutcome {
    return runStep(context.em, orderMachine, 'OPEN_INCIDENT', { viewer: viewerOf(context), config: context.config, input: { ...input } }) as IncidentOutcome;
  }

  @Authorized(rolesOf(INCIDENT_STEPS.RESOLVE))
  @Mutation(() => IncidentResult)
  markIncidentResolved(@Arg('input') input: IncidentActionInput, @Ctx() context: AppContext): IncidentOutcome {
    return step('RESOLVE', context, input);
  }

  @Authorized(rolesOf(INCIDENT_STEPS.CLOSE))
  @Mutation(() => IncidentResult)
  closeIncident(@Arg('input') input: IncidentActionInput, @Ctx() context: AppContext): IncidentOutcome {
    return step('CLOSE', context, input);
  }

  @Authorized(rolesOf(INCIDENT_STEPS.DISPUTE))
  @Mutation(() => IncidentResult)
  disputeIncident(@Arg('input') input: IncidentActionInput, @Ctx() context: AppContext): IncidentOutcome {
    return step('DISPUTE', context, input);
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

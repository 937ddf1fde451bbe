import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Event } from '../common/events/event.entity';
import { EventType } from '../common/events/event-type';
import { apiError } from '../common/errors';
import { localIdOf, NodeTypeName } from '../common/global-id';
import { Dashboard } from '../dashboard/dashboard';
import { Incident } from '../incidents/incident.entity';
import { Message } from '../messages/message.entity';
import { Order } from '../orders/order.entity';
import { dashboardChanges, LiveContext, loadOncePerEvent, ofTypes, viewerEvents } from './live-feeds';

/** Events that change an order as its viewers see it: its own steps, and incidents moving its lines. */
const ORDER_CHANGING_EVENT_TYPES = new Set<string>([
  ...Object.values(EventType).filter((type) => type.startsWith('ORDER_')),
  EventType.INCIDENT_OPENED,
  EventType.INCIDENT_UPDATED,
]);

/** A subscription filter's id, decoded; a malformed one is refused instead of silently matching nothing. */
function filterId(type: NodeTypeName, argument: string, id: string | undefined | null): string | undefined {
  if (!id) return undefined;
  const uuid = localIdOf(type, id);
  if (!uuid) throw apiError('BAD_REQUEST', `${argument} is not a valid ${type} id`);
  return uuid;
}

interface SubscribeData<A> {
  args: A;
  context: LiveContext;
}

/**
 * Every subscription is a filtered view of the viewer's event log, so each delivers an event once,
 * in commit order, only after it committed, and only what the viewer may see.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Event, {
    description: "The viewer's event log, live: events after `after` are replayed first, then new ones follow, each exactly once, in order.",
    subscribe: ({ args, context }: SubscribeData<{ after?: string; types?: EventType[] }>) =>
      viewerEvents(context, ofTypes(args.types), args.after),
  })
  events(
    @Root() event: Event,
    @Arg('after', () => String, { nullable: true }) _after?: string,
    @Arg('types', () => [EventType], { nullable: true }) _types?: EventType[],
  ): Event {
    return event;
  }

  @Subscription(() => Order, {
    description: "New orders and every state change of the viewer's orders (optionally one order).",
    subscribe: ({ args, context }: SubscribeData<{ orderId?: string }>) => {
      const orderUuid = filterId('Order', 'orderId', args.orderId);
      return viewerEvents(
        context,
        (event) => ORDER_CHANGING_EVENT_TYPES.has(event.type) && Boolean(event.orderUuid) && (!orderUuid || event.orderUuid === orderUuid),
      );
    },
  })
  async orderChanged(
    @Root() event: Event,
    @Ctx() context: LiveContext,
    @Arg('orderId', () => ID, { nullable: true }) _orderId?: string,
  ): Promise<Order> {
    const load = () => context.em.fork().findOneOrFail(Order, { uuid: event.orderUuid! }, { populate: ['lines', 'shop', 'customer'] });
    return loadOncePerEvent(event, 'order', load);
  }

  @Subscription(() => Message, {
    description: 'New messages in any thread the viewer takes part in (optionally one thread or one order).',
    subscribe: ({ args, context }: SubscribeData<{ threadId?: string; orderId?: string }>) => {
      const threadUuid = filterId('MessageThread', 'threadId', args.threadId);
      const orderUuid = filterId('Order', 'orderId', args.orderId);
      return viewerEvents(
        context,
        (event) =>
          event.type === EventType.MESSAGE_ADDED &&
          (!threadUuid || event.data?.threadUuid === threadUuid) &&
          (!orderUuid || event.orderUuid === orderUuid),
      );
    },
  })
  async messageAdded(
    @Root() event: Event,
    @Ctx() context: LiveContext,
    @Arg('threadId', () => ID, { nullable: true }) _threadId?: string,
    @Arg('orderId', () => ID, { nullable: true }) _orderId?: string,
  ): Promise<Message> {
    const load = () => context.em.fork().findOneOrFail(Message, { uuid: event.messageUuid! }, { populate: ['thread'] });
    return loadOncePerEvent(event, 'message', load);
  }

  @Subscription(() => Incident, {
    description: "Incidents opened on the viewer's orders.",
    subscribe: ({ context }: SubscribeData<object>) => viewerEvents(context, (event) => event.type === EventType.INCIDENT_OPENED),
  })
  incidentOpened(@Root() event: Event, @Ctx() context: LiveContext): Promise<Incident> {
    return loadIncident(event, context);
  }

  @Subscription(() => Incident, {
    description: 'Any change to an incident the viewer can see.',
    subscribe: ({ args, context }: SubscribeData<{ incidentId?: string }>) => {
      const incidentUuid = filterId('Incident', 'incidentId', args.incidentId);
      return viewerEvents(context, (event) => event.type === EventType.INCIDENT_UPDATED && (!incidentUuid || event.incidentUuid === incidentUuid));
    },
  })
  incidentUpdated(
    @Root() event: Event,
    @Ctx() context: LiveContext,
    @Arg('incidentId', () => ID, { nullable: true }) _incidentId?: string,
  ): Promise<Incident> {
    return loadIncident(event, context);
  }

  @Subscription(() => Dashboard, {
    description: "The viewer's dashboard counts whenever one changes.",
    subscribe: ({ args, context }: SubscribeData<{ initial?: boolean }>) => dashboardChanges(context, args.initial ?? false),
  })
  dashboardChanged(
    @Root() dashboard: Dashboard,
    @Arg('initial', () => Boolean, {
      defaultValue: false,
      nullable: true,
      description: 'Push the current counts first, so no query is needed before subscribing (and no change is missed in between).',
    })
    _initial?: boolean,
  ): Dashboard {
    return dashboard;
  }
}

/** The incident an event names, as it is now, loaded once for every subscriber the event fans out to. */
function loadIncident(event: Event, context: LiveContext): Promise<Incident> {
  return loadOncePerEvent(event, 'incident', () => context.em.fork().findOneOrFail(Incident, { uuid: event.incidentUuid! }, { populate: ['lines'] }));
}

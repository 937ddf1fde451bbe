import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Event } from '../common/events/event.entity';
import { EventType } from '../common/events/event-type';
import { filterId, LiveContext, loadOncePerEvent, SubscribeData, viewerEvents } from '../live/live-feeds';
import { Incident } from './incident.entity';

/** The incident an event names, as it is now, loaded once for every subscriber the event fans out to. */
function loadIncident(event: Event, context: LiveContext): Promise<Incident> {
  return loadOncePerEvent(event, 'incident', () => context.em.fork().findOneOrFail(Incident, { uuid: event.incidentUuid! }, { populate: ['lines'] }));
}

@Resolver()
export class IncidentSubscriptionResolver {
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
  incidentUpdated(@Root() event: Event, @Ctx() context: LiveContext, @Arg('incidentId', () => ID, { nullable: true }) _incidentId?: string): Promise<Incident> {
    return loadIncident(event, context);
  }
}

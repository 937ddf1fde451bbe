import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { Event } from '../common/events/event.entity';
import { EventType } from '../common/events/event-type';
import { ofTypes, SubscribeData, viewerEvents } from './live-feeds';

/**
 * The viewer's event log, live. Every other subscription lives with its domain (orderChanged in
 * src/orders, messageAdded in src/messages, incidents, the dashboard) and is a filtered view of the
 * same log through `viewerEvents`, so each delivers an event once, in commit order, only after it
 * committed, and only what the viewer may see.
 */
@Resolver()
export class EventSubscriptionResolver {
  @Subscription(() => Event, {
    description: "The viewer's event log, live: events after `after` are replayed first, then new ones follow, each exactly once, in order.",
    subscribe: ({ args, context }: SubscribeData<{ after?: string; types?: EventType[] }>) => viewerEvents(context, ofTypes(args.types), args.after),
  })
  events(
    @Root() event: Event,
    @Arg('after', () => String, { nullable: true }) _after?: string,
    @Arg('types', () => [EventType], { nullable: true }) _types?: EventType[],
  ): Event {
    return event;
  }
}

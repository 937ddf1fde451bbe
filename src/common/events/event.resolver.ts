import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { AppContext, viewerOf } from '../../context';
import { Event } from './event.entity';
import { EventConnection, listEvents } from './event-queries';
import { EventType } from './event-type';

@Resolver(() => Event)
export class EventResolver {
  @Authorized()
  @Query(() => EventConnection, { description: "The viewer's events after a cursor, oldest first: how a client catches up after being offline." })
  events(
    @Ctx() context: AppContext,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('types', () => [EventType], { nullable: true }) types?: EventType[],
  ): Promise<EventConnection> {
    return listEvents(context.em, viewerOf(context), { after, first, types });
  }

}

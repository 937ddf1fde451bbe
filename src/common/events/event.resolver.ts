import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AppContext, viewerOf } from '../../context';
import { Event } from './event.entity';
import { eventCursors } from './event-cursor';
import { EventConnection, listEvents } from './event-queries';
import { EventType } from './event-type';
import { positionOf } from './log-position';

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

  /** Opaque (event-cursor.ts): encrypted and authenticated, so it says nothing about other shops' events. */
  @FieldResolver(() => String)
  async cursor(@Root() event: Event, @Ctx() { em }: AppContext): Promise<string> {
    return (await eventCursors(em)).encode(positionOf(event));
  }
}

import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AppContext, viewerOf } from '../../context';
import { toGlobalId } from '../global-id';
import { Event } from './event.entity';
import { eventCodec } from './event-codec';
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

  /** Opaque (event-codec.ts): the log's own id would count every shop's events. */
  @FieldResolver(() => ID, { name: 'id' })
  async globalId(@Root() event: Event, @Ctx() { em }: AppContext): Promise<string> {
    return toGlobalId('Event', (await eventCodec(em)).encodeId(BigInt(event.id)));
  }

  /** Opaque (event-codec.ts): encrypted and authenticated, so it says nothing about other shops' events. */
  @FieldResolver(() => String)
  async cursor(@Root() event: Event, @Ctx() { em }: AppContext): Promise<string> {
    return (await eventCodec(em)).encodeCursor(positionOf(event));
  }
}

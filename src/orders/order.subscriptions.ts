import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Event } from '../common/events/event.entity';
import { EventType } from '../common/events/event-type';
import { filterId, LiveContext, loadOncePerEvent, SubscribeData, viewerEvents } from '../live/live-feeds';
import { Order } from './order.entity';

/**
 * Events that change an order as its viewers see it: its own steps; incidents (they move its lines);
 * returns (its `returns`, and `closeAt`, which an open return holds); ratings (its `rating`). All of
 * them change its `availableActions` too. Messages do not: `messageAdded` carries those.
 */
const ORDER_CHANGING_EVENT_TYPES = new Set<string>([
  ...Object.values(EventType).filter((type) => type.startsWith('ORDER_')),
  EventType.INCIDENT_OPENED,
  EventType.INCIDENT_UPDATED,
  EventType.RETURN_REQUESTED,
  EventType.RETURN_UPDATED,
  EventType.RATING_RECEIVED,
  EventType.RATING_UPDATED,
]);

@Resolver()
export class OrderSubscriptionResolver {
  @Subscription(() => Order, {
    description: "New orders and every state change of the viewer's orders (optionally one order).",
    subscribe: ({ args, context }: SubscribeData<{ orderId?: string }>) => {
      const orderUuid = filterId('Order', 'orderId', args.orderId);
      return viewerEvents(context, (event) => ORDER_CHANGING_EVENT_TYPES.has(event.type) && Boolean(event.orderUuid) && (!orderUuid || event.orderUuid === orderUuid));
    },
  })
  async orderChanged(@Root() event: Event, @Ctx() context: LiveContext, @Arg('orderId', () => ID, { nullable: true }) _orderId?: string): Promise<Order> {
    const load = () => context.em.fork().findOneOrFail(Order, { uuid: event.orderUuid! }, { populate: ['lines', 'shop', 'customer'] });
    return loadOncePerEvent(event, 'order', load);
  }
}

import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Event } from '../common/events/event.entity';
import { EventType } from '../common/events/event-type';
import { filterId, LiveContext, loadOncePerEvent, SubscribeData, viewerEvents } from '../live/live-feeds';
import { Message } from './message.entity';
import { messageWithThread } from './message.queries';

@Resolver()
export class MessageSubscriptionResolver {
  @Subscription(() => Message, {
    description: 'New messages in any thread the viewer takes part in (optionally one thread or one order).',
    subscribe: ({ args, context }: SubscribeData<{ threadId?: string; orderId?: string }>) => {
      const threadUuid = filterId('MessageThread', 'threadId', args.threadId);
      const orderUuid = filterId('Order', 'orderId', args.orderId);
      return viewerEvents(
        context,
        (event) => event.type === EventType.MESSAGE_ADDED && (!threadUuid || event.data?.threadUuid === threadUuid) && (!orderUuid || event.orderUuid === orderUuid),
      );
    },
  })
  async messageAdded(
    @Root() event: Event,
    @Ctx() context: LiveContext,
    @Arg('threadId', () => ID, { nullable: true }) _threadId?: string,
    @Arg('orderId', () => ID, { nullable: true }) _orderId?: string,
  ): Promise<Message> {
    const load = () => messageWithThread(context.em.fork(), event.messageUuid!);
    return loadOncePerEvent(event, 'message', load);
  }
}

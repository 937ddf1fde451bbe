import { wrap } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { PageArgs } from '../common/pagination';
import { Arg, Authorized, Ctx, createUnionType, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role';
import { InvalidStateError, NotFoundError, ValidationError } from '../common/errors';
import { AppContext, viewerOf } from '../context';
import { Event } from '../common/events/event.entity';
import { Order } from '../orders/order.entity';
import { sideOf } from './message-access';
import { Message } from './message.entity';
import { MessageThreadFilter, SendMessageInput } from './message.schema';
import { listMessagesOfThreads, listThreads, MessageConnection, MessageThreadConnection } from './message.queries';
import { markNoReplyNeeded, markThreadRead, sendMessage } from './message.service';
import { MessageThread } from './message-thread.entity';

export const MessageResult = createUnionType({
  name: 'MessageResult',
  types: () => [Message, NotFoundError, InvalidStateError, ValidationError] as const,
});

export const MessageThreadResult = createUnionType({
  name: 'MessageThreadResult',
  types: () => [MessageThread, NotFoundError] as const,
});

// Keyed by the request's loaders, which a subscription replaces for every event (fresh data).
const messagesLoaders = new WeakMap<object, Map<string, DataLoader<MessageThread, MessageConnection, string>>>();

/** One loader per request and page arguments: a page of threads with their messages is one statement. */
function messagesLoader(context: AppContext, args: PageArgs): DataLoader<MessageThread, MessageConnection, string> {
  let loaders = messagesLoaders.get(context.loaders);
  if (!loaders) messagesLoaders.set(context.loaders, (loaders = new Map()));
  const key = JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader(
      async (threads: readonly MessageThread[]) => {
        const pages = await listMessagesOfThreads(context.em, threads, args);
        return threads.map((thread) => pages.get(thread.uuid)!);
      },
      // Batching only, no cache: a second mutation in the same document must see its own messages.
      { cache: false },
    );
    loaders.set(key, loader);
  }
  return loader;
}

@Resolver(() => MessageThread)
export class MessageThreadResolver {
  @Authorized()
  @Query(() => MessageThreadConnection)
  messageThreads(
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true }) last?: number,
    @Arg('before', () => String, { nullable: true }) before?: string,
    @Arg('filter', () => MessageThreadFilter, { nullable: true }) filter?: MessageThreadFilter,
  ): Promise<MessageThreadConnection> {
    return listThreads(context.em, viewerOf(context), { first, after, last, before, filter });
  }

  @Authorized()
  @Mutation(() => MessageResult)
  sendMessage(@Arg('input') input: SendMessageInput, @Ctx() context: AppContext) {
    return sendMessage(context.em, viewerOf(context), input, context.config);
  }

  @Authorized()
  @Mutation(() => MessageThreadResult)
  markThreadRead(@Arg('threadId', () => ID) threadId: string, @Ctx() context: AppContext) {
    return markThreadRead(context.em, viewerOf(context), threadId);
  }

  @Authorized([Role.SELLER, Role.OPERATOR])
  @Mutation(() => MessageThreadResult)
  markNoReplyNeeded(@Arg('threadId', () => ID) threadId: string, @Ctx() context: AppContext) {
    return markNoReplyNeeded(context.em, viewerOf(context), threadId);
  }

  @FieldResolver(() => Order, { nullable: true })
  order(@Root() thread: MessageThread, @Ctx() { loaders }: AppContext): Promise<Order | null> | null {
    return thread.order ? loaders.order.load(thread.order.uuid) : null;
  }

  @FieldResolver(() => MessageConnection)
  messages(
    @Root() thread: MessageThread,
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true }) last?: number,
    @Arg('before', () => String, { nullable: true }) before?: string,
  ): Promise<MessageConnection> {
    return messagesLoader(context, { first, after, last, before }).load(thread);
  }

  @FieldResolver(() => Int, { description: 'Messages the viewer has not read.' })
  async unreadCount(@Root() thread: MessageThread, @Ctx() context: AppContext): Promise<number> {
    const read = await context.loaders.threadRead.load(`${thread.uuid}:${sideOf(viewerOf(context))}`);
    return thread.messageCount - (read ?? 0);
  }
}

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => MessageThread)
  thread(@Root() message: Message, @Ctx() { loaders }: AppContext): MessageThread | Promise<MessageThread | null> {
    return wrap(message.thread).isInitialized() ? message.thread : loaders.thread.load(message.thread.uuid);
  }
}

/** Fields other domains' types gain from messages (orders know nothing of messages). */
@Resolver(() => Order)
export class OrderThreadResolver {
  @FieldResolver(() => MessageThread, { nullable: true })
  thread(@Root() order: Order, @Ctx() { loaders }: AppContext): Promise<MessageThread | null> {
    return loaders.threadByOrder.load(order.uuid);
  }
}

@Resolver(() => Event)
export class EventMessageResolver {
  @FieldResolver(() => Message, { nullable: true })
  message(@Root() event: Event, @Ctx() { loaders }: AppContext): Promise<Message | null> | null {
    return event.messageUuid ? loaders.message.load(event.messageUuid) : null;
  }
}

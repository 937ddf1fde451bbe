import { wrap } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { clock } from '../common/clock';
import { Event } from '../common/events/event.entity';
import { availableActions } from '../common/step-machine';
import { AppContext, viewerOf } from '../context';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { Refund } from '../orders/refund.entity';
import { Return, ReturnLine } from './return.entity';
import { ReturnFilter } from './return.schema';
import { listReturns, ReturnConnection } from './return.queries';
import { returnMachine } from './return.machine';
import { isRefundOverdue } from './return-request';
import { ReturnAction } from './return.status';

@Resolver(() => Return)
export class ReturnResolver {
  @Authorized()
  @Query(() => ReturnConnection, { description: "Newest request first. CUSTOMER: their own; SELLER: its shop's; OPERATOR: all." })
  returns(
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true }) last?: number,
    @Arg('before', () => String, { nullable: true }) before?: string,
    @Arg('filter', () => ReturnFilter, { nullable: true }) filter?: ReturnFilter,
  ): Promise<ReturnConnection> {
    return listReturns(context.em, viewerOf(context), { first, after, last, before, filter });
  }

  @FieldResolver(() => [ReturnAction], { description: 'What the viewer may do now, from the same rules the mutations check.' })
  async availableActions(@Root() ret: Return, @Ctx() context: AppContext): Promise<ReturnAction[]> {
    const env = { viewer: viewerOf(context), now: clock.now(), loaders: context.loaders, config: context.config };
    const offered = new Set(await availableActions(returnMachine, ret, env));
    return Object.values(ReturnAction).filter((action) => offered.has(action));
  }

  @FieldResolver(() => Boolean, { description: 'refundDueAt has passed and the return is not yet REFUNDED, REJECTED or CANCELED.' })
  refundOverdue(@Root() ret: Return): boolean {
    return isRefundOverdue(ret, clock.now());
  }

  /** Whoever sees a return sees its order (both are scoped by the same shop and customer). */
  @FieldResolver(() => Order)
  order(@Root() ret: Return, @Ctx() { loaders }: AppContext): Order | Promise<Order | null> {
    return wrap(ret.order).isInitialized() ? ret.order : loaders.order.load(ret.order.uuid);
  }

  @FieldResolver(() => [ReturnLine])
  lines(@Root() ret: Return, @Ctx() { loaders }: AppContext): ReturnLine[] | Promise<ReturnLine[]> {
    if (!ret.lines.isInitialized()) return loaders.returnLines.load(ret.uuid);
    return [...ret.lines.getItems()].sort((a, b) => a.line.index - b.line.index);
  }

  @FieldResolver(() => [Refund])
  refunds(@Root() ret: Return, @Ctx() { loaders }: AppContext): Promise<Refund[]> {
    return loaders.returnRefunds.load(ret.uuid);
  }
}

@Resolver(() => ReturnLine)
export class ReturnLineResolver {
  @FieldResolver(() => OrderLine)
  line(@Root() returnLine: ReturnLine, @Ctx() { loaders }: AppContext): OrderLine | Promise<OrderLine | null> {
    return wrap(returnLine.line).isInitialized() ? returnLine.line : loaders.orderLine.load(returnLine.line.uuid);
  }
}

/** Fields other domains' types gain from returns (orders know nothing of returns). */
@Resolver(() => Order)
export class OrderReturnsResolver {
  @FieldResolver(() => [Return])
  returns(@Root() order: Order, @Ctx() { loaders }: AppContext): Promise<Return[]> {
    return loaders.returnsByOrder.load(order.uuid);
  }
}

@Resolver(() => Event)
export class EventReturnResolver {
  /** The event's scope (shop, customer) is the return's, so whoever sees the event sees the return. */
  @FieldResolver(() => Return, { nullable: true })
  return(@Root() event: Event, @Ctx() { loaders }: AppContext): Promise<Return | null> | null {
    return event.returnUuid ? loaders.return.load(event.returnUuid) : null;
  }
}

import DataLoader from 'dataloader';
import { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { Event } from '../common/events/event.entity';
import { EventConnection, listTimelines } from '../common/events/event-queries';
import { localIdOf } from '../common/global-id';
import { Locale } from '../common/locale';
import { Money } from '../common/money';
import { AppContext, viewerOf } from '../context';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { CARRIERS, Carrier } from './carriers';
import { availableActions } from '../common/step-machine';
import { OrderAction, orderMachine } from './order.machine';
import { refundableMinor } from './order-refunds';
import { Address, Order } from './order.entity';
import { OrderLine } from './order-line.entity';
import { findOrder, listOrders, OrderConnection, OrderFilter, OrderSort } from './order.queries';
import { stateLabel } from './order.status';
import { Refund, ShippingRefund } from './refund.entity';
import { CancellationReason } from './order-line.entity';
import { EventType } from '../common/events/event-type';
import { isLoaded } from '../common/row-views';
import { viewSelection } from '../common/view-selection';
import { orderViewableFields } from './order-views';

// Keyed by the request's loaders, which a subscription replaces for every event (fresh data).
const timelineLoaders = new WeakMap<object, Map<string, DataLoader<string, EventConnection>>>();

/** One loader per request and page arguments, so a page of orders asking for `timeline` costs one statement. */
function timelineLoader(context: AppContext, first?: number | null, after?: string | null): DataLoader<string, EventConnection> {
  let loaders = timelineLoaders.get(context.loaders);
  if (!loaders) timelineLoaders.set(context.loaders, (loaders = new Map()));
  const key = JSON.stringify([first ?? null, after ?? null]);
  let loader = loaders.get(key);
  if (!loader) {
    // Batching only, no cache: a second mutation in the same document must see its own events.
    loader = new DataLoader(
      async (orderUuids: readonly string[]) => {
        const timelines = await listTimelines(context.em, viewerOf(context), orderUuids, { first, after });
        return orderUuids.map((uuid) => timelines.get(uuid)!);
      },
      { cache: false },
    );
    loaders.set(key, loader);
  }
  return loader;
}

/** What the operation reads on each order at `path`, when order views can serve all of it (order-views.ts). */
function orderSelection(info: GraphQLResolveInfo, path: readonly string[]): Set<string> | undefined {
  return viewSelection(info, path, 'Order', orderViewableFields());
}

/** The order's lines, through the request's batching loader; initialises the collection for the rules. */
export async function loadLines(order: Order, { loaders }: AppContext): Promise<OrderLine[]> {
  if (order.lines.isInitialized()) return order.lines.getItems();
  const lines = await loaders.orderLines.load(order.uuid);
  order.lines.hydrate(lines);
  return lines;
}

@Resolver(() => Order)
export class OrderResolver {
  @Authorized()
  @Query(() => OrderConnection)
  orders(
    @Ctx() context: AppContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true }) last?: number,
    @Arg('before', () => String, { nullable: true }) before?: string,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter?: OrderFilter,
    @Arg('sort', () => OrderSort, { nullable: true }) sort?: OrderSort,
  ): Promise<OrderConnection> {
    return listOrders(context.em, viewerOf(context), { first, after, last, before, filter, sort }, orderSelection(info, ['edges', 'node']));
  }

  @Authorized()
  @Query(() => Order, { nullable: true })
  order(@Arg('id', () => ID) id: string, @Ctx() context: AppContext, @Info() info: GraphQLResolveInfo): Promise<Order | null> | null {
    const uuid = localIdOf('Order', id);
    return uuid ? findOrder(context.em, viewerOf(context), { uuid }, orderSelection(info, [])) : null;
  }

  @Authorized()
  @Query(() => Order, { nullable: true })
  orderByReference(@Arg('reference') reference: string, @Ctx() context: AppContext, @Info() info: GraphQLResolveInfo): Promise<Order | null> {
    return findOrder(context.em, viewerOf(context), { reference: reference.trim() }, orderSelection(info, []));
  }

  /** Public: a storefront shows the carrier list before anyone signs in. */
  @Query(() => [Carrier])
  carriers(): readonly Carrier[] {
    return CARRIERS;
  }

  @FieldResolver(() => Shop)
  shop(@Root() order: Order, @Ctx() { loaders }: AppContext): Shop | Promise<Shop | null> {
    return isLoaded(order.shop) ? order.shop : loaders.shop.load(order.shop.uuid);
  }

  @FieldResolver(() => Customer)
  customer(@Root() order: Order, @Ctx() { loaders }: AppContext): Customer | Promise<Customer | null> {
    return isLoaded(order.customer) ? order.customer : loaders.customer.load(order.customer.uuid);
  }

  @FieldResolver(() => [OrderLine])
  lines(@Root() order: Order, @Ctx() context: AppContext): Promise<OrderLine[]> {
    return loadLines(order, context);
  }

  @FieldResolver(() => String, { description: "The marketplace's own label, e.g. 'Przyjęcie w toku' for WAITING_ACCEPTANCE." })
  stateLabel(@Root() order: Order, @Arg('locale', () => Locale, { defaultValue: Locale.PL, nullable: true }) locale: Locale | null): string {
    // Nullable with a default: an explicit null asks for the default too.
    return stateLabel(order.state, locale ?? Locale.PL);
  }

  @FieldResolver(() => Address, { nullable: true, description: 'Hidden from the seller until the order is accepted.' })
  shippingAddress(@Root() order: Order, @Ctx() context: AppContext): Address | null {
    const hidden = viewerOf(context).role === Role.SELLER && !order.acceptedAt;
    return hidden ? null : order.shippingAddress;
  }

  @FieldResolver(() => Boolean)
  async hasOpenIncident(@Root() order: Order, @Ctx() context: AppContext): Promise<boolean> {
    return (await loadLines(order, context)).some((line) => line.state === 'INCIDENT_OPEN');
  }

  @FieldResolver(() => [OrderAction], { description: 'What the viewer may do now; clients never hard-code the state graph.' })
  async availableActions(@Root() order: Order, @Ctx() context: AppContext): Promise<OrderAction[]> {
    await loadLines(order, context);
    const env = { viewer: viewerOf(context), now: clock.now(), loaders: context.loaders, config: context.config };
    const offered = new Set(await availableActions(orderMachine, order, env));
    // In the enum's order, so clients get a stable list.
    return Object.values(OrderAction).filter((action) => offered.has(action));
  }

  @FieldResolver(() => [Refund])
  refunds(@Root() order: Order, @Ctx() { loaders }: AppContext): Promise<Refund[]> {
    return loaders.refunds.load(order.uuid);
  }

  @FieldResolver(() => [ShippingRefund], { description: 'Refunds of the shipping price, oldest first.' })
  shippingRefunds(@Root() order: Order, @Ctx() { loaders }: AppContext): Promise<ShippingRefund[]> {
    return loaders.shippingRefunds.load(order.uuid);
  }

  @FieldResolver(() => EventConnection, { description: 'Everything that happened to the order, oldest first, with who did it.' })
  timeline(
    @Root() order: Order,
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<EventConnection> {
    return timelineLoader(context, first, after).load(order.uuid);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => String)
  stateLabel(@Root() line: OrderLine, @Arg('locale', () => Locale, { defaultValue: Locale.PL, nullable: true }) locale: Locale | null): string {
    return stateLabel(line.state, locale ?? Locale.PL);
  }

  /** What the customer paid for the line and has not got back yet. */
  @FieldResolver(() => Money)
  async refundable(@Root() line: OrderLine, @Ctx() { loaders }: AppContext): Promise<Money> {
    const order = line.order.paidAt !== undefined ? line.order : await loaders.order.load(line.order.uuid);
    return new Money(order ? refundableMinor(order, line) : 0);
  }
}

@Resolver(() => Refund)
export class RefundResolver {
  @FieldResolver(() => OrderLine)
  line(@Root() refund: Refund, @Ctx() { loaders }: AppContext): Promise<OrderLine | null> {
    return loaders.orderLine.load(refund.line.uuid);
  }
}

/** Fields the event log gains from orders (the log knows nothing of them). */
@Resolver(() => Event)
export class EventOrderResolver {
  /** Whoever sees an event sees its order (both are scoped by the same shop and customer). */
  @FieldResolver(() => Order, { nullable: true })
  order(@Root() event: Event, @Ctx() { loaders }: AppContext): Promise<Order | null> | null {
    return event.orderUuid ? loaders.order.load(event.orderUuid) : null;
  }

  @FieldResolver(() => CancellationReason, { nullable: true, description: "ORDER_CANCELED by cancelOrder: the shop's reason code." })
  cancellationReason(@Root() event: Event): CancellationReason | null {
    const code = event.type === EventType.ORDER_CANCELED ? event.data?.reasonCode : undefined;
    return typeof code === 'string' && code in CancellationReason ? (code as CancellationReason) : null;
  }
}

import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role';
import { AppContext, viewerOf } from '../context';
import { Order } from '../orders/order.entity';
import { CustomerNotification } from './customer-notification.entity';
import { CustomerNotificationConnection, listNotifications } from './notification.queries';

@Resolver(() => CustomerNotification)
export class CustomerNotificationResolver {
  /** Sellers get FORBIDDEN: they see what the platform told a customer only on their own orders (Order.notifications). */
  @Authorized([Role.CUSTOMER, Role.OPERATOR])
  @Query(() => CustomerNotificationConnection, { description: 'CUSTOMER: their own; OPERATOR: all.' })
  notifications(
    @Ctx() context: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true }) last?: number,
    @Arg('before', () => String, { nullable: true }) before?: string,
  ): Promise<CustomerNotificationConnection> {
    return listNotifications(context.em, viewerOf(context), { first, after, last, before });
  }

  /** Whoever sees a notification sees its order (both are scoped by the order's shop and customer). */
  @FieldResolver(() => Order, { nullable: true })
  order(@Root() notification: CustomerNotification, @Ctx() { loaders }: AppContext): Promise<Order | null> | null {
    return notification.order ? loaders.order.load(notification.order.uuid) : null;
  }
}

/** Fields orders gain from notifications (orders know nothing of notifications). */
@Resolver(() => Order)
export class OrderNotificationsResolver {
  @FieldResolver(() => [CustomerNotification], {
    description: 'What the platform told the customer about this order (the seller sends no status mail of its own).',
  })
  notifications(@Root() order: Order, @Ctx() { loaders }: AppContext): Promise<CustomerNotification[]> {
    return loaders.notificationsByOrder.load(order.uuid);
  }
}

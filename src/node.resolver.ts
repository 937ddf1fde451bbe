import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { ApiKey } from './auth/api-key.entity';
import { Role } from './auth/role';
import { Viewer } from './auth/viewer';
import { apiError } from './common/errors';
import { Event } from './common/events/event.entity';
import { eventCodec } from './common/events/event-codec';
import { eventScope } from './common/events/event-queries';
import { fromGlobalId } from './common/global-id';
import { Node } from './common/node';
import { AppContext, viewerOf } from './context';
import { Customer } from './customers/customer.entity';
import { findIncident } from './incidents/incident.queries';
import { findNotification } from './notifications/notification.queries';
import { threadScope } from './messages/message-access';
import { Message } from './messages/message.entity';
import { MessageThread } from './messages/message-thread.entity';
import { Order } from './orders/order.entity';
import { OrderLine } from './orders/order-line.entity';
import { tenantScope } from './auth/viewer';
import { Refund, ShippingRefund } from './orders/refund.entity';
import { findRating } from './ratings/rating.queries';
import { findReturn } from './returns/return.queries';
import { Shop } from './shops/shop.entity';

const MAX_NODES = 100;

/** Any entity by global id, scoped exactly like the typed queries: what the viewer may not see is null. */
async function loadNode(context: AppContext, viewer: Viewer, id: string): Promise<object | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) return null;
  const { em } = context;
  const uuid = decoded.localId;
  switch (decoded.type) {
    case 'Order':
      return em.findOne(Order, { uuid, ...tenantScope(viewer) });
    case 'OrderLine':
      return em.findOne(OrderLine, { uuid, order: tenantScope(viewer) }, { populate: ['order'] });
    case 'Refund':
      return em.findOne(Refund, { uuid, order: tenantScope(viewer) });
    case 'ShippingRefund':
      return em.findOne(ShippingRefund, { uuid, order: tenantScope(viewer) });
    case 'Event': {
      const eventId = (await eventCodec(em)).decodeId(uuid);
      return eventId === undefined ? null : em.findOne(Event, { id: eventId.toString(), ...eventScope(viewer) });
    }
    case 'Shop':
      return viewer.role === Role.SELLER && viewer.shopUuid !== uuid ? null : em.findOne(Shop, { uuid });
    case 'Customer':
      if (viewer.role === Role.CUSTOMER) return viewer.customerUuid === uuid ? em.findOne(Customer, { uuid }) : null;
      if (viewer.role === Role.SELLER) {
        const buyer = await em.count(Order, { customer: uuid, shop: viewer.shopUuid });
        return buyer > 0 ? em.findOne(Customer, { uuid }) : null;
      }
      return em.findOne(Customer, { uuid });
    case 'MessageThread':
      return em.findOne(MessageThread, { uuid, ...threadScope(viewer) });
    case 'Message':
      return em.findOne(Message, { uuid, ...(viewer.role === Role.OPERATOR ? {} : { thread: threadScope(viewer) }) });
    case 'CustomerNotification':
      return findNotification(em, viewer, uuid);
    case 'Incident':
      return findIncident(em, viewer, uuid);
    case 'Return':
      return findReturn(em, viewer, uuid);
    case 'Rating':
      return findRating(em, viewer, uuid);
    case 'ApiKey':
      return viewer.role === Role.OPERATOR ? em.findOne(ApiKey, { uuid }) : null;
    default:
      return null;
  }
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true })
  node(@Arg('id', () => ID) id: string, @Ctx() context: AppContext): Promise<object | null> {
    return loadNode(context, viewerOf(context), id);
  }

  @Authorized()
  @Query(() => [Node], { nullable: 'items' })
  async nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() context: AppContext): Promise<(object | null)[]> {
    const viewer = viewerOf(context);
    if (ids.length > MAX_NODES) throw apiError('BAD_REQUEST', `nodes takes at most ${MAX_NODES} ids`);
    return Promise.all(ids.map((id) => loadNode(context, viewer, id)));
  }
}

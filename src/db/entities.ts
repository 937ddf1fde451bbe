import { ApiKey } from '../auth/api-key.entity';
import { Event } from '../common/events/event.entity';
import { EventLogSecret } from '../common/events/event-log-secret.entity';
import { IdempotencyRecord } from '../common/idempotency.entity';
import { Customer } from '../customers/customer.entity';
import { Incident } from '../incidents/incident.entity';
import { CustomerNotification } from '../notifications/customer-notification.entity';
import { Message } from '../messages/message.entity';
import { MessageThread } from '../messages/message-thread.entity';
import { ThreadRead } from '../messages/thread-read.entity';
import { Order } from '../orders/order.entity';
import { OrderLine } from '../orders/order-line.entity';
import { Refund, ShippingRefund } from '../orders/refund.entity';
import { Rating } from '../ratings/rating.entity';
import { Return, ReturnLine, ReturnRefund } from '../returns/return.entity';
import { Shop } from '../shops/shop.entity';

export const ENTITIES = [Shop, Customer, ApiKey, Order, OrderLine, Refund, ShippingRefund, Event, EventLogSecret, IdempotencyRecord, MessageThread, Message, ThreadRead, Incident, CustomerNotification, Return, ReturnLine, ReturnRefund, Rating];

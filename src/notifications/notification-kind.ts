import { registerEnumType } from 'type-graphql';

/** What a customer notification is about; one template per kind and language (templates.pl.ts, templates.en.ts). */
export enum NotificationKind {
  ORDER_ACCEPTED = 'ORDER_ACCEPTED',
  ORDER_REFUSED = 'ORDER_REFUSED',
  ORDER_SHIPPED = 'ORDER_SHIPPED',
  ORDER_READY_FOR_PICKUP = 'ORDER_READY_FOR_PICKUP',
  ORDER_DELIVERED = 'ORDER_DELIVERED',
  ORDER_CANCELED = 'ORDER_CANCELED',
  REFUND_ISSUED = 'REFUND_ISSUED',
  INCIDENT_UPDATED = 'INCIDENT_UPDATED',
  RETURN_UPDATED = 'RETURN_UPDATED',
  NEW_MESSAGE = 'NEW_MESSAGE',
  RATING_INVITATION = 'RATING_INVITATION',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

/** The order of the enum: how notifications written in one transaction are listed (a delivery before its rating invitation). */
export const KIND_ORDER: readonly NotificationKind[] = Object.values(NotificationKind);

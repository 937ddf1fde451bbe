import { EVENT_TOKEN_PATTERN } from './events/event-codec';

/**
 * Opaque global ids: base64url("Type:localId"). Clients never build them; the server checks the
 * type on the way in so an Order id cannot be used where a Shop id is expected.
 */
export type NodeTypeName =
  | 'Order'
  | 'OrderLine'
  | 'Shop'
  | 'Customer'
  | 'ApiKey'
  | 'Event'
  | 'Refund'
  | 'ShippingRefund'
  | 'MessageThread'
  | 'Message'
  | 'Incident'
  | 'Return'
  | 'Rating'
  | 'CustomerNotification';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: NodeTypeName, localId: string): string {
  return Buffer.from(`${type}:${localId}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeTypeName;
  localId: string;
}

/** Returns undefined for anything that is not a well-formed id of a known type. */
export function fromGlobalId(globalId: string): DecodedId | undefined {
  if (typeof globalId !== 'string' || globalId.length === 0 || globalId.length > 200) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  const type = decoded.slice(0, separator) as NodeTypeName;
  const localId = decoded.slice(separator + 1);
  // An event's local id is an opaque token (events/event-codec.ts), not its row id.
  const wellFormed = type === 'Event' ? EVENT_TOKEN_PATTERN.test(localId) : UUID.test(localId);
  if (!wellFormed || !NODE_TYPES.has(type)) return undefined;
  return { type, localId };
}

/** The local id when `globalId` is a well-formed id of `type`, otherwise undefined. */
export function localIdOf(type: NodeTypeName, globalId: string): string | undefined {
  const decoded = fromGlobalId(globalId);
  return decoded?.type === type ? decoded.localId : undefined;
}

const NODE_TYPES = new Set<NodeTypeName>([
  'Order',
  'OrderLine',
  'Shop',
  'Customer',
  'ApiKey',
  'Event',
  'Refund',
  'ShippingRefund',
  'MessageThread',
  'Message',
  'Incident',
  'Return',
  'Rating',
  'CustomerNotification',
]);

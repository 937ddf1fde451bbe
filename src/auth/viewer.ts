import { ActorType, Role } from './role';

/** Who is calling: resolved from the API key on every request, so a revocation applies at once. */
export interface Viewer {
  role: Role;
  apiKeyUuid: string;
  displayName: string;
  /** Set for SELLER. */
  shopUuid?: string;
  /** Set for CUSTOMER. */
  customerUuid?: string;
}

/** The author of a change as the event log records it. */
export interface ActorRef {
  type: ActorType;
  displayName: string;
}

export const SYSTEM_ACTOR: ActorRef = { type: ActorType.SYSTEM, displayName: 'System' };

export function actorOf(viewer: Viewer): ActorRef {
  return { type: viewer.role as unknown as ActorType, displayName: viewer.displayName };
}

/** Idempotency keys belong to a viewer: the shop, the customer, or one operator key. */
export function idempotencyScope(viewer: Viewer): string {
  if (viewer.role === Role.SELLER) return `shop:${viewer.shopUuid}`;
  if (viewer.role === Role.CUSTOMER) return `customer:${viewer.customerUuid}`;
  return `operator:${viewer.apiKeyUuid}`;
}

/**
 * The one tenant rule, as a filter: a seller sees its shop's rows, a customer their own, an
 * operator (and the system, `null`) everything. `fields` names the columns where an entity keeps them.
 */
export function tenantScope(viewer: Viewer | null, fields: { shop: string; customer: string } = { shop: 'shop', customer: 'customer' }): Record<string, string> {
  if (!viewer || viewer.role === Role.OPERATOR) return {};
  if (viewer.role === Role.SELLER) return { [fields.shop]: viewer.shopUuid! };
  return { [fields.customer]: viewer.customerUuid! };
}

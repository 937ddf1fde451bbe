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

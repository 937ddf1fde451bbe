import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';

/** Which side of a thread the viewer speaks and reads for. */
export type ThreadSide = 'SHOP' | 'CUSTOMER' | 'OPERATOR';

export function sideOf(viewer: Viewer): ThreadSide {
  if (viewer.role === Role.SELLER) return 'SHOP';
  if (viewer.role === Role.CUSTOMER) return 'CUSTOMER';
  return 'OPERATOR';
}

/** Threads a viewer takes part in: a seller its shop's, a customer their own, operators all. */
export function threadScope(viewer: Viewer): Record<string, string> {
  if (viewer.role === Role.SELLER) return { shopUuid: viewer.shopUuid! };
  if (viewer.role === Role.CUSTOMER) return { customerUuid: viewer.customerUuid! };
  return {};
}

export const MAX_MESSAGE_LENGTH = 5_000;

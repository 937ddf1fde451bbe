import { AuthChecker } from 'type-graphql';
import { apiError } from '../common/errors';
import { AppContext } from '../context';
import { Role } from './role';

/**
 * `@Authorized()` needs any valid key; `@Authorized([roles])` one of those roles. Answers the
 * contract's top-level codes: UNAUTHENTICATED without a valid key, FORBIDDEN for a role that may
 * never call the field.
 */
export const authChecker: AuthChecker<AppContext, Role> = ({ context }, roles) => {
  if (!context.viewer) throw apiError('UNAUTHENTICATED', 'Send a valid API key as `Authorization: Bearer <secret>`');
  if (roles.length > 0 && !roles.includes(context.viewer.role)) {
    throw apiError('FORBIDDEN', `This field is not available to the ${context.viewer.role} role`);
  }
  return true;
};

import { registerEnumType } from 'type-graphql';
import { StatusGraph } from '../common/step-machine';

/**
 * A rating's only status: whether the shop asked the operator to remove it, and what was decided.
 * NONE -> REQUESTED (the shop asks, once) -> REMOVED or KEPT (the operator decides; both final).
 */
export enum RatingRemovalStatus {
  NONE = 'NONE',
  REQUESTED = 'REQUESTED',
  REMOVED = 'REMOVED',
  KEPT = 'KEPT',
}
registerEnumType(RatingRemovalStatus, { name: 'RatingRemovalStatus' });

export enum RatingRemovalGround {
  RULES_VIOLATION = 'RULES_VIOLATION',
  NOT_THIS_TRANSACTION = 'NOT_THIS_TRANSACTION',
  CUSTOMER_REQUEST = 'CUSTOMER_REQUEST',
}
registerEnumType(RatingRemovalGround, { name: 'RatingRemovalGround' });

const S = RatingRemovalStatus;

export const REMOVAL_TRANSITIONS: Record<RatingRemovalStatus, readonly RatingRemovalStatus[]> = {
  [S.NONE]: [S.REQUESTED],
  [S.REQUESTED]: [S.REMOVED, S.KEPT],
  [S.REMOVED]: [],
  [S.KEPT]: [],
};

export const REMOVAL_STATUS: StatusGraph<RatingRemovalStatus> = { name: 'Rating removal', moves: REMOVAL_TRANSITIONS, initial: [S.NONE] };

/** What a viewer may be offered on a rating (`Rating.availableActions`). */
export enum RatingAction {
  REPLY = 'REPLY',
  DELETE_REPLY = 'DELETE_REPLY',
  REQUEST_REMOVAL = 'REQUEST_REMOVAL',
  DECIDE_REMOVAL = 'DECIDE_REMOVAL',
}
registerEnumType(RatingAction, { name: 'RatingAction' });

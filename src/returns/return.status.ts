import { registerEnumType } from 'type-graphql';
import { StatusGraph } from '../common/step-machine';
import { RefundReason } from '../orders/refund.entity';

/**
 * A return's status and the single transition table every return change is checked against:
 * REQUESTED -> ACCEPTED / REJECTED (the shop decides) or CANCELED (the customer withdraws);
 * ACCEPTED -> RECEIVED (the shop has the parcel back; tracking on the way keeps it ACCEPTED) or
 * CANCELED; RECEIVED -> REFUNDED. REJECTED, REFUNDED and CANCELED are terminal.
 */
export enum ReturnStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  RECEIVED = 'RECEIVED',
  REFUNDED = 'REFUNDED',
  CANCELED = 'CANCELED',
}
registerEnumType(ReturnStatus, { name: 'ReturnStatus' });

export enum ReturnReason {
  WITHDRAWAL_NO_REASON = 'WITHDRAWAL_NO_REASON',
  DAMAGED_PRODUCT = 'DAMAGED_PRODUCT',
  NOT_AS_DESCRIBED = 'NOT_AS_DESCRIBED',
  WRONG_ITEM = 'WRONG_ITEM',
  OTHER = 'OTHER',
}
registerEnumType(ReturnReason, { name: 'ReturnReason' });

export enum ReturnRejectionReason {
  WINDOW_CLOSED = 'WINDOW_CLOSED',
  NOT_RETURNABLE = 'NOT_RETURNABLE',
  NOT_RECEIVED_BACK = 'NOT_RECEIVED_BACK',
  OTHER = 'OTHER',
}
registerEnumType(ReturnRejectionReason, { name: 'ReturnRejectionReason' });

const S = ReturnStatus;

export const RETURN_TRANSITIONS: Record<ReturnStatus, readonly ReturnStatus[]> = {
  [S.REQUESTED]: [S.ACCEPTED, S.REJECTED, S.CANCELED],
  [S.ACCEPTED]: [S.RECEIVED, S.CANCELED],
  [S.RECEIVED]: [S.REFUNDED],
  [S.REJECTED]: [],
  [S.REFUNDED]: [],
  [S.CANCELED]: [],
};

export const RETURN_STATUS: StatusGraph<ReturnStatus> = { name: 'Return', moves: RETURN_TRANSITIONS, initial: [S.REQUESTED] };

/** What a viewer may be offered on a return (`Return.availableActions`). */
export enum ReturnAction {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  SET_TRACKING = 'SET_TRACKING',
  MARK_RECEIVED = 'MARK_RECEIVED',
  REFUND = 'REFUND',
  CANCEL = 'CANCEL',
}
registerEnumType(ReturnAction, { name: 'ReturnAction' });

/** Returns still open: they hold their order open and their refund may become overdue. */
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = [S.REQUESTED, S.ACCEPTED, S.RECEIVED];

/**
 * Returns that hold their quantities: a unit of a line may be in at most one of them. A rejected or
 * canceled return frees its units (the customer may ask again while the window is open); a
 * refunded one keeps them, so the same unit never comes back, or is paid back, twice.
 */
export const QUANTITY_HOLDING: readonly ReturnStatus[] = [S.REQUESTED, S.ACCEPTED, S.RECEIVED, S.REFUNDED];

/** The refund reason recorded for a return's refunds (RefundReason has no WRONG_ITEM or OTHER). */
export const REFUND_REASON_OF: Record<ReturnReason, RefundReason> = {
  [ReturnReason.WITHDRAWAL_NO_REASON]: RefundReason.WITHDRAWAL_NO_REASON,
  [ReturnReason.DAMAGED_PRODUCT]: RefundReason.DAMAGED_PRODUCT,
  [ReturnReason.NOT_AS_DESCRIBED]: RefundReason.NOT_AS_DESCRIBED,
  [ReturnReason.WRONG_ITEM]: RefundReason.NOT_AS_DESCRIBED,
  [ReturnReason.OTHER]: RefundReason.WITHDRAWAL_NO_REASON,
};

import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { checkText } from '../common/validation';
import { applyTracking, checkTracking } from '../orders/tracking';
import { RejectReturnInput, ReturnActionInput, SetReturnTrackingInput } from './return.inputs';
import { MAX_RETURN_TEXT } from './return-request';
import { ReturnOutcome, runReturnCommand } from './return-workflow';

/** The shop's decision, the customer's parcel, the shop's receipt, the customer's withdrawal: thin wrappers. */

export function acceptReturn(em: EntityManager, viewer: Viewer, input: ReturnActionInput): Promise<ReturnOutcome> {
  return runReturnCommand(em, {
    step: 'ACCEPT',
    viewer,
    returnId: input.returnId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(ret, _order, tx) {
      ret.decidedAt = tx.now;
      return {};
    },
  });
}

export function rejectReturn(em: EntityManager, viewer: Viewer, input: RejectReturnInput): Promise<ReturnOutcome> {
  return runReturnCommand(em, {
    step: 'REJECT',
    viewer,
    returnId: input.returnId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    invalid: checkText(['input', 'message'], input.message, MAX_RETURN_TEXT, true),
    apply(ret, _order, tx) {
      ret.decidedAt = tx.now;
      ret.rejectionReason = input.reason;
      ret.rejectionMessage = input.message?.trim() || null;
      return { data: { reason: input.reason } };
    },
  });
}

/** The customer tells the shop how the parcel comes back; may be corrected while the return is ACCEPTED. */
export function setReturnTracking(em: EntityManager, viewer: Viewer, input: SetReturnTrackingInput): Promise<ReturnOutcome> {
  return runReturnCommand(em, {
    step: 'SET_TRACKING',
    viewer,
    returnId: input.returnId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    invalid: checkTracking(input),
    apply(ret, _order, tx) {
      return { data: applyTracking(ret, input, tx.now) };
    },
  });
}

export function markReturnReceived(em: EntityManager, viewer: Viewer, input: ReturnActionInput): Promise<ReturnOutcome> {
  return runReturnCommand(em, {
    step: 'MARK_RECEIVED',
    viewer,
    returnId: input.returnId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(ret, _order, tx) {
      ret.receivedAt = tx.now;
      return {};
    },
  });
}

export function cancelReturn(em: EntityManager, viewer: Viewer, input: ReturnActionInput): Promise<ReturnOutcome> {
  return runReturnCommand(em, {
    step: 'CANCEL',
    viewer,
    returnId: input.returnId,
    expectedVersion: input.expectedVersion,
    idempotencyKey: input.idempotencyKey,
    input,
    apply(ret, _order, tx) {
      ret.canceledAt = tx.now;
      return {};
    },
  });
}

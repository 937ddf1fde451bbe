import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { ValidationError } from '../common/errors';
import { checkHttpUrl, checkText, firstProblem } from '../common/validation';
import { findCarrier, trackingUrlFor } from '../orders/carriers';
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

/** The same rules as the order's setTracking: a known carrier code, or a carrier name (and maybe a URL). */
function checkTracking(input: SetReturnTrackingInput): ValidationError | undefined {
  const carrier = input.carrierCode ? findCarrier(input.carrierCode) : undefined;
  return firstProblem(
    () => checkText(['input', 'trackingNumber'], input.trackingNumber, 100),
    () => (input.carrierCode && !carrier ? new ValidationError(['input', 'carrierCode'], 'is not a code from `carriers`') : undefined),
    () => (!input.carrierCode ? checkText(['input', 'carrierName'], input.carrierName, 100) : undefined),
    () => checkText(['input', 'carrierName'], input.carrierName, 100, true),
    () =>
      input.trackingUrl && carrier?.trackingUrlTemplate
        ? new ValidationError(['input', 'trackingUrl'], 'is built from the carrier template; leave it out for this carrier')
        : undefined,
    () => checkHttpUrl(['input', 'trackingUrl'], input.trackingUrl),
  );
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
      const carrier = input.carrierCode ? findCarrier(input.carrierCode) : undefined;
      const trackingNumber = input.trackingNumber.trim();
      ret.trackingCarrierCode = carrier?.code ?? null;
      ret.trackingCarrierName = carrier?.name ?? input.carrierName!.trim();
      ret.trackingNumber = trackingNumber;
      ret.trackingUrl = carrier?.trackingUrlTemplate ? trackingUrlFor(carrier, trackingNumber) : input.trackingUrl ?? null;
      ret.trackingUpdatedAt = tx.now;
      return { data: { carrierCode: ret.trackingCarrierCode, carrierName: ret.trackingCarrierName, trackingNumber } };
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

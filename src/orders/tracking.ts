import { Field, InputType, ObjectType } from 'type-graphql';
import { ValidationError } from '../common/errors';
import { checkHttpUrl, checkText, firstProblem } from '../common/validation';
import { findCarrier, trackingUrlFor } from './carriers';

/** What a client sends to say how a parcel travels: the order's shipment, or a return's way back. */
export interface TrackingInput {
  carrierCode?: string | null;
  carrierName?: string | null;
  trackingNumber: string;
  trackingUrl?: string | null;
}

/** The tracking fields of setTracking and setReturnTracking inputs, declared once. */
@InputType()
export abstract class TrackingFieldsInput implements TrackingInput {
  @Field(() => String, { nullable: true, description: 'A code from `carriers`; otherwise carrierName is required.' })
  carrierCode?: string | null;

  @Field(() => String, { nullable: true }) carrierName?: string | null;
  @Field() trackingNumber!: string;

  @Field(() => String, { nullable: true, description: 'Only for carriers without a URL template.' })
  trackingUrl?: string | null;
}

/** The columns an entity keeps its tracking in (orders and returns alike). */
export interface TrackingColumns {
  trackingCarrierCode?: string | null;
  trackingCarrierName?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  trackingUpdatedAt?: Date | null;
}

/** A known carrier code, or a carrier name (with an optional URL only where no template builds it). */
export function checkTracking(input: TrackingInput): ValidationError | undefined {
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

/** Writes checked tracking into `target`; answers what the event log records of it. */
export function applyTracking(target: TrackingColumns, input: TrackingInput, now: Date) {
  const carrier = input.carrierCode ? findCarrier(input.carrierCode) : undefined;
  const trackingNumber = input.trackingNumber.trim();
  target.trackingCarrierCode = carrier?.code ?? null;
  target.trackingCarrierName = carrier?.name ?? input.carrierName!.trim();
  target.trackingNumber = trackingNumber;
  target.trackingUrl = carrier?.trackingUrlTemplate ? trackingUrlFor(carrier, trackingNumber) : input.trackingUrl ?? null;
  target.trackingUpdatedAt = now;
  return { carrierCode: target.trackingCarrierCode, carrierName: target.trackingCarrierName, trackingNumber };
}

@ObjectType()
export class Tracking {
  @Field(() => String, { nullable: true }) carrierCode!: string | null;
  @Field() carrierName!: string;
  @Field() trackingNumber!: string;
  @Field(() => String, { nullable: true }) trackingUrl!: string | null;
  @Field() updatedAt!: Date;
}

/** The tracking an entity's columns describe, once a carrier and number are set. */
export function trackingOf(columns: TrackingColumns): Tracking | null {
  if (!columns.trackingNumber || !columns.trackingCarrierName || !columns.trackingUpdatedAt) return null;
  return {
    carrierCode: columns.trackingCarrierCode ?? null,
    carrierName: columns.trackingCarrierName,
    trackingNumber: columns.trackingNumber,
    trackingUrl: columns.trackingUrl ?? null,
    updatedAt: columns.trackingUpdatedAt,
  };
}

import { Field, ObjectType } from 'type-graphql';

@ObjectType()
export class Carrier {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field({ description: 'Delivery is reported by the carrier itself, so the order becomes RECEIVED without the customer.' })
  integrated!: boolean;

  @Field(() => String, { nullable: true, description: 'Contains {trackingNumber}, replaced by the URL-encoded number.' })
  trackingUrlTemplate!: string | null;
}

/** The marketplace's carrier list. Integrated carriers report deliveries through `recordCarrierDelivery`. */
export const CARRIERS: readonly Carrier[] = [
  { code: 'INPOST', name: 'InPost', integrated: true, trackingUrlTemplate: 'https://inpost.pl/sledzenie-przesylek?number={trackingNumber}' },
  { code: 'DPD', name: 'DPD', integrated: true, trackingUrlTemplate: 'https://tracktrace.dpd.com.pl/parcelDetails?p1={trackingNumber}' },
  { code: 'DHL', name: 'DHL', integrated: true, trackingUrlTemplate: 'https://www.dhl.com/pl-pl/home/sledzenie-przesylek.html?tracking-id={trackingNumber}' },
  { code: 'UPS', name: 'UPS', integrated: true, trackingUrlTemplate: 'https://www.ups.com/track?loc=pl_PL&tracknum={trackingNumber}' },
  { code: 'POCZTA_POLSKA', name: 'Poczta Polska', integrated: true, trackingUrlTemplate: 'https://emonitoring.poczta-polska.pl/?numer={trackingNumber}' },
  { code: 'FEDEX', name: 'FedEx', integrated: true, trackingUrlTemplate: 'https://www.fedex.com/fedextrack/?trknbr={trackingNumber}' },
  { code: 'GLS', name: 'GLS', integrated: true, trackingUrlTemplate: 'https://gls-group.com/PL/pl/sledzenie-paczek?match={trackingNumber}' },
  { code: 'ORLEN_PACZKA', name: 'Orlen Paczka', integrated: false, trackingUrlTemplate: null },
];

const BY_CODE = new Map(CARRIERS.map((carrier) => [carrier.code, carrier]));

export function findCarrier(code: string): Carrier | undefined {
  return BY_CODE.get(code);
}

export function trackingUrlFor(carrier: Carrier, trackingNumber: string): string | null {
  return carrier.trackingUrlTemplate?.replace('{trackingNumber}', encodeURIComponent(trackingNumber)) ?? null;
}

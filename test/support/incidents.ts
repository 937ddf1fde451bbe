import {
  AcceptOrderDocument,
  CloseIncidentDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  DisputeIncidentDocument,
  IncidentActionInput,
  IncidentFieldsFragment,
  IncidentOrderDocument,
  IncidentOrderQuery,
  IncidentResultFieldsFragment,
  MarkIncidentResolvedDocument,
  MarkReadyForPickupDocument,
  OpenIncidentDocument,
  OpenIncidentInput,
  OrderFieldsFragment,
  PlaceOrderInput,
  RecordPaymentDocument,
  SetTrackingDocument,
} from '../generated/graphql';
import { TestApp } from './app';
import { asOrder, Market, placeOrder } from './market';

/** The states an incident can be opened in, each built through the API (prepaid, paid, INPOST). */
export type DeliveredState = 'SHIPPED' | 'TO_COLLECT' | 'RECEIVED';

export async function orderIn(
  t: TestApp,
  market: Market,
  state: DeliveredState,
  options: { customerSecret?: string; sellerSecret?: string; carrierCode?: string; overrides?: Partial<PlaceOrderInput> } = {},
): Promise<OrderFieldsFragment> {
  const { operator } = market.keys;
  const seller = options.sellerSecret ?? market.keys.seller;
  const customer = options.customerSecret ?? market.keys.customer;
  const placed = await placeOrder(t, market, options.overrides, customer);
  const input = { orderId: placed.id };
  asOrder((await t.gql(AcceptOrderDocument, { input }, seller)).acceptOrder);
  asOrder((await t.gql(RecordPaymentDocument, { input: { ...input, outcome: 'PAID' } }, operator)).recordPayment);
  if (state === 'TO_COLLECT') return asOrder((await t.gql(MarkReadyForPickupDocument, { input }, seller)).markReadyForPickup);
  const trackingNumber = `TRK-${placed.reference}`;
  asOrder((await t.gql(SetTrackingDocument, { input: { ...input, carrierCode: options.carrierCode ?? 'INPOST', trackingNumber } }, seller)).setTracking);
  const shipped = asOrder((await t.gql(ConfirmShipmentDocument, { input }, seller)).confirmShipment);
  if (state === 'SHIPPED') return shipped;
  return asOrder((await t.gql(ConfirmDeliveryDocument, { input }, customer)).confirmDelivery);
}

/** Narrows a result union to the incident, failing the test with the error otherwise. */
export function asIncident(result: IncidentResultFieldsFragment): IncidentFieldsFragment {
  if (!('__typename' in result) || result.__typename !== 'Incident') throw new Error(`expected an Incident, got ${JSON.stringify(result)}`);
  return result as IncidentFieldsFragment;
}

/** The four incident mutations as `secret`, answering whatever member of IncidentResult they return. */
export function incidentCalls(t: TestApp) {
  return {
    open: async (secret: string, input: OpenIncidentInput) => (await t.gql(OpenIncidentDocument, { input }, secret)).openIncident,
    resolve: async (secret: string, input: IncidentActionInput) =>
      (await t.gql(MarkIncidentResolvedDocument, { input }, secret)).markIncidentResolved,
    close: async (secret: string, input: IncidentActionInput) => (await t.gql(CloseIncidentDocument, { input }, secret)).closeIncident,
    dispute: async (secret: string, input: IncidentActionInput) => (await t.gql(DisputeIncidentDocument, { input }, secret)).disputeIncident,
  };
}

export type IncidentOrder = NonNullable<IncidentOrderQuery['order']>;

/** The order with its incidents, thread and timeline, as `secret` sees it (the operator by default). */
export async function incidentOrder(t: TestApp, id: string, secret?: string): Promise<IncidentOrder> {
  const { order } = await t.gql(IncidentOrderDocument, { id }, secret);
  if (!order) throw new Error(`order ${id} not visible`);
  return order;
}

/** The timeline as "TYPE from->to by ACTOR" lines, for exact assertions. */
export function timelineOf(order: IncidentOrder): string[] {
  return order.timeline.edges.map(({ node }) => `${node.type} ${node.fromState ?? '-'}->${node.toState ?? '-'} by ${node.actor.type}`);
}

import { clock } from '../../src/common/clock';
import {
  AcceptOrderDocument,
  AcceptReturnDocument,
  CancelReturnDocument,
  ConfirmDeliveryDocument,
  ConfirmShipmentDocument,
  DecideRatingRemovalDocument,
  DecideRatingRemovalInput,
  DeleteRatingReplyDocument,
  MarkReturnReceivedDocument,
  OrderFieldsFragment,
  PlaceOrderDocument,
  PlaceOrderInput,
  RateOrderDocument,
  RateOrderInput,
  RatingFieldsFragment,
  RatingResultFieldsFragment,
  RecordPaymentDocument,
  RefundReturnDocument,
  RefundReturnInput,
  RejectReturnDocument,
  RejectReturnInput,
  ReplyToRatingDocument,
  ReplyToRatingInput,
  RequestRatingRemovalDocument,
  RequestRatingRemovalInput,
  RequestReturnDocument,
  RequestReturnInput,
  ReturnActionInput,
  ReturnFieldsFragment,
  ReturnResultFieldsFragment,
  SetReturnTrackingDocument,
  SetReturnTrackingInput,
  SetTrackingDocument,
} from '../generated/graphql';
import { TestApp } from './app';
import { asOrder, Market, orderInput } from './market';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * A prepaid order of `shopId` (default the market's shop) walked through the API to RECEIVED by
 * its customer; with `receivedAt`, the clock is frozen there first, so receivedAt is exact (the
 * clock stays frozen: callers move it on with clock.freeze / clock.reset).
 */
export async function receivedOrder(
  t: TestApp,
  market: Market,
  options: { receivedAt?: Date; shopId?: string; customerSecret?: string; overrides?: Partial<PlaceOrderInput> } = {},
): Promise<OrderFieldsFragment> {
  const customer = options.customerSecret ?? market.keys.customer;
  const input = orderInput(options.shopId ?? market.shop.id, options.overrides);
  const placed = asOrder((await t.gql(PlaceOrderDocument, { input }, customer)).placeOrder);
  const orderId = placed.id;
  asOrder((await t.gql(AcceptOrderDocument, { input: { orderId } })).acceptOrder);
  asOrder((await t.gql(RecordPaymentDocument, { input: { orderId, outcome: 'PAID' } })).recordPayment);
  asOrder((await t.gql(SetTrackingDocument, { input: { orderId, carrierCode: 'INPOST', trackingNumber: `RT-${placed.reference}` } })).setTracking);
  asOrder((await t.gql(ConfirmShipmentDocument, { input: { orderId } })).confirmShipment);
  if (options.receivedAt) clock.freeze(options.receivedAt);
  return asOrder((await t.gql(ConfirmDeliveryDocument, { input: { orderId } }, customer)).confirmDelivery);
}

/** Narrows a result union to the return, failing the test with the error otherwise. */
export function asReturn(result: ReturnResultFieldsFragment): ReturnFieldsFragment {
  if (!('__typename' in result) || result.__typename !== 'Return') throw new Error(`expected a Return, got ${JSON.stringify(result)}`);
  return result as ReturnFieldsFragment;
}

export function asRating(result: RatingResultFieldsFragment): RatingFieldsFragment {
  if (!('__typename' in result) || result.__typename !== 'Rating') throw new Error(`expected a Rating, got ${JSON.stringify(result)}`);
  return result as RatingFieldsFragment;
}

/** The return mutations as `secret`, answering whatever member of ReturnResult they return. */
export function returnCalls(t: TestApp) {
  return {
    request: async (secret: string, input: RequestReturnInput) => (await t.gql(RequestReturnDocument, { input }, secret)).requestReturn,
    accept: async (secret: string, input: ReturnActionInput) => (await t.gql(AcceptReturnDocument, { input }, secret)).acceptReturn,
    reject: async (secret: string, input: RejectReturnInput) => (await t.gql(RejectReturnDocument, { input }, secret)).rejectReturn,
    track: async (secret: string, input: SetReturnTrackingInput) => (await t.gql(SetReturnTrackingDocument, { input }, secret)).setReturnTracking,
    receive: async (secret: string, input: ReturnActionInput) => (await t.gql(MarkReturnReceivedDocument, { input }, secret)).markReturnReceived,
    refund: async (secret: string, input: RefundReturnInput) => (await t.gql(RefundReturnDocument, { input }, secret)).refundReturn,
    cancel: async (secret: string, input: ReturnActionInput) => (await t.gql(CancelReturnDocument, { input }, secret)).cancelReturn,
  };
}

/** The rating mutations as `secret`, answering whatever member of RatingResult they return. */
export function ratingCalls(t: TestApp) {
  return {
    rate: async (secret: string, input: RateOrderInput) => (await t.gql(RateOrderDocument, { input }, secret)).rateOrder,
    reply: async (secret: string, input: ReplyToRatingInput) => (await t.gql(ReplyToRatingDocument, { input }, secret)).replyToRating,
    deleteReply: async (secret: string, ratingId: string) => (await t.gql(DeleteRatingReplyDocument, { ratingId }, secret)).deleteRatingReply,
    requestRemoval: async (secret: string, input: RequestRatingRemovalInput) =>
      (await t.gql(RequestRatingRemovalDocument, { input }, secret)).requestRatingRemoval,
    decideRemoval: async (secret: string, input: DecideRatingRemovalInput) =>
      (await t.gql(DecideRatingRemovalDocument, { input }, secret)).decideRatingRemoval,
  };
}

import {
  SeedAcceptReturnDocument,
  SeedCancelReturnDocument,
  SeedCloseIncidentDocument,
  SeedDecideRatingRemovalDocument,
  SeedDisputeIncidentDocument,
  SeedMarkIncidentResolvedDocument,
  SeedMarkNoReplyNeededDocument,
  SeedMarkReturnReceivedDocument,
  SeedMarkThreadReadDocument,
  SeedOpenIncidentDocument,
  SeedRateOrderDocument,
  SeedRefundReturnDocument,
  SeedRejectReturnDocument,
  SeedReplyToRatingDocument,
  SeedRequestRatingRemovalDocument,
  SeedRequestReturnDocument,
  SeedSendMessageDocument,
  SeedSetReturnTrackingDocument,
} from '../../test/generated/graphql';
import { GraphQLClient, StepError } from './client';
import type { OrderPlan } from './plan';
import type { Marketplace, OrderRun } from './runner';
import { Side, Step, StepKind } from './story-builder';

const KINDS: ReadonlySet<StepKind> = new Set<StepKind>([
  'message', 'readThread', 'noReplyNeeded',
  'openIncident', 'resolveIncident', 'closeIncident', 'disputeIncident',
  'requestReturn', 'acceptReturn', 'rejectReturn', 'returnTracking', 'returnReceived', 'refundReturn', 'cancelReturn',
  'rate', 'replyRating', 'requestRemoval', 'decideRemoval',
]);

/** What an after-sales mutation answered: the entity, or one of the result union's errors. */
type Answer = { __typename: string; id?: string; code?: string; message?: string };

/** Runs the after-sales steps (after-sales.ts) through the API as the participant who takes them. */
export class AfterSalesRunner {
  constructor(
    private readonly api: GraphQLClient,
    private readonly market: Marketplace,
    private readonly operatorKey: string,
  ) {}

  handles(kind: StepKind): boolean {
    return KINDS.has(kind);
  }

  async run(plan: OrderPlan, step: Step, order: OrderRun): Promise<void> {
    const answer = await this.send(plan, step, order);
    const expected = step.kind === 'message' ? 'Message' : ['readThread', 'noReplyNeeded'].includes(step.kind) ? 'MessageThread' : undefined;
    const ok = expected ? answer.__typename === expected : ['Incident', 'Return', 'Rating'].includes(answer.__typename);
    if (!ok) throw new StepError(`order #${plan.seq} (${plan.story}): ${step.kind} answered ${answer.__typename} ${answer.code}: ${answer.message}`);
  }

  private key(plan: OrderPlan, side: Side | undefined): string {
    if (side === 'seller') return this.market.shops[plan.shop].key;
    if (side === 'operator') return this.operatorKey;
    return this.market.customers[plan.customer].key;
  }

  private async send(plan: OrderPlan, step: Step, order: OrderRun): Promise<Answer> {
    const api = this.api;
    const key = this.key(plan, step.by);
    const orderId = order.id!;
    const body = step.body?.replace(/\{nr\}/g, order.reference ?? '');
    const lineId = (index: number) => order.lines[index].id;
    switch (step.kind) {
      case 'message': {
        const { sendMessage } = await api.request(SeedSendMessageDocument, { input: { orderId, body: body! } }, key);
        if (sendMessage.__typename === 'Message') order.threadId = sendMessage.thread.id;
        return sendMessage;
      }
      case 'readThread':
        return (await api.request(SeedMarkThreadReadDocument, { threadId: order.threadId! }, key)).markThreadRead;
      case 'noReplyNeeded':
        return (await api.request(SeedMarkNoReplyNeededDocument, { threadId: order.threadId! }, key)).markNoReplyNeeded;
      case 'openIncident': {
        const input = { orderId, reason: step.incidentReason!, lineIds: step.lines!.map(lineId), message: body! };
        const { openIncident } = await api.request(SeedOpenIncidentDocument, { input }, key);
        if (openIncident.__typename === 'Incident') {
          order.incidentId = openIncident.id;
          order.threadId = openIncident.thread.id; // the complaint is the first message of the order's thread
        }
        return openIncident;
      }
      case 'resolveIncident':
        return (await api.request(SeedMarkIncidentResolvedDocument, { input: { incidentId: order.incidentId!, message: body } }, key)).markIncidentResolved;
      case 'closeIncident':
        return (await api.request(SeedCloseIncidentDocument, { input: { incidentId: order.incidentId!, message: body } }, key)).closeIncident;
      case 'disputeIncident':
        return (await api.request(SeedDisputeIncidentDocument, { input: { incidentId: order.incidentId!, message: body } }, key)).disputeIncident;
      case 'requestReturn': {
        const { reason, comment, lines } = step.returnPlan!;
        const input = { orderId, reason, comment, lines: lines.map(({ index, quantity }) => ({ lineId: lineId(index), quantity })) };
        const { requestReturn } = await api.request(SeedRequestReturnDocument, { input }, key);
        if (requestReturn.__typename === 'Return') order.returnId = requestReturn.id;
        return requestReturn;
      }
      case 'acceptReturn':
        return (await api.request(SeedAcceptReturnDocument, { input: { returnId: order.returnId! } }, key)).acceptReturn;
      case 'rejectReturn':
        return (await api.request(SeedRejectReturnDocument, { input: { returnId: order.returnId!, reason: step.rejection!, message: body } }, key)).rejectReturn;
      case 'returnTracking': {
        const input = { returnId: order.returnId!, carrierCode: step.carrier!, trackingNumber: step.trackingNumber! };
        return (await api.request(SeedSetReturnTrackingDocument, { input }, key)).setReturnTracking;
      }
      case 'returnReceived':
        return (await api.request(SeedMarkReturnReceivedDocument, { input: { returnId: order.returnId! } }, key)).markReturnReceived;
      case 'refundReturn':
        return (await api.request(SeedRefundReturnDocument, { input: { returnId: order.returnId! } }, key)).refundReturn;
      case 'cancelReturn':
        return (await api.request(SeedCancelReturnDocument, { input: { returnId: order.returnId! } }, key)).cancelReturn;
      case 'rate': {
        const { rateOrder } = await api.request(SeedRateOrderDocument, { input: { orderId, grade: step.grade!, comment: body } }, key);
        if (rateOrder.__typename === 'Rating') order.ratingId = rateOrder.id;
        return rateOrder;
      }
      case 'replyRating':
        return (await api.request(SeedReplyToRatingDocument, { input: { ratingId: order.ratingId!, body: body! } }, key)).replyToRating;
      case 'requestRemoval': {
        const input = { ratingId: order.ratingId!, ground: step.removalGround!, explanation: body! };
        return (await api.request(SeedRequestRatingRemovalDocument, { input }, key)).requestRatingRemoval;
      }
      case 'decideRemoval':
        return (await api.request(SeedDecideRatingRemovalDocument, { input: { ratingId: order.ratingId!, remove: step.remove! } }, key)).decideRatingRemoval;
      default:
        throw new StepError(`unknown after-sales step ${step.kind}`);
    }
  }
}

import { formatMinorUnits, toMinorUnits } from '../../src/common/money';
import {
  CreateCustomerDocument,
  CreateShopDocument,
  IssueApiKeyDocument,
  SeedAcceptOrderDocument,
  SeedCancelOrderDocument,
  SeedConfirmDeliveryDocument,
  SeedConfirmShipmentDocument,
  SeedMarkReadyForPickupDocument,
  SeedOrderFragment,
  SeedOrderResultFragment,
  SeedPlaceOrderDocument,
  SeedRecordCarrierDeliveryDocument,
  SeedRecordPaymentDocument,
  SeedRefundOrderDocument,
  SeedRefuseOrderDocument,
  SeedSetTrackingDocument,
  ShopsDocument,
} from '../../test/generated/graphql';
import { AfterSalesRunner } from './after-sales-runner';
import { INTEGRATED_CARRIERS, SHOPS } from './catalog';
import { GraphQLClient, StepError } from './client';
import { CustomerSpec, OrderPlan } from './plan';
import { Step } from './story-builder';

export interface Participant {
  id: string;
  name: string;
  key: string;
}

export interface Marketplace {
  shops: Participant[];
  customers: Participant[];
}

/** Shops already named like the seed's first one: how many batches ran before on this database. */
export async function previousBatches(api: GraphQLClient, operatorKey: string): Promise<number> {
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const { shops }: { shops: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { name: string } }[] } } =
      await api.request(ShopsDocument, { first: 100, after }, operatorKey);
    count += shops.edges.filter(({ node }) => node.name === SHOPS[0].name || node.name.startsWith(`${SHOPS[0].name} #`)).length;
    if (!shops.pageInfo.hasNextPage) return count;
    after = shops.pageInfo.endCursor;
  }
}

/** Shops and customers through the administration mutations, each with an API key of its own. */
export async function createMarketplace(api: GraphQLClient, operatorKey: string, customers: CustomerSpec[], suffix: string): Promise<Marketplace> {
  const issue = async (name: string, input: { role: 'SELLER' | 'CUSTOMER'; shopId?: string; customerId?: string }) =>
    (await api.request(IssueApiKeyDocument, { input: { name, ...input } }, operatorKey)).issueApiKey.secret;
  const shops: Participant[] = [];
  for (const spec of SHOPS) {
    const name = `${spec.name}${suffix}`;
    const { createShop } = await api.request(
      CreateShopDocument,
      { input: { name, returnPolicyDays: spec.returnPolicyDays, autoAccept: spec.autoAccept, partialAcceptance: spec.partialAcceptance } },
      operatorKey,
    );
    shops.push({ id: createShop.id, name, key: await issue(`Demo seller, ${name}`, { role: 'SELLER', shopId: createShop.id }) });
  }
  const people: Participant[] = [];
  for (const spec of customers) {
    const { createCustomer } = await api.request(CreateCustomerDocument, { input: { displayName: spec.name, email: spec.email } }, operatorKey);
    people.push({ id: createCustomer.id, name: spec.name, key: await issue(`Demo customer, ${spec.name}`, { role: 'CUSTOMER', customerId: createCustomer.id }) });
  }
  return { shops, customers: people };
}

/** What the seed knows of an order while it runs: its id, its lines as last answered, its after-sales ids. */
export interface OrderRun {
  id?: string;
  reference?: string;
  lines: SeedOrderFragment['lines'];
  threadId?: string;
  incidentId?: string;
  returnId?: string;
  ratingId?: string;
}

export { StepError };

const CARRIER_CODES = new Set([...INTEGRATED_CARRIERS, 'ORLEN_PACZKA']);

/** Runs one planned step through the API as the participant who would take it. */
export class StepRunner {
  /** Deadlines the sweeper fired during the run (of this batch's orders, or earlier ones that fell due). */
  firedByTimers = 0;
  private readonly afterSales: AfterSalesRunner;

  constructor(
    private readonly api: GraphQLClient,
    private readonly market: Marketplace,
    private readonly operatorKey: string,
    private readonly sweep: () => Promise<number>,
    private readonly idempotencyPrefix: string,
  ) {
    this.afterSales = new AfterSalesRunner(api, market, operatorKey);
  }

  async run(plan: OrderPlan, step: Step, order: OrderRun): Promise<void> {
    if (step.kind === 'sweep') {
      this.firedByTimers += await this.sweep();
      return;
    }
    if (this.afterSales.handles(step.kind)) {
      await this.afterSales.run(plan, step, order);
      return;
    }
    const result = await this.send(plan, step, order);
    if (result.__typename !== 'Order') {
      const error = result as { code: string; message: string };
      throw new StepError(`order #${plan.seq} (${plan.story}): ${step.kind} answered ${result.__typename} ${error.code}: ${error.message}`);
    }
    const answered = result as SeedOrderFragment;
    order.id = answered.id;
    order.reference = answered.reference;
    order.lines = answered.lines;
  }

  private send(plan: OrderPlan, step: Step, order: OrderRun): Promise<SeedOrderResultFragment> {
    const seller = this.market.shops[plan.shop].key;
    const customer = this.market.customers[plan.customer].key;
    const orderId = order.id!;
    const api = this.api;
    switch (step.kind) {
      case 'place':
        return api
          .request(SeedPlaceOrderDocument, {
            input: {
              shopId: this.market.shops[plan.shop].id,
              paymentWorkflow: plan.workflow,
              lines: plan.lines,
              shippingPrice: plan.shippingPrice,
              shippingAddress: plan.address,
              leadTimeToShipDays: SHOPS[plan.shop].leadTimeToShipDays,
              idempotencyKey: `${this.idempotencyPrefix}-${plan.seq}`,
            },
          }, customer)
          .then((data) => data.placeOrder);
      case 'accept': {
        const refuse = new Set(step.refuseLines ?? []);
        const lines = step.refuseLines ? order.lines.map((line, index) => ({ lineId: line.id, accepted: !refuse.has(index) })) : undefined;
        return api.request(SeedAcceptOrderDocument, { input: { orderId, lines } }, seller).then((data) => data.acceptOrder);
      }
      case 'refuse':
        return api.request(SeedRefuseOrderDocument, { input: { orderId, reason: step.reason } }, seller).then((data) => data.refuseOrder);
      case 'pay':
      case 'payFail': {
        const outcome = step.kind === 'pay' ? 'PAID' : 'FAILED';
        return api.request(SeedRecordPaymentDocument, { input: { orderId, outcome } }, this.operatorKey).then((data) => data.recordPayment);
      }
      case 'track': {
        const carrier = CARRIER_CODES.has(step.carrier!) ? { carrierCode: step.carrier } : { carrierName: step.carrier };
        return api
          .request(SeedSetTrackingDocument, { input: { orderId, ...carrier, trackingNumber: step.trackingNumber! } }, seller)
          .then((data) => data.setTracking);
      }
      case 'ship':
        return api.request(SeedConfirmShipmentDocument, { input: { orderId } }, seller).then((data) => data.confirmShipment);
      case 'pickup':
        return api.request(SeedMarkReadyForPickupDocument, { input: { orderId } }, seller).then((data) => data.markReadyForPickup);
      case 'confirmDelivery':
        return api.request(SeedConfirmDeliveryDocument, { input: { orderId } }, customer).then((data) => data.confirmDelivery);
      case 'carrierDelivery': {
        const tracked = plan.steps.find((candidate) => candidate.kind === 'track')!;
        // Carriers report in batches: the parcel arrived a little before the report.
        const deliveredAt = new Date(step.at - ((plan.seq * 7_919) % 180) * 60_000).toISOString();
        return api
          .request(SeedRecordCarrierDeliveryDocument, { input: { carrierCode: tracked.carrier!, trackingNumber: tracked.trackingNumber!, deliveredAt } }, this.operatorKey)
          .then((data) => data.recordCarrierDelivery);
      }
      case 'cancel':
        return api.request(SeedCancelOrderDocument, { input: { orderId, reason: step.reason! } }, seller).then((data) => data.cancelOrder);
      case 'refund':
        return api
          .request(SeedRefundOrderDocument, { input: { orderId, reason: step.refund!.reason, lines: refundLines(step, order) } }, seller)
          .then((data) => data.refundOrder);
      default:
        throw new StepError(`unknown step ${step.kind}`);
    }
  }
}

/** The refund's lines with amounts worked out from what is left refundable on each right now. */
function refundLines(step: Step, order: OrderRun): { lineId: string; amount?: string }[] {
  const plan = step.refund!;
  const refundable = (index: number) => toMinorUnits(order.lines[index].refundable.amount) ?? 0;
  const indexes = plan.lines === 'all' ? [...order.lines.keys()].filter((index) => refundable(index) > 0) : plan.lines;
  return indexes.map((index) => {
    if (plan.share === undefined) return { lineId: order.lines[index].id };
    const amount = Math.min(refundable(index), Math.max(1, Math.round(refundable(index) * plan.share)));
    return { lineId: order.lines[index].id, amount: formatMinorUnits(amount) };
  });
}

import fc from 'fast-check';
import { clock } from '../src/common/clock';
import {
  InvAcceptDocument,
  InvAcceptReturnDocument,
  InvariantOrderDocument,
  InvariantOrderQuery,
  InvCancelDocument,
  InvCancelReturnDocument,
  InvCarrierDeliveryDocument,
  InvCloseIncidentDocument,
  InvDeliverDocument,
  InvDisputeIncidentDocument,
  InvOpenIncidentDocument,
  InvPayDocument,
  InvPickupDocument,
  InvReceiveReturnDocument,
  InvRefundDocument,
  InvRefundReturnDocument,
  InvRefuseDocument,
  InvRejectReturnDocument,
  InvRequestReturnDocument,
  InvResolveIncidentDocument,
  InvShipDocument,
  InvTrackDocument,
} from './generated/graphql';
import { startTestApp, TestApp } from './support/app';
import { createMarket, Market, placeOrder } from './support/market';

/**
 * Issue 9 item 9: after any step, every order that is not finished has a pending timer or a person
 * who can move it. Random step sequences (fast-check, fixed seed: the same sequences every run) go
 * through the real API as the seller, the customer, the operator and the sweeper with a frozen clock
 * moved forward; after each step the order is read back and checked:
 *
 * - a WAITING_ACCEPTANCE line has the acceptance deadline, a WAITING_DEBIT_PAYMENT line the payment
 *   deadline, a SHIPPED line the delivery fallback (and without a SHIPPED line there is none);
 * - a RECEIVED order has closeAt unless an open incident or return holds it, and then someone is
 *   offered a step on that incident or return; closeAt is null while one is open and in any other state;
 * - SHIPPING: the seller is offered a shipping step or CANCEL; TO_COLLECT: the customer CONFIRM_DELIVERY;
 *   an order whose only unfinished lines are held by incidents: someone is offered a step on one.
 *
 * Any top-level error (a bug surfacing as INTERNAL_SERVER_ERROR) fails the property too.
 */
const SEED = 20261215;
const RUNS = 25;
const MIN_STEPS = 10;
const MAX_STEPS = 20;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let t: TestApp;
let market: Market;
/** The frozen clock only moves forward, across runs too, so earlier runs' timers stay consistent. */
let now = Date.parse('2027-01-04T08:00:00.000Z');

beforeAll(async () => {
  t = await startTestApp();
  market = await createMarket(t);
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

function tick(ms = MINUTE): void {
  now += ms;
  clock.freeze(new Date(now));
}

type Kind =
  | 'accept' | 'acceptPartly' | 'refuse' | 'pay' | 'payFails' | 'track' | 'ship' | 'pickup' | 'cancelLine' | 'cancelAll'
  | 'confirmDelivery' | 'carrierDelivery' | 'refundLine' | 'refundPart' | 'refundShipping'
  | 'openIncident' | 'openLateIncident' | 'resolveIncident' | 'closeIncident' | 'operatorCloses' | 'disputeIncident'
  | 'requestReturn' | 'acceptReturn' | 'rejectReturn' | 'receiveReturn' | 'refundReturn' | 'cancelReturn'
  | 'wait';
interface Action {
  kind: Kind;
  line: number;
  hours: number;
}
interface Scenario {
  paymentWorkflow: 'PAY_ON_ACCEPTANCE' | 'PAY_ON_DELIVERY';
  carrier: { carrierCode?: string; carrierName?: string };
  choices: number[];
}

const scenario = fc.record({
  paymentWorkflow: fc.constantFrom('PAY_ON_ACCEPTANCE' as const, 'PAY_ON_DELIVERY' as const),
  carrier: fc.constantFrom({ carrierCode: 'INPOST' }, { carrierCode: 'ORLEN_PACZKA' }, { carrierName: 'Kurier Jan Nowak' }),
  // Each number picks one of the steps someone is offered at that moment (and its line and wait).
  choices: fc.array(fc.nat({ max: 1_000_000 }), { minLength: MIN_STEPS, maxLength: MAX_STEPS }),
});

/** The order's view as the seller, the customer and the operator (who alone decides a disputed incident). */
interface Views {
  bySeller: Seen;
  byCustomer: Seen;
  byOperator: Seen;
}

/**
 * How often a step is picked among those offered: steps that move the order on weigh most, so a walk
 * gets past acceptance and shipment and into incidents and returns before a timer ends it.
 */
const WEIGHT: Partial<Record<Kind, number>> = {
  accept: 4, pay: 4, track: 4, ship: 4, confirmDelivery: 3, openIncident: 4, openLateIncident: 2, requestReturn: 3,
  resolveIncident: 2, closeIncident: 2, acceptReturn: 2, receiveReturn: 2, refundReturn: 2, wait: 2,
};

/**
 * The steps someone could take now, read from the same `availableActions` clients get (seller and
 * customer), plus the operator's reports and the clock: a random walk over what is offered reaches
 * deep states far more often than blind steps would. Each kind appears as often as it weighs.
 */
function candidates(views: Views, s: Omit<Scenario, 'choices'>): Kind[] {
  return offeredKinds(views, s).flatMap((kind) => Array<Kind>(WEIGHT[kind] ?? 1).fill(kind));
}

function offeredKinds({ bySeller, byCustomer }: Views, s: Omit<Scenario, 'choices'>): Kind[] {
  const kinds: Kind[] = ['wait'];
  const bySellerOffers = (action: string) => (bySeller.availableActions as string[]).includes(action);
  const byCustomerOffers = (action: string) => (byCustomer.availableActions as string[]).includes(action);
  const lines = bySeller.lines.map((line) => line.state as string);
  if (bySellerOffers('ACCEPT')) kinds.push('accept', 'acceptPartly');
  if (bySellerOffers('REFUSE')) kinds.push('refuse');
  if (bySellerOffers('SET_TRACKING')) kinds.push('track');
  if (bySellerOffers('CONFIRM_SHIPMENT')) kinds.push('ship');
  if (bySellerOffers('MARK_READY_FOR_PICKUP')) kinds.push('pickup');
  if (bySellerOffers('CANCEL')) kinds.push('cancelLine', 'cancelAll');
  if (bySellerOffers('REFUND')) kinds.push('refundLine', 'refundPart', 'refundShipping');
  if (byCustomerOffers('CONFIRM_DELIVERY')) kinds.push('confirmDelivery');
  if (byCustomerOffers('OPEN_INCIDENT')) kinds.push('openIncident', 'openLateIncident');
  if (byCustomerOffers('REQUEST_RETURN')) kinds.push('requestReturn');
  if (lines.includes('WAITING_DEBIT_PAYMENT')) kinds.push('pay', 'payFails');
  if (s.carrier.carrierCode === 'INPOST' && (lines.includes('SHIPPED') || lines.includes('TO_COLLECT'))) kinds.push('carrierDelivery');
  const incident = latest(bySeller.incidents, OPEN_INCIDENT);
  if (incident) {
    const customerSide = byCustomer.incidents.find((candidate) => candidate.id === incident.id)?.availableActions ?? [];
    if (incident.availableActions.includes('RESOLVE')) kinds.push('resolveIncident');
    if (customerSide.includes('CLOSE')) kinds.push('closeIncident');
    if (customerSide.includes('DISPUTE')) kinds.push('disputeIncident');
    if (incident.status === 'DISPUTED') kinds.push('operatorCloses');
  }
  const ret = latest(bySeller.returns, OPEN_RETURN);
  if (ret) {
    const customerSide = byCustomer.returns.find((candidate) => candidate.id === ret.id)?.availableActions ?? [];
    if (ret.availableActions.includes('ACCEPT')) kinds.push('acceptReturn');
    if (ret.availableActions.includes('REJECT')) kinds.push('rejectReturn');
    if (ret.availableActions.includes('MARK_RECEIVED')) kinds.push('receiveReturn');
    if (ret.availableActions.includes('REFUND')) kinds.push('refundReturn');
    if (customerSide.includes('CANCEL')) kinds.push('cancelReturn');
  }
  return kinds;
}

/** A wait of an hour up to 40 days: short ones let people act between timers, long ones let timers fire. */
const WAIT_HOURS = [1, 6, 24, 2 * 24, 4 * 24, 15 * 24, 31 * 24, 40 * 24];

type Seen = NonNullable<InvariantOrderQuery['order']>;
const read = async (id: string, secret: string): Promise<Seen> => (await t.gql(InvariantOrderDocument, { id }, secret)).order!;
const latest = <T extends { status: string }>(items: readonly T[], open: readonly string[]) => [...items].reverse().find((item) => open.includes(item.status));
const OPEN_INCIDENT = ['NEW', 'IN_PROGRESS', 'RESOLVED', 'DISPUTED'];
const OPEN_RETURN = ['REQUESTED', 'ACCEPTED', 'RECEIVED'];

/** Takes one step through the API; its answer may be any member of the result union (a refusal is fine). */
async function take(action: Action, orderId: string, s: Omit<Scenario, 'choices'>, seen: Seen): Promise<void> {
  const { seller, customer, operator } = market.keys;
  /** The `action.line`-th of the lines in `states` (any line when none is), so a step names a line it can work on. */
  const lineIn = (...states: string[]) => {
    const fitting = seen.lines.filter((line) => states.includes(line.state));
    return (fitting.length > 0 ? fitting : seen.lines)[action.line % Math.max(1, fitting.length || seen.lines.length)].id;
  };
  const lineId = seen.lines[action.line].id;
  const incident = latest(seen.incidents, OPEN_INCIDENT);
  const ret = latest(seen.returns, OPEN_RETURN);
  const input = { orderId };
  switch (action.kind) {
    case 'accept': return void (await t.gql(InvAcceptDocument, { input }, seller));
    case 'acceptPartly': return void (await t.gql(InvAcceptDocument, { input: { orderId, lines: seen.lines.map((line, i) => ({ lineId: line.id, accepted: i === 0 })) } }, seller));
    case 'refuse': return void (await t.gql(InvRefuseDocument, { input }, seller));
    case 'pay': return void (await t.gql(InvPayDocument, { input: { orderId, outcome: 'PAID' } }, operator));
    case 'payFails': return void (await t.gql(InvPayDocument, { input: { orderId, outcome: 'FAILED' } }, operator));
    case 'track': return void (await t.gql(InvTrackDocument, { input: { orderId, ...s.carrier, trackingNumber: `PT-${seen.reference}` } }, seller));
    case 'ship': return void (await t.gql(InvShipDocument, { input }, seller));
    case 'pickup': return void (await t.gql(InvPickupDocument, { input }, seller));
    case 'cancelLine': return void (await t.gql(InvCancelDocument, { input: { orderId, lineIds: [lineIn('WAITING_DEBIT_PAYMENT', 'SHIPPING')], reason: 'Brak', reasonCode: 'OUT_OF_STOCK' } }, seller));
    case 'cancelAll': return void (await t.gql(InvCancelDocument, { input: { orderId, reason: 'Na prośbę', reasonCode: 'CUSTOMER_REQUEST' } }, seller));
    case 'confirmDelivery': return void (await t.gql(InvDeliverDocument, { input }, customer));
    case 'carrierDelivery':
      if (!s.carrier.carrierCode) return;
      return void (await t.gql(InvCarrierDeliveryDocument, { input: { carrierCode: s.carrier.carrierCode, trackingNumber: `PT-${seen.reference}` } }, operator));
    case 'refundLine': return void (await t.gql(InvRefundDocument, { input: { orderId, lines: [{ lineId }], reason: 'DAMAGED_PRODUCT' } }, seller));
    case 'refundPart': return void (await t.gql(InvRefundDocument, { input: { orderId, lines: [{ lineId, amount: '1.00' }], reason: 'DAMAGED_PRODUCT' } }, seller));
    case 'refundShipping': return void (await t.gql(InvRefundDocument, { input: { orderId, lines: [], shipping: '1.00', reason: 'LATE_SHIPPING' } }, seller));
    case 'openIncident': return void (await t.gql(InvOpenIncidentDocument, { input: { orderId, lineIds: [lineIn('SHIPPED', 'TO_COLLECT', 'RECEIVED')], reason: 'DEFECTIVE', message: 'Uszkodzone.' } }, customer));
    case 'openLateIncident': return void (await t.gql(InvOpenIncidentDocument, { input: { orderId, reason: 'NOT_SHIPPED_ON_TIME', message: 'Gdzie paczka?' } }, customer));
    case 'resolveIncident': return incident ? void (await t.gql(InvResolveIncidentDocument, { input: { incidentId: incident.id, resolution: 'REPLACED' } }, seller)) : undefined;
    case 'closeIncident': return incident ? void (await t.gql(InvCloseIncidentDocument, { input: { incidentId: incident.id } }, customer)) : undefined;
    case 'operatorCloses': return incident ? void (await t.gql(InvCloseIncidentDocument, { input: { incidentId: incident.id, resolution: 'CARRIER_FAULT' } }, operator)) : undefined;
    case 'disputeIncident': return incident ? void (await t.gql(InvDisputeIncidentDocument, { input: { incidentId: incident.id } }, customer)) : undefined;
    case 'requestReturn': return void (await t.gql(InvRequestReturnDocument, { input: { orderId, lines: [{ lineId: lineIn('RECEIVED', 'CLOSED'), quantity: 1 }], reason: 'WITHDRAWAL_NO_REASON' } }, customer));
    case 'acceptReturn': return ret ? void (await t.gql(InvAcceptReturnDocument, { input: { returnId: ret.id } }, seller)) : undefined;
    case 'rejectReturn': return ret ? void (await t.gql(InvRejectReturnDocument, { input: { returnId: ret.id, reason: 'OTHER' } }, seller)) : undefined;
    case 'receiveReturn': return ret ? void (await t.gql(InvReceiveReturnDocument, { input: { returnId: ret.id } }, seller)) : undefined;
    case 'refundReturn': return ret ? void (await t.gql(InvRefundReturnDocument, { input: { returnId: ret.id, shipping: '1.00' } }, seller)) : undefined;
    case 'cancelReturn': return ret ? void (await t.gql(InvCancelReturnDocument, { input: { returnId: ret.id } }, customer)) : undefined;
    case 'wait':
      tick(action.hours * HOUR);
      await t.app.sweeper.sweep();
      return;
  }
}

const FINISHED = ['REFUSED', 'CANCELED', 'CLOSED', 'REFUNDED'];
const SHIPPING_STEPS = ['SET_TRACKING', 'CONFIRM_SHIPMENT', 'MARK_READY_FOR_PICKUP', 'CANCEL'];

/** What the invariant finds wrong with the order as its people see it; empty when nothing. */
function violations({ bySeller, byCustomer, byOperator }: Views): string[] {
  const wrong: string[] = [];
  const order = bySeller;
  const lines: string[] = order.lines.map((line) => line.state);
  const has = (state: string) => lines.includes(state);
  const openIncidents = order.incidents.filter((incident) => OPEN_INCIDENT.includes(incident.status));
  const openReturns = order.returns.filter((ret) => OPEN_RETURN.includes(ret.status));
  type Offering = { id: string; availableActions: readonly string[] };
  /** Someone (seller, customer or operator) is offered a step on one of `items`. */
  const offered = (items: readonly Offering[], ...others: (readonly Offering[])[]) =>
    items.some((item) => item.availableActions.length > 0 || others.some((other) => (other.find((o) => o.id === item.id)?.availableActions.length ?? 0) > 0));
  const incidentMovable = offered(openIncidents, byCustomer.incidents, byOperator.incidents);
  const returnMovable = offered(openReturns, byCustomer.returns, byOperator.returns);

  if ((order.closeAt !== null) !== (order.state === 'RECEIVED' && openIncidents.length === 0 && openReturns.length === 0)) {
    wrong.push(`closeAt ${order.closeAt} in ${order.state} with ${openIncidents.length} open incidents and ${openReturns.length} open returns`);
  }
  if ((order.deliveryFallbackAt !== null) !== has('SHIPPED')) wrong.push(`deliveryFallbackAt ${order.deliveryFallbackAt} with lines ${lines}`);
  if ((order.acceptanceDeadline !== null) !== has('WAITING_ACCEPTANCE')) wrong.push(`acceptanceDeadline ${order.acceptanceDeadline} with lines ${lines}`);
  if ((order.paymentDeadline !== null) !== has('WAITING_DEBIT_PAYMENT')) wrong.push(`paymentDeadline ${order.paymentDeadline} with lines ${lines}`);
  if (FINISHED.includes(order.state)) return wrong;

  if (has('INCIDENT_OPEN') && !incidentMovable) wrong.push('an open incident no one can move');
  switch (order.state) {
    case 'RECEIVED':
      if (!order.closeAt && !incidentMovable && !returnMovable) wrong.push('RECEIVED with no close timer and nothing anyone can do');
      break;
    case 'SHIPPING':
      if (!order.availableActions.some((action) => SHIPPING_STEPS.includes(action)) && !incidentMovable) wrong.push(`SHIPPING and the seller may only ${order.availableActions}`);
      break;
    case 'TO_COLLECT':
      if (!byCustomer.availableActions.includes('CONFIRM_DELIVERY') && !incidentMovable) wrong.push(`TO_COLLECT and the customer may only ${byCustomer.availableActions}`);
      break;
    case 'SHIPPED':
      if (!has('SHIPPED') && !incidentMovable) wrong.push('SHIPPED with every shipped line held by an incident no one can move');
      break;
  }
  return wrong;
}

describe('after any step, every unfinished order has a pending timer or a person who can move it', () => {
  it(`holds over ${RUNS} random step sequences of up to ${MAX_STEPS} steps (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        tick(HOUR);
        const placed = await placeOrder(t, market, { paymentWorkflow: s.paymentWorkflow });
        const views = async (): Promise<Views> => {
          const [bySeller, byCustomer] = await Promise.all([read(placed.id, market.keys.seller), read(placed.id, market.keys.customer)]);
          // The operator alone decides a disputed incident; read its view only then.
          const disputed = bySeller.incidents.some((incident) => incident.status === 'DISPUTED');
          return { bySeller, byCustomer, byOperator: disputed ? await read(placed.id, market.keys.operator) : bySeller };
        };
        let seen = await views();
        const history: string[] = [];
        for (const choice of s.choices) {
          const offered = candidates(seen, s);
          const action: Action = { kind: offered[choice % offered.length], line: Math.floor(choice / 64) % 2, hours: WAIT_HOURS[Math.floor(choice / 128) % WAIT_HOURS.length] };
          tick();
          await take(action, placed.id, s, seen.bySeller);
          seen = await views();
          history.push(`${action.kind}[${action.line}${action.kind === 'wait' ? ` ${action.hours}h` : ''}] -> ${seen.bySeller.state} ${seen.bySeller.lines.map((line) => line.state)}`);
          const wrong = violations(seen);
          if (wrong.length > 0) throw new Error(`${wrong.join('; ')}\nafter ${s.paymentWorkflow} with ${JSON.stringify(s.carrier)}:\n  ${history.join('\n  ')}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});

import { randomInt } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Role } from '../auth/role';
import { actorOf, idempotencyScope, Viewer } from '../auth/viewer';
import { BUSINESS_ZONE } from '../common/business-days';
import { ErrorResult, NotFoundError, ValidationError } from '../common/errors';
import { EventType } from '../common/events/event-type';
import { localIdOf } from '../common/global-id';
import { runIdempotent } from '../common/idempotency';
import { createLoaders } from '../common/loaders';
import { managedRow } from '../common/managed-rows';
import { holdNewRows } from '../common/row-writes';
import { asStepTx, takeStep } from '../common/step-machine';
import { Tx } from '../common/transaction';
import { transactionRows } from '../common/transaction-statements';
import { checkInt, checkList, checkText, firstProblem, parseAmount, Path } from '../common/validation';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { Config } from '../config';
import { AddressInput, PlaceOrderInput } from './order.schema';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';
import { deriveOrderState, OrderLineState } from './order.status';
import { orderEvent, orderMachine, touchOrder } from './order.machine';

const MAX_LINES = 100;
const MAX_QUANTITY = 9_999;
const MAX_UNIT_PRICE_MINOR = 100_000_000; // 1,000,000.00 PLN
const MAX_SHIPPING_PRICE_MINOR = 10_000_000;
const MAX_LEAD_TIME_DAYS = 60;
const PL_POSTAL_CODE = /^\d{2}-\d{3}$/;

interface ParsedOrder {
  unitPricesMinor: number[];
  shippingPriceMinor: number;
}

function checkAddress(path: Path, address: AddressInput): ValidationError | undefined {
  return firstProblem(
    () => checkText([...path, 'name'], address.name, 200),
    () => checkText([...path, 'street'], address.street, 200),
    () => checkText([...path, 'postalCode'], address.postalCode, 20),
    () => checkText([...path, 'city'], address.city, 100),
    () => (/^[A-Z]{2}$/.test(address.countryCode) ? undefined : new ValidationError([...path, 'countryCode'], 'must be an ISO 3166-1 alpha-2 code such as PL')),
    () =>
      address.countryCode === 'PL' && !PL_POSTAL_CODE.test(address.postalCode.trim())
        ? new ValidationError([...path, 'postalCode'], 'must look like 00-950 for a Polish address')
        : undefined,
    () => checkText([...path, 'phone'], address.phone, 30, true),
  );
}

function parsePlaceOrder(input: PlaceOrderInput): ParsedOrder | ValidationError {
  const problem = firstProblem(
    () => checkList(['input', 'lines'], input.lines, 1, MAX_LINES),
    () => checkInt(['input', 'leadTimeToShipDays'], input.leadTimeToShipDays, 0, MAX_LEAD_TIME_DAYS),
    () => checkAddress(['input', 'shippingAddress'], input.shippingAddress),
    ...input.lines.flatMap((line, i) => [
      () => checkText(['input', 'lines', i, 'offerSku'], line.offerSku, 100),
      () => checkText(['input', 'lines', i, 'productTitle'], line.productTitle, 500),
      () => checkInt(['input', 'lines', i, 'quantity'], line.quantity, 1, MAX_QUANTITY),
    ]),
  );
  if (problem) return problem;
  const unitPricesMinor: number[] = [];
  for (const [i, line] of input.lines.entries()) {
    const minor = parseAmount(['input', 'lines', i, 'unitPrice'], line.unitPrice, 1, MAX_UNIT_PRICE_MINOR);
    if (minor instanceof ValidationError) return minor;
    unitPricesMinor.push(minor);
  }
  const shippingPriceMinor = parseAmount(['input', 'shippingPrice'], input.shippingPrice, 0, MAX_SHIPPING_PRICE_MINOR);
  if (shippingPriceMinor instanceof ValidationError) return shippingPriceMinor;
  return { unitPricesMinor, shippingPriceMinor };
}

/** The customer an order is placed for: the caller itself, or the one an operator names. */
function customerUuidFor(viewer: Viewer, input: PlaceOrderInput): string | ValidationError {
  if (viewer.role === Role.CUSTOMER) {
    if (input.customerId && localIdOf('Customer', input.customerId) !== viewer.customerUuid) {
      return new ValidationError(['input', 'customerId'], 'Customers place orders for themselves; leave customerId out');
    }
    return viewer.customerUuid!;
  }
  if (!input.customerId) return new ValidationError(['input', 'customerId'], 'An operator must name the customer');
  return localIdOf('Customer', input.customerId) ?? new ValidationError(['input', 'customerId'], 'is not a customer id');
}

/**
 * References read like the marketplace's: the Warsaw date, a number, and the shop suffix. The number
 * is random (ten digits), not a sequence, so a reference tells nobody how many orders the marketplace
 * took; a draw that is already taken (about one in a hundred thousand on a day of 100,000 orders) is
 * drawn again, and the unique constraint stays the last word.
 */
async function nextReference(em: EntityManager, now: Date): Promise<string> {
  const day = DateTime.fromJSDate(now, { zone: BUSINESS_ZONE }).toFormat('yyyyMMdd');
  for (;;) {
    const reference = `${day}${String(randomInt(10_000_000_000)).padStart(10, '0')}-A`;
    const taken = await transactionRows(em, 'select 1 from "order" where reference = ?', [reference]);
    if (taken.length === 0) return reference;
  }
}

/** The shop's and the customer's rows in one statement (each may be missing), as JSON mapped to entities. */
const PARTIES_STATEMENT =
  `select (select to_jsonb(s) from "shop" s where s."id" = ?) as "shop", ` +
  `(select to_jsonb(c) from "customer" c where c."id" = ?) as "customer"`;

/** The order's shop and customer: one fixed statement instead of two ORM lookups, on every placement (issue 8). */
async function findParties(em: EntityManager, shopUuid: string, customerUuid: string): Promise<{ shop: Shop | null; customer: Customer | null }> {
  const [row] = await transactionRows<{ shop: Record<string, unknown> | null; customer: Record<string, unknown> | null }>(em, PARTIES_STATEMENT, [shopUuid, customerUuid]);
  return { shop: row.shop ? managedRow(em, Shop, row.shop) : null, customer: row.customer ? managedRow(em, Customer, row.customer) : null };
}

async function createOrder(tx: Tx, input: PlaceOrderInput, viewer: Viewer, config: Config): Promise<Order | ErrorResult> {
  const parsed = parsePlaceOrder(input);
  if (parsed instanceof ValidationError) return parsed;
  const customerUuid = customerUuidFor(viewer, input);
  if (customerUuid instanceof ValidationError) return customerUuid;
  const shopUuid = localIdOf('Shop', input.shopId);
  if (!shopUuid) return new ValidationError(['input', 'shopId'], 'is not a shop id');
  const { shop, customer } = await findParties(tx.em, shopUuid, customerUuid);
  if (!shop) return new NotFoundError('Shop not found');
  if (!customer) return new NotFoundError('Customer not found');

  const address = input.shippingAddress;
  const order = Object.assign(new Order(), {
    reference: await nextReference(tx.em, tx.now),
    shop,
    customer,
    state: deriveOrderState([{ state: OrderLineState.WAITING_ACCEPTANCE }]),
    paymentWorkflow: input.paymentWorkflow,
    priceMinor: 0, // touchOrder sums the lines
    shippingPriceMinor: parsed.shippingPriceMinor,
    shippingAddress: {
      name: address.name.trim(),
      street: address.street.trim(),
      postalCode: address.postalCode.trim(),
      city: address.city.trim(),
      countryCode: address.countryCode,
      phone: address.phone?.trim() || null,
    },
    leadTimeToShipDays: input.leadTimeToShipDays,
    createdAt: tx.now,
    updatedAt: tx.now,
  });
  const lines = input.lines.map((line, index) =>
    Object.assign(new OrderLine(), {
      order,
      index,
      offerSku: line.offerSku.trim(),
      productTitle: line.productTitle.trim(),
      quantity: line.quantity,
      unitPriceMinor: parsed.unitPricesMinor[index],
      state: OrderLineState.WAITING_ACCEPTANCE,
    }),
  );
  order.lines.set(lines);
  // Inserted with the order's event in one statement (src/common/row-writes.ts), not by the unit of work.
  holdNewRows(tx.em, [order, ...lines]);
  order.version = 0; // touchOrder makes it 1
  await touchOrder(asStepTx(tx, viewer, config), order);
  tx.record(orderEvent(order, null, { event: EventType.ORDER_PLACED }));
  if (shop.autoAccept) {
    // Shops that accept everything have the system accept each order the moment it is placed.
    const env = { viewer: null, now: tx.now, loaders: createLoaders(tx.em), config };
    const accepted = await takeStep(tx, orderMachine, 'ACCEPT', order, {}, env);
    if (accepted instanceof ErrorResult) throw new Error(`Automatic acceptance refused: ${accepted.message}`);
  }
  return order;
}

export async function placeOrder(em: EntityManager, viewer: Viewer, input: PlaceOrderInput, config: Config): Promise<Order | ErrorResult> {
  const idempotency = { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'PLACE_ORDER', input };
  return runIdempotent(em, actorOf(viewer), idempotency, (tx) => createOrder(tx, input, viewer, config));
}

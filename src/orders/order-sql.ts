import { MetadataStorage } from '@mikro-orm/core';
import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { Role } from '../auth/role';
import { Locale } from '../common/locale';
import { decimalSql, globalIdSql, instantSql, lookupSql } from '../common/sql-json';
import { columnFields } from '../graphql/sql-columns';
import { localIdOf } from '../common/global-id';
import { preparedRows } from '../common/prepared-statements';
import { Answered, answerPlain, Decline, OperationScope, SelectedField, SqlCompiler, SqlField, SqlFields } from '../graphql/sql-selection';
import { RootAnswer, SqlAnswerContext } from '../graphql/sql-answers';
import { oneOrder, OrderListArgs, readOrderPage } from './order.queries';
import { OrderLineState, OrderState, stateLabel } from './order.status';

/**
 * How PostgreSQL answers an order's fields (graphql/sql-answers.ts): the columns, ids, money, labels,
 * tracking, the address and the order's lines, customer and shop, each exactly as the resolvers
 * answer them (test/sql-answers.test.ts compares the two). Fields that need the rules or another
 * module (availableActions, refunds, timeline, incidents, quality) are not here: an operation
 * selecting one is executed as usual.
 */

type Field = SqlField<SqlAnswerContext>;

/** `stateLabel(locale)` of order and line states, as a lookup in a constant table per locale. */
function stateLabelSql(column: string): Field {
  const tables = Object.fromEntries(
    Object.values(Locale).map((locale) => [locale, Object.fromEntries([...Object.values(OrderLineState), ...Object.values(OrderState)].map((state) => [state, stateLabel(state, locale)]))]),
  );
  // An explicit `locale: null` means the default, as in OrderResolver.
  return (source, field) => lookupSql(tables[(field.args.locale as Locale | null) ?? Locale.PL], `${source}."${column}"`);
}

/** A Money field: its object built from an expression in minor units, which is the Money object's "source". */
function moneyOf(minorUnits: (source: string) => string): Field {
  return (source, field, compiler) => compiler.objectOf(field, minorUnits(source));
}

const MONEY: Record<string, Field> = {
  amount: (minorUnits) => decimalSql(minorUnits),
  currency: () => `'PLN'`,
};

/** `trackingOf`'s columns (tracking.ts), on the order's row. */
const TRACKING: Record<string, Field> = {
  carrierCode: (source) => `${source}.tracking_carrier_code`,
  carrierName: (source) => `${source}.tracking_carrier_name`,
  trackingNumber: (source) => `${source}.tracking_number`,
  trackingUrl: (source) => `${source}.tracking_url`,
  updatedAt: (source) => instantSql(`${source}.tracking_updated_at`),
};

/** The Address's keys in the order's shipping_address JSON column, which is the Address object's "source". */
const ADDRESS: Record<string, Field> = Object.fromEntries(
  ['name', 'street', 'postalCode', 'city', 'countryCode', 'phone'].map((key) => [key, (address: string) => `(${address} ->> '${key}')`]),
);

/** A to-one relation read by its key column. */
function relation(table: string, keyColumn: string): Field {
  return (source, field, compiler) => {
    const alias = compiler.alias('r');
    return `(select ${compiler.objectOf(field, alias)} from "${table}" ${alias} where ${alias}.id = ${source}.${keyColumn})`;
  };
}

const ORDER: Record<string, Field> = {
  id: (source) => globalIdSql('Order', `${source}.id`),
  stateLabel: stateLabelSql('state'),
  price: moneyOf((source) => `${source}.price_minor`),
  shippingPrice: moneyOf((source) => `${source}.shipping_price_minor`),
  totalPrice: moneyOf((source) => `${source}.price_minor + ${source}.shipping_price_minor`),
  shippingRefundable: moneyOf((source) => `case when ${source}.paid_at is not null then ${source}.shipping_price_minor - ${source}.shipping_refunded_minor else 0 end`),
  // trackingOf: a carrier name, a number and a time, none empty.
  tracking: (source, field, compiler) =>
    `case when ${source}.tracking_number <> '' and ${source}.tracking_carrier_name <> '' and ${source}.tracking_updated_at is not null then ${compiler.objectOf(field, source)} end`,
  // OrderResolver.shippingAddress: hidden from the seller until the order is accepted.
  shippingAddress: (source, field, compiler) => {
    const address = `case when ${source}.shipping_address is not null then ${compiler.objectOf(field, `${source}.shipping_address`)} end`;
    return compiler.context.viewer.role === Role.SELLER ? `case when ${source}.accepted_at is not null then ${address} end` : address;
  },
  hasOpenIncident: (source) => `exists (select 1 from order_line l where l.order_id = ${source}.id and l.state = 'INCIDENT_OPEN')`,
  customer: relation('customer', 'customer_id'),
  shop: relation('shop', 'shop_id'),
  lines: (source, field, compiler) => {
    const line = compiler.alias('l');
    return `(select coalesce(json_agg(${compiler.objectOf(field, line)} order by ${line}."index"), '[]'::json) from order_line ${line} where ${line}.order_id = ${source}.id)`;
  },
};

const ORDER_LINE: Record<string, Field> = {
  id: (source) => globalIdSql('OrderLine', `${source}.id`),
  stateLabel: stateLabelSql('state'),
  unitPrice: moneyOf((source) => `${source}.unit_price_minor`),
  price: moneyOf((source) => `${source}.unit_price_minor * ${source}.quantity`),
  refundedAmount: moneyOf((source) => `${source}.refunded_minor`),
};

/** The SQL of every order type's fields, the columns read from the ORM's metadata. */
export function orderSqlFields(schema: GraphQLSchema, metadata: MetadataStorage): SqlFields<SqlAnswerContext> {
  const type = (name: string) => schema.getType(name) as GraphQLObjectType;
  const columns = (entity: string, typeName = entity) => columnFields<SqlAnswerContext>(metadata.get(entity), type(typeName));
  return {
    Order: { ...columns('Order'), ...ORDER },
    OrderLine: { ...columns('OrderLine'), ...ORDER_LINE },
    Customer: { ...columns('Customer'), id: (source) => globalIdSql('Customer', `${source}.id`) },
    Shop: { ...columns('Shop'), id: (source) => globalIdSql('Shop', `${source}.id`) },
    Money: MONEY,
    Tracking: TRACKING,
    Address: ADDRESS,
  };
}

/** A row of a page: its answer, and what its cursor is made of. */
class OrderAnswer extends Answered {
  constructor(
    answer: unknown,
    readonly uuid: string,
    readonly sortValue: Date | null,
  ) {
    super(answer);
  }
}

/** The `node` under a connection's `edges`, when it is selected under one response key each. */
function connectionNode(scope: OperationScope, connection: GraphQLObjectType, selections: SelectedField['selections']): SelectedField | undefined {
  const only = (fields: SelectedField[], name: string) => {
    const matching = fields.filter((field) => field.name === name);
    // Two aliases of `edges` (or `node`) would need two answers per row.
    if (matching.length > 1) throw new Decline(`${connection.name}: ${name} under ${matching.length} keys`);
    return matching[0];
  };
  const edges = only(scope.fields(connection, selections), 'edges');
  return edges && only(scope.fields(scope.objectType(edges.definition.type), edges.selections), 'node');
}

/** Query.orders: the page's nodes built by PostgreSQL, its edges and page info as OrderResolver answers them. */
async function answerOrders(field: SelectedField, compiler: SqlCompiler<SqlAnswerContext>): Promise<unknown> {
  const { scope, context } = compiler;
  const connection = scope.objectType(field.definition.type);
  const answerSql = compiler.memo(field.key, () => {
    const node = connectionNode(scope, connection, field.selections);
    return node ? compiler.objectOf(node, 'o') : 'null';
  });
  const page = await readOrderPage(context.em, context.viewer, field.args as OrderListArgs, {
    read: async (query, sortColumn) => {
      const rows = await preparedRows(context.em, `select ${answerSql} as "answer", o.id as "uuid", ${sortColumn} as "sortValue" from "order" o ${query.rest}`, query.params);
      return rows.map((row) => new OrderAnswer(row.answer, row.uuid as string, row.sortValue == null ? null : new Date(row.sortValue as string)));
    },
    cursorValues: (row) => [row.sortValue, row.uuid],
  });
  return answerPlain(scope, connection, page, field.selections);
}

/** Query.order and Query.orderByReference: one order within the viewer's scope, or null. */
async function answerOrder(field: SelectedField, compiler: SqlCompiler<SqlAnswerContext>, where: { uuid: string } | { reference: string }): Promise<unknown> {
  const query = oneOrder(compiler.context.viewer, where);
  const answerSql = compiler.memo(field.key, () => compiler.objectOf(field, 'o'));
  const [row] = await preparedRows(compiler.context.em, `select ${answerSql} as "answer" from "order" o ${query.rest}`, query.params);
  return row ? row.answer : null;
}

export const ORDER_SQL_ROOTS: Record<string, RootAnswer> = {
  orders: answerOrders,
  order: (field, compiler) => {
    const uuid = localIdOf('Order', field.args.id as string);
    return uuid ? answerOrder(field, compiler, { uuid }) : Promise.resolve(null);
  },
  orderByReference: (field, compiler) => answerOrder(field, compiler, { reference: (field.args.reference as string).trim() }),
};

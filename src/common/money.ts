import { GraphQLScalarType, Kind } from 'graphql';
import { Field, ObjectType } from 'type-graphql';

/**
 * Amounts live as integer minor units (grosze) in the database and in code, so sums and refunds
 * never meet floating point; they cross the API as decimal strings.
 */
const DECIMAL = /^-?\d{1,12}(\.\d{1,2})?$/;

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'A decimal amount encoded as a string, e.g. "129.99". Never a float.',
  serialize: (value) => String(value),
  parseValue: (value) => parseDecimalInput(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimalInput(ast.value);
    throw new TypeError('Decimal must be a string such as "129.99"');
  },
});

/** Accepts any string or number and keeps it as written; the services judge its range and scale. */
function parseDecimalInput(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value.trim();
  throw new TypeError('Decimal must be a string such as "129.99"');
}

/** Minor units for a well-formed decimal with at most two decimals; undefined otherwise. */
export function toMinorUnits(decimal: string): number | undefined {
  if (!DECIMAL.test(decimal)) return undefined;
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = decimal.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -minor : minor;
}

export function formatMinorUnits(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

@ObjectType()
export class Money {
  @Field(() => DecimalScalar)
  amount: string;

  @Field({ description: 'ISO-4217 code, PLN by default.' })
  currency: string;

  constructor(minorUnits: number, currency = 'PLN') {
    this.amount = formatMinorUnits(minorUnits);
    this.currency = currency;
  }
}

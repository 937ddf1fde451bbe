import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, ValidationContext, ValidationRule } from 'graphql';

/**
 * Contract limits, applied to HTTP and WebSocket operations alike (README, "Limits"): tokens and
 * repeated fields while parsing (document-limits.ts), depth and aliases when validating, cost and
 * variables once the variables are known (operation-guard.ts).
 */
export const LIMITS = {
  maxDepth: 15,
  maxAliases: 50,
  /** See operation-cost.ts for the model. */
  maxCost: 5_000,
  /** The largest operation clients send today takes 316 tokens (comments do not count). */
  maxTokens: 1_000,
  /**
   * Times one response name may be selected in one selection, fragments merged. Validation's work
   * grows with the square of it: 994 repeats (all 1,000 tokens allow) took 0.25 s; 50 take a few ms.
   */
  maxFieldRepeats: 50,
  /** Objects and lists inside one variable; the deepest input in the schema needs 3. */
  maxVariablesDepth: 10,
  maxDocumentBytes: 64 * 1024,
} as const;

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: QUERY_TOO_COMPLEX } });
}

/** Reports the armor rule's rejection as a validation error carrying the contract's code. */
function reject(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, '')));
}

const common = { onReject: [reject], propagateOnRejection: false, exposeLimits: true };

export const LIMIT_RULES: ValidationRule[] = [
  // flattenFragments: depth counts fields; unflattened, armor adds a level per inline fragment and two per spread.
  maxDepthRule({ ...common, n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true }) as unknown as ValidationRule,
  maxAliasesRule({ ...common, n: LIMITS.maxAliases }) as unknown as ValidationRule,
];

/**
 * Every rule a document must pass over WebSocket: the standard ones, the limits, and in production
 * no introspection — what Apollo's own options give HTTP (with LIMIT_RULES added).
 */
export function webSocketValidationRules(production: boolean): ValidationRule[] {
  return production ? [...specifiedRules, ...LIMIT_RULES, NoSchemaIntrospectionCustomRule] : [...specifiedRules, ...LIMIT_RULES];
}

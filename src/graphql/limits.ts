import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, ValidationContext, ValidationRule } from 'graphql';

/** Contract limits, applied to HTTP and WebSocket operations alike (both pass these rules to `validate`). */
/** Cost: 2 per object field, 1 per scalar, no depth multiplier (depth has its own limit). */
export const LIMITS = {
  maxDepth: 15,
  maxAliases: 50,
  maxCost: 5_000,
  maxDocumentBytes: 64 * 1024,
} as const;

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** Reports the armor rule's rejection as a validation error carrying the contract's code. */
function reject(context: ValidationContext | null, error: GraphQLError): void {
  const message = error.message.replace(/^Syntax Error: /, '');
  context?.reportError(new GraphQLError(message, { extensions: { code: QUERY_TOO_COMPLEX } }));
}

const common = { onReject: [reject], propagateOnRejection: false, exposeLimits: true };

export const LIMIT_RULES: ValidationRule[] = [
  // flattenFragments: depth counts fields; unflattened, armor adds a level per inline fragment and two per spread.
  maxDepthRule({ ...common, n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true }) as unknown as ValidationRule,
  maxAliasesRule({ ...common, n: LIMITS.maxAliases }) as unknown as ValidationRule,
  costLimitRule({ ...common, maxCost: LIMITS.maxCost, depthCostFactor: 1, ignoreIntrospection: true }) as unknown as ValidationRule,
];

/**
 * Every rule a document must pass over WebSocket (graphql-ws): the standard ones, the limits, and
 * in production no introspection — what Apollo's own options give HTTP (with LIMIT_RULES added).
 */
export function webSocketValidationRules(production: boolean): ValidationRule[] {
  return production ? [...specifiedRules, ...LIMIT_RULES, NoSchemaIntrospectionCustomRule] : [...specifiedRules, ...LIMIT_RULES];
}

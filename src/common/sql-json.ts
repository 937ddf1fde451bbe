/**
 * SQL expressions that write a value the way the API's JSON writes it, for answers PostgreSQL builds
 * itself (graphql/sql-answers.ts): global ids, instants, decimal amounts. Each mirrors one function
 * of the JavaScript side, named in its comment, and test/sql-answers.test.ts compares the two.
 */

/** base64url without padding, as `Buffer.toString('base64url')` (PostgreSQL's base64 pads and wraps lines). */
export function base64urlSql(textExpression: string): string {
  return `translate(encode(convert_to(${textExpression}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** `toGlobalId(type, uuid)` (global-id.ts). */
export function globalIdSql(type: string, uuidExpression: string): string {
  return base64urlSql(`'${type}:' || ${uuidExpression}`);
}

/** `Date.prototype.toISOString` (the DateTime scalar): UTC, milliseconds cut (not rounded) from microseconds, Z. */
export function instantSql(expression: string): string {
  return `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** `formatMinorUnits(minor)` (money.ts): "-12.05" from -1205. */
export function decimalSql(minorExpression: string): string {
  const minor = `(${minorExpression})`;
  return `(case when ${minor} < 0 then '-' else '' end || (abs(${minor}) / 100)::text || '.' || lpad((abs(${minor}) % 100)::text, 2, '0'))`;
}

/**
 * A text constant. Never holds `?`, which the statements' binder (knex) would take for a parameter:
 * callers build constants from the code's own tables, and a `?` there is refused at start.
 */
export function textSql(text: string): string {
  if (text.includes('?')) throw new Error(`A SQL text constant may not contain "?": ${text}`);
  return `'${text.replace(/'/g, "''")}'`;
}

/** `table[key]` for a constant table, as a lookup in a jsonb literal; null for a key it lacks. */
export function lookupSql(table: Record<string, string>, keyExpression: string): string {
  return `(${textSql(JSON.stringify(table))}::jsonb ->> ${keyExpression})`;
}

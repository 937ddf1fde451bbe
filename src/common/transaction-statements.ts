import { EntityManager } from '@mikro-orm/postgresql';

/*
 * Why a step's own statements skip knex: each statement a step sends through MikroORM's `execute`
 * goes through knex's Raw builder, its runner and its transaction wrapper before it reaches pg,
 * which cost more server CPU than building the statement itself (issue 8, docs/performance.md,
 * "Writes, round 3"). The statements here have fixed texts, so they are sent to the transaction's
 * pg connection as they are, as MikroORM would send them: parameters inlined by MikroORM's own
 * formatter, one simple-protocol query (so BEGIN and COMMIT can ride with them:
 * src/db/transaction-pipelining.ts). Knex's `query` listeners still see each one.
 */

interface PgConnection {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
}

interface TransactionClient {
  acquireConnection(): Promise<PgConnection>;
  emit(event: 'query', query: { sql: string; bindings: readonly unknown[]; method: 'raw'; options: Record<string, never> }): boolean;
}

/**
 * The rows of `sql` (`?` placeholders) run in the transaction `em` works in. Outside a transaction
 * it runs through MikroORM, on a connection of the pool.
 */
export async function transactionRows<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const transaction = em.getTransactionContext<{ client: TransactionClient; isCompleted(): boolean }>();
  if (!transaction) return em.getConnection().execute<T[]>(sql, [...params], 'all');
  // As knex refuses it: a statement after the end would run outside the transaction.
  if (transaction.isCompleted()) throw new Error(`a statement was sent after its transaction ended: ${sql.slice(0, 80)}`);
  const text = em.getPlatform().formatQuery(sql, [...params]);
  const connection = await transaction.client.acquireConnection();
  transaction.client.emit('query', { sql: text, bindings: [], method: 'raw', options: {} });
  return (await connection.query(text)).rows as T[];
}

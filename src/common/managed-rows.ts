import { EntityManager } from '@mikro-orm/postgresql';

/*
 * Why not `em.map`: a step's fixed statements (src/orders/order-lock.ts, src/messages/message-writes.ts,
 * placing an order) answer rows that become the entities the step works on. `em.map` validates each
 * property and then merges the entity, cascading through its relations (each recomputing a
 * snapshot): on a message, that was about 150 µs of server CPU per row (issue 8, docs/performance.md,
 * "Writes, round 3"). The rows here are the database's own, and every relation among them is mapped
 * in turn, so neither is needed.
 */

/**
 * A row (its columns by name, as `select *` or `to_jsonb` give them) as a managed entity, refreshed
 * if the EntityManager has it already. The snapshot the unit of work and src/common/row-writes.ts
 * diff against is taken from the entity as hydrated.
 */
export function managedRow<T extends object>(em: EntityManager, entity: new () => T, row: Record<string, unknown>): T {
  const data = em.getDriver().mapResult(row as never, em.getMetadata().get<T>(entity.name));
  return em.getEntityFactory().create<T>(entity, data as never, { merge: true, refresh: true, convertCustomTypes: true, recomputeSnapshot: true });
}

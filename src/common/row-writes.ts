import { EntityManager, EntityMetadata, EntityProperty, helper, ReferenceKind } from '@mikro-orm/core';

/*
 * Why steps are not persisted by MikroORM's flush: for a handful of rows, the unit of work's
 * change sets and the UPDATE/INSERT each built through its QueryBuilder and knex cost more server
 * CPU than the rest of a mutation's write together (issue 8; docs/performance.md, "Writes, round 2").
 * A step still works on entities (its logic reads and sets their properties); what it changed is
 * written here as fixed-shape statements, one UPDATE of exactly the changed columns per row and
 * one INSERT per new row, all sent in the transaction's last statement together with its events
 * (src/common/transaction.ts). The statements' texts depend only on the table and the columns, so
 * each shape is built once.
 */

/** One SQL statement that changes rows; sent as a member of a `with` list, so it returns nothing. */
export interface RowWrite {
  sql: string;
  params: unknown[];
}

/** The rows a transaction locked and works on, with the properties changed so far but not yet written. */
interface HeldRows {
  entities: Set<object>;
  pending: Map<object, Set<string>>;
  /** Rows the transaction made: inserted with every column at the end, whatever changed on them meanwhile. */
  created: Set<object>;
}

const heldByEm = new WeakMap<EntityManager, HeldRows>();

/**
 * Hands entities the transaction holds (loaded under their row lock) to this writer: their changes
 * are written by `collectRowWrites` / `heldRowWrites`, and the unit of work sees them as unchanged.
 */
export function holdRows(em: EntityManager, entities: Iterable<object>): void {
  const held = heldRowsOf(em);
  for (const entity of entities) held.entities.add(entity);
}

/**
 * Hands new entities (made with `new`, never `em.create`) to this writer: they become managed (in
 * the identity map, so the rest of the transaction finds them as it would a loaded row) with a
 * snapshot of themselves, so the unit of work never inserts them; `heldRowWrites` inserts them.
 */
export function holdNewRows(em: EntityManager, entities: Iterable<object>): void {
  const held = heldRowsOf(em);
  const comparator = em.getComparator();
  for (const entity of entities) {
    em.getUnitOfWork().register(entity);
    helper(entity).__originalEntityData = comparator.prepareEntity(entity);
    held.created.add(entity);
    held.entities.add(entity);
  }
}

function heldRowsOf(em: EntityManager): HeldRows {
  let held = heldByEm.get(em);
  if (!held) heldByEm.set(em, (held = { entities: new Set(), pending: new Map(), created: new Set() }));
  return held;
}

/** After a rollback to a savepoint: the entities are gone from the EntityManager, and what they changed with them. */
export function forgetHeldRows(em: EntityManager): void {
  heldByEm.delete(em);
}

/**
 * Notes what the held entities changed since the last call and marks them unchanged for the unit of
 * work, so a flush (of rows other code still persists through it) does not write them too. Called
 * before every flush of the transaction; the values are read at the end (`heldRowWrites`).
 */
export function collectRowWrites(em: EntityManager): void {
  const held = heldByEm.get(em);
  if (!held) return;
  const comparator = em.getComparator();
  for (const entity of held.entities) {
    const wrapped = helper(entity);
    const meta = wrapped.__meta as EntityMetadata<any>;
    const original = wrapped.__originalEntityData as Record<string, unknown> | undefined;
    if (!original) continue;
    const current = comparator.prepareEntity(entity) as Record<string, unknown>;
    const diff = comparator.getEntityComparator(meta.className)(original as any, current as any);
    // Only columns of the row itself; anything else (a collection) stays the unit of work's.
    const changed = Object.keys(diff).filter((name) => isColumn(meta.properties[name]));
    if (changed.length === 0) continue;
    if (held.created.has(entity)) {
      // Inserted whole at the end: only the snapshot needs to follow.
      for (const name of changed) original[name] = current[name];
      continue;
    }
    let pending = held.pending.get(entity);
    if (!pending) held.pending.set(entity, (pending = new Set()));
    for (const name of changed) {
      pending.add(name);
      original[name] = current[name];
    }
  }
}

/**
 * The INSERTs of the rows the transaction made and the UPDATEs of every held row that changed (its
 * changed columns), with the entities' values now. Foreign keys are checked at the end of the
 * statement these go in, so their order does not matter.
 */
export function heldRowWrites(em: EntityManager): RowWrite[] {
  collectRowWrites(em);
  const held = heldByEm.get(em);
  if (!held || (held.pending.size === 0 && held.created.size === 0)) return [];
  const writes: RowWrite[] = [...held.created].map((entity) => insertRow(em, entity));
  held.created.clear();
  for (const [entity, names] of held.pending) {
    const meta = helper(entity).__meta as EntityMetadata<any>;
    const props = [...names].sort().map((name) => meta.properties[name]);
    const pk = meta.properties[meta.primaryKeys[0]];
    writes.push({ sql: updateStatement(meta, props, pk), params: [...props.map((prop) => columnValue(entity, prop)), columnValue(entity, pk)] });
  }
  held.pending.clear();
  return writes;
}

/** A new row for `entity` (made with `new`, never handed to the EntityManager): every column it has a value for. */
export function insertRow(em: EntityManager, entity: object): RowWrite {
  const meta = em.getMetadata().get<any>(entity.constructor.name);
  const props = meta.props.filter((prop) => isColumn(prop) && (entity as Record<string, unknown>)[prop.name] !== undefined);
  return { sql: insertStatement(meta, props), params: props.map((prop) => columnValue(entity, prop)) };
}

function isColumn(prop: EntityProperty | undefined): prop is EntityProperty {
  return !!prop && prop.persist !== false && (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE) && prop.fieldNames?.length === 1 && !prop.getter;
}

/** The value the column takes: a reference's key, JSON as text, custom types (bigints) as the database stores them. */
function columnValue(entity: object, prop: EntityProperty): unknown {
  const value = (entity as Record<string, unknown>)[prop.name];
  if (value === null || value === undefined) return null;
  if (prop.kind === ReferenceKind.MANY_TO_ONE) return helper(value as object).getPrimaryKey();
  if (isJson(prop)) return JSON.stringify(value);
  return value;
}

function isJson(prop: EntityProperty): boolean {
  return /^jsonb?$/.test(columnType(prop));
}

/** The column's SQL type, cast on every parameter so a statement's shape never depends on a value. */
function columnType(prop: EntityProperty): string {
  const type = (prop.columnTypes?.[0] ?? 'text').toLowerCase();
  return type === 'json' ? 'jsonb' : type;
}

const statements = new Map<string, string>();

function updateStatement(meta: EntityMetadata, props: EntityProperty[], pk: EntityProperty): string {
  const key = `update ${meta.tableName} ${props.map((prop) => prop.name).join(',')}`;
  let sql = statements.get(key);
  if (!sql) {
    const sets = props.map((prop) => `"${prop.fieldNames[0]}" = ?::${columnType(prop)}`).join(', ');
    sql = `update "${meta.tableName}" set ${sets} where "${pk.fieldNames[0]}" = ?::${columnType(pk)}`;
    statements.set(key, sql);
  }
  return sql;
}

function insertStatement(meta: EntityMetadata, props: EntityProperty[]): string {
  const key = `insert ${meta.tableName} ${props.map((prop) => prop.name).join(',')}`;
  let sql = statements.get(key);
  if (!sql) {
    const columns = props.map((prop) => `"${prop.fieldNames[0]}"`).join(', ');
    const values = props.map((prop) => `?::${columnType(prop)}`).join(', ');
    sql = `insert into "${meta.tableName}" (${columns}) values (${values})`;
    statements.set(key, sql);
  }
  return sql;
}

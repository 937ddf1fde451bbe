import { EntityMetadata, EntityProperty, ReferenceKind, wrap } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Row views: an entity's rows read for an answer, not for a change. A view holds the row's columns
 * under the entity's property names and inherits the entity class's getters (the computed GraphQL
 * fields: `id`, `price`, `tracking`), so the same field resolvers and rules read it as they read
 * the entity. It has none of MikroORM's machinery: no identity map, no
 * change-tracking snapshot, no per-instance property definitions. Those cost 50-100 µs per entity
 * and, with the garbage they leave, about half of the CPU of a page of orders (issue 8).
 *
 * Relations: a many-to-one is a view of the related row when the statement read it (`loaded`), else
 * a reference view holding only its primary key; a one-to-many is a ViewCollection, filled when the
 * statement read it (json_agg) and otherwise by the field resolver's batching loader.
 * Views are never persisted or merged: whatever changes an entity loads it through the EntityManager.
 */

const VIEW = Symbol('row view');
const LOADED = Symbol('row view loaded');

interface ViewMarks {
  [VIEW]: true;
  [LOADED]: boolean;
}

/** Whether `value` is a view rather than a managed entity. */
export function isView(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Partial<ViewMarks>)[VIEW] === true;
}

/** Whether a many-to-one relation's row is at hand (a loaded view or an initialised entity), not just its key. */
export function isLoaded(relation: object): boolean {
  return isView(relation) ? (relation as ViewMarks)[LOADED] : wrap(relation).isInitialized();
}

/**
 * A one-to-many relation of a view: the part of MikroORM's Collection that readers use
 * (`isInitialized`, `getItems`, and `hydrate` for a batching loader's answer).
 */
export class ViewCollection<T> {
  private items?: T[];

  isInitialized(): boolean {
    return this.items !== undefined;
  }

  getItems(): T[] {
    if (!this.items) throw new Error('A view collection was read before it was loaded');
    return this.items;
  }

  hydrate(items: T[]): void {
    this.items = items;
  }
}

type Convert = (value: unknown) => unknown;

/** pg answers bigint as text and json_build_object answers instants as text: both become what the entity holds. */
function converterOf(prop: EntityProperty): Convert | undefined {
  if (prop.runtimeType === 'Date') return (value) => (value == null || value instanceof Date ? value : new Date(value as string));
  if (prop.runtimeType === 'number') return (value) => (value == null ? value : Number(value));
  return undefined;
}

interface Column {
  property: string;
  field: string;
  convert?: Convert;
  /** A many-to-one: the value is the related row's key, held in a reference view. */
  reference?: string;
}

/** How rows of one entity are selected and turned into views; built once per entity from its metadata. */
export class EntityView<T extends object> {
  private readonly prototype: object;
  private readonly columnList: Column[];
  private readonly collections: string[];
  readonly table: string;

  constructor(
    private readonly meta: EntityMetadata,
    private readonly viewOf: (className: string) => EntityView<object>,
  ) {
    this.table = meta.tableName;
    this.prototype = viewPrototype(meta);
    this.columnList = [];
    this.collections = [];
    for (const prop of meta.props) {
      if (prop.persist === false || prop.formula || prop.embedded) continue;
      if (prop.kind === ReferenceKind.SCALAR) this.columnList.push({ property: prop.name, field: prop.fieldNames[0], convert: converterOf(prop) });
      else if (prop.kind === ReferenceKind.MANY_TO_ONE && prop.fieldNames.length === 1) {
        this.columnList.push({ property: prop.name, field: prop.fieldNames[0], reference: prop.type });
      } else if (prop.kind === ReferenceKind.ONE_TO_MANY) this.collections.push(prop.name);
    }
    // json_build_object takes at most 100 arguments.
    if (this.columnList.length > 50) throw new Error(`${meta.className} has too many columns for a view's json_build_object`);
  }

  /** `alias.column as "property", …` for every column. */
  columns(alias: string): string {
    return this.columnList.map(({ property, field }) => `${alias}."${field}" as "${property}"`).join(', ');
  }

  /** The same columns as one JSON object, for a row nested in another's answer. */
  json(alias: string): string {
    return `json_build_object(${this.columnList.map(({ property, field }) => `'${property}', ${alias}."${field}"`).join(', ')})`;
  }

  /** The view of a row selected with `columns` or `json`; relations named in `loaded` are already views. */
  fromRow(row: Record<string, unknown>, loaded: Record<string, unknown> = {}): T {
    const view = Object.create(this.prototype) as Record<string | symbol, unknown>;
    view[LOADED] = true;
    for (const { property, convert, reference } of this.columnList) {
      const value = row[property];
      if (property in loaded) view[property] = loaded[property];
      else if (reference) view[property] = value == null ? null : this.viewOf(reference).reference(value as string);
      else view[property] = convert ? convert(value) : value;
    }
    for (const property of this.collections) view[property] = property in loaded ? loaded[property] : new ViewCollection();
    return view as T;
  }

  /** A relation's target known by its key only. */
  reference(key: string): T {
    const view = Object.create(this.prototype) as Record<string | symbol, unknown>;
    view[LOADED] = false;
    view[this.meta.primaryKeys[0]] = key;
    return view as T;
  }
}

/**
 * A prototype below the entity class's own: the class's getters serve the view, and `instanceof`
 * holds (type-graphql passes a @Root that is not an instance of its class through `new Order()` and
 * a copy, which with MikroORM's property setters cost more than the entity path). MikroORM's
 * per-property accessors on the entity prototype (change tracking) are shadowed by plain slots, so
 * filling a view is a plain write. Views are never handed to the EntityManager.
 */
function viewPrototype(meta: EntityMetadata): object {
  const entityPrototype = meta.class.prototype as object;
  const prototype = Object.create(entityPrototype) as object;
  for (const prop of meta.props) {
    if (Object.getOwnPropertyDescriptor(entityPrototype, prop.name)?.get) continue; // the class's own getter
    Object.defineProperty(prototype, prop.name, { value: undefined, writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(prototype, VIEW, { value: true, enumerable: false });
  return prototype;
}

const views = new WeakMap<object, Map<string, EntityView<object>>>();

/** The view of `entity`, built from the ORM's metadata the first time it is asked for. */
export function entityView<T extends object>(em: EntityManager, entity: new () => T): EntityView<T> {
  const metadata = em.getMetadata();
  let byName = views.get(metadata);
  if (!byName) views.set(metadata, (byName = new Map()));
  const cache = byName;
  const viewOf = (className: string): EntityView<object> => {
    let view = cache.get(className);
    if (!view) cache.set(className, (view = new EntityView(metadata.get(className), viewOf)));
    return view;
  };
  return viewOf(entity.name) as unknown as EntityView<T>;
}

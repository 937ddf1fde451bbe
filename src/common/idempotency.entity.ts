import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The first outcome of a mutation called with an idempotency key, replayed for repeats. */
@Entity({ tableName: 'idempotency_record' })
export class IdempotencyRecord {
  /** Whose key it is: a shop, a customer, or one operator key (auth/viewer.ts). */
  @PrimaryKey({ type: 'text' })
  scope!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  operation!: string;

  /** SHA-256 of the operation and its input (common/idempotency.ts): a repeat must send the same request. */
  @Property({ type: 'text' })
  fingerprint!: string;

  @Property({ type: 'json' })
  outcome!: StoredOutcome;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An entity outcome is stored by id (replays show it as it is now); an error by value. */
export type StoredOutcome =
  | { kind: 'entity'; typename: string; uuid: string }
  | { kind: 'error'; typename: string; fields: Record<string, unknown> };

import { BigIntType, BlobType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row per database (id 1), made by its migration: the secret that event cursors are encrypted
 * and authenticated with (event-cursor.ts), and the last event id an old-format cursor may name.
 * Read with plain SQL; described here so the schema the entities describe stays complete.
 */
@Entity({ tableName: 'event_log_secret' })
export class EventLogSecret {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: BlobType })
  cursorKey!: Buffer;

  @Property({ type: new BigIntType('string') })
  legacyCursorMaxId!: string;
}

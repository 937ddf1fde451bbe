import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { LogPosition } from './log-position';

/**
 * Event cursors are opaque and authenticated. A position (transaction id, event id) counts the whole
 * marketplace's writes, so two cursors in the clear would tell a shop how many events other shops
 * made in between. The 16-byte position is encrypted as one AES-256 block (a keyed permutation:
 * deterministic, so an event always has the same cursor, as `Event.cursor = EventEdge.cursor`
 * requires) and authenticated with a truncated HMAC-SHA-256 over the version and ciphertext
 * (encrypt-then-MAC), so a forged or altered cursor is refused rather than read as some position.
 * Both keys come from one random secret per database (`event_log_secret`, made by its migration),
 * so every instance on a database reads every other's cursors.
 */
const VERSION = 1;
const BLOCK_BYTES = 16;
const TAG_BYTES = 16;
const CURSOR_BYTES = 1 + BLOCK_BYTES + TAG_BYTES;
const CURSOR_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((CURSOR_BYTES * 4) / 3)}}$`);
/** The format before this one: base64url of `ev:<id>`. Still read for events older than the upgrade. */
const LEGACY_PATTERN = /^ev:([0-9]{1,18})$/;

export interface EventCursors {
  encode(position: LogPosition): string;
  /** The position a cursor stands for; undefined when it is not one this database handed out. */
  decode(cursor: string): LogPosition | undefined;
}

export function createEventCursors(secret: Buffer, legacyMaxId: bigint): EventCursors {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `event-cursor/${purpose}`, 32));
  const encryptionKey = derive('encryption');
  const macKey = derive('authentication');
  const tagOf = (header: Buffer, block: Buffer) => createHmac('sha256', macKey).update(header).update(block).digest().subarray(0, TAG_BYTES);

  return {
    encode({ txid, id }) {
      const plain = Buffer.alloc(BLOCK_BYTES);
      plain.writeBigUInt64BE(txid, 0);
      plain.writeBigUInt64BE(id, 8);
      const cipher = createCipheriv('aes-256-ecb', encryptionKey, null).setAutoPadding(false);
      const block = Buffer.concat([cipher.update(plain), cipher.final()]);
      const header = Buffer.from([VERSION]);
      return Buffer.concat([header, block, tagOf(header, block)]).toString('base64url');
    },
    decode(cursor) {
      if (!CURSOR_PATTERN.test(cursor)) return decodeLegacy(cursor, legacyMaxId);
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.length !== CURSOR_BYTES || bytes[0] !== VERSION) return undefined;
      const header = bytes.subarray(0, 1);
      const block = bytes.subarray(1, 1 + BLOCK_BYTES);
      if (!timingSafeEqual(bytes.subarray(1 + BLOCK_BYTES), tagOf(header, block))) return undefined;
      const decipher = createDecipheriv('aes-256-ecb', encryptionKey, null).setAutoPadding(false);
      const plain = Buffer.concat([decipher.update(block), decipher.final()]);
      return { txid: plain.readBigUInt64BE(0), id: plain.readBigUInt64BE(8) };
    },
  };
}

/**
 * An old-format cursor names an event by id alone. Only events appended before the upgrade can be
 * named so (they sit at position (0, id)); accepting later ids would let a client probe the global
 * counter that the new format hides.
 */
function decodeLegacy(cursor: string, legacyMaxId: bigint): LogPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return undefined;
  const match = LEGACY_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return undefined;
  const id = BigInt(match[1]);
  return id <= legacyMaxId ? { txid: 0n, id } : undefined;
}

/** One codec per database: keyed by the ORM configuration that every EntityManager of it shares. */
const codecs = new WeakMap<object, Promise<EventCursors>>();

export function eventCursors(em: EntityManager): Promise<EventCursors> {
  const key = em.config;
  let codec = codecs.get(key);
  if (!codec) {
    codec = loadCodec(em);
    codecs.set(key, codec);
    codec.catch(() => codecs.delete(key)); // a failed read is retried by the next caller
  }
  return codec;
}

async function loadCodec(em: EntityManager): Promise<EventCursors> {
  const [row] = await em
    .fork()
    .getConnection()
    .execute<{ cursor_key: Buffer; legacy_cursor_max_id: string }[]>('select cursor_key, legacy_cursor_max_id from event_log_secret where id = 1');
  if (!row) throw new Error('event_log_secret has no key: the migrations did not run');
  return createEventCursors(row.cursor_key, BigInt(row.legacy_cursor_max_id));
}

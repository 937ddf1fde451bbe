import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { LogPosition } from './log-position';

/**
 * Event cursors and event ids are opaque and authenticated. A position (transaction id, event id),
 * like the id alone, counts the whole marketplace's writes, so two of them in the clear would tell
 * a shop how many events other shops made in between. The 16 bytes are encrypted as one AES-256
 * block (a keyed permutation: deterministic, so an event always has the same cursor and id, as
 * `Event.cursor = EventEdge.cursor` requires) and authenticated with a truncated HMAC-SHA-256 over
 * a kind byte and the ciphertext (encrypt-then-MAC), so a forged or altered token is refused rather
 * than read as some position, and a cursor is never accepted as an id or the other way round.
 * Both keys come from one random secret per database (`event_log_secret`, made by its migration),
 * so every instance on a database reads every other's tokens.
 */
const CURSOR_KIND = 1;
const ID_KIND = 2;
const BLOCK_BYTES = 16;
const TAG_BYTES = 16;
const TOKEN_BYTES = 1 + BLOCK_BYTES + TAG_BYTES;
/** What a token looks like: base64url of TOKEN_BYTES. */
export const EVENT_TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((TOKEN_BYTES * 4) / 3)}}$`);
/** The format before this one: base64url of `ev:<id>`. Still read for events older than the upgrade. */
const LEGACY_PATTERN = /^ev:([0-9]{1,18})$/;

export interface EventCodec {
  encodeCursor(position: LogPosition): string;
  /** The position a cursor stands for; undefined when it is not one this database handed out. */
  decodeCursor(cursor: string): LogPosition | undefined;
  /** The local part of an event's global id. */
  encodeId(id: bigint): string;
  decodeId(token: string): bigint | undefined;
}

export function createEventCodec(secret: Buffer, legacyMaxId: bigint): EventCodec {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `event-token/${purpose}`, 32));
  const encryptionKey = derive('encryption');
  const macKey = derive('authentication');
  const tagOf = (header: Buffer, block: Buffer) => createHmac('sha256', macKey).update(header).update(block).digest().subarray(0, TAG_BYTES);

  const seal = (kind: number, { txid, id }: LogPosition): string => {
    const plain = Buffer.alloc(BLOCK_BYTES);
    plain.writeBigUInt64BE(txid, 0);
    plain.writeBigUInt64BE(id, 8);
    const cipher = createCipheriv('aes-256-ecb', encryptionKey, null).setAutoPadding(false);
    const block = Buffer.concat([cipher.update(plain), cipher.final()]);
    const header = Buffer.from([kind]);
    return Buffer.concat([header, block, tagOf(header, block)]).toString('base64url');
  };
  const open = (kind: number, token: string): LogPosition | undefined => {
    if (!EVENT_TOKEN_PATTERN.test(token)) return undefined;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes[0] !== kind) return undefined;
    const header = bytes.subarray(0, 1);
    const block = bytes.subarray(1, 1 + BLOCK_BYTES);
    if (!timingSafeEqual(bytes.subarray(1 + BLOCK_BYTES), tagOf(header, block))) return undefined;
    const decipher = createDecipheriv('aes-256-ecb', encryptionKey, null).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(block), decipher.final()]);
    return { txid: plain.readBigUInt64BE(0), id: plain.readBigUInt64BE(8) };
  };

  return {
    encodeCursor: (position) => seal(CURSOR_KIND, position),
    decodeCursor: (cursor) => (EVENT_TOKEN_PATTERN.test(cursor) ? open(CURSOR_KIND, cursor) : decodeLegacy(cursor, legacyMaxId)),
    encodeId: (id) => seal(ID_KIND, { txid: 0n, id }),
    decodeId: (token) => open(ID_KIND, token)?.id,
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
const codecs = new WeakMap<object, Promise<EventCodec>>();

export function eventCodec(em: EntityManager): Promise<EventCodec> {
  const key = em.config;
  let codec = codecs.get(key);
  if (!codec) {
    codec = loadCodec(em);
    codecs.set(key, codec);
    codec.catch(() => codecs.delete(key)); // a failed read is retried by the next caller
  }
  return codec;
}

async function loadCodec(em: EntityManager): Promise<EventCodec> {
  const [row] = await em
    .fork()
    .getConnection()
    .execute<{ cursor_key: Buffer; legacy_cursor_max_id: string }[]>('select cursor_key, legacy_cursor_max_id from event_log_secret where id = 1');
  if (!row) throw new Error('event_log_secret has no key: the migrations did not run');
  return createEventCodec(row.cursor_key, BigInt(row.legacy_cursor_max_id));
}

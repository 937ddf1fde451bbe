import { hash, randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { clock } from '../common/clock';
import { Customer } from '../customers/customer.entity';
import { Shop } from '../shops/shop.entity';
import { ApiKey } from './api-key.entity';
import { Role } from './role';
import { Viewer } from './viewer';

const SECRET_PREFIX = 'sk_';

/** NOTIFY channel telling every instance to close the open sockets of a revoked key (payload: its id). */
export const API_KEY_REVOKED_CHANNEL = 'api_key_revoked';
const VISIBLE_PREFIX_LENGTH = 10;

/** Every request and connection hashes its key: the one-shot `hash` costs less than half of a createHash object. */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** Reads the viewer of a secret's hash from the database; null for unknown or revoked keys. */
export async function viewerForSecretHash(em: EntityManager, secretHash: string): Promise<Viewer | null> {
  return (await viewersForSecretHashes(em, [secretHash])).get(secretHash) ?? null;
}

/** The viewers of valid keys among these secret hashes, in one statement; unknown and revoked ones are absent. */
export async function viewersForSecretHashes(em: EntityManager, secretHashes: readonly string[]): Promise<Map<string, Viewer>> {
  const distinct = [...new Set(secretHashes)];
  // At most one key per hash (the column is unique): the limit says so to the planner, which then
  // takes the unique index even while the table is small enough to read whole.
  const keys = await em.find(ApiKey, { secretHash: { $in: distinct }, revokedAt: null }, { populate: ['shop', 'customer'], limit: distinct.length });
  const viewers = new Map<string, Viewer>();
  for (const key of keys) {
    // A seller key without its shop (or a customer key without its customer) must never fall back
    // to an unscoped view: every tenant filter keys on these ids.
    if ((key.role === Role.SELLER && !key.shop) || (key.role === Role.CUSTOMER && !key.customer)) continue;
    viewers.set(key.secretHash, {
      role: key.role,
      apiKeyUuid: key.uuid,
      shopUuid: key.shop?.uuid,
      customerUuid: key.customer?.uuid,
      displayName: key.shop?.name ?? key.customer?.displayName ?? key.name,
    });
  }
  return viewers;
}

/** Which of these keys are still valid (not revoked): one statement for any number of open sockets. */
export async function validKeyUuids(em: EntityManager, apiKeyUuids: readonly string[]): Promise<Set<string>> {
  if (apiKeyUuids.length === 0) return new Set();
  const rows = await em.find(ApiKey, { uuid: { $in: [...apiKeyUuids] }, revokedAt: null }, { fields: ['uuid'] });
  return new Set(rows.map((row) => row.uuid));
}

export interface NewKey {
  name: string;
  role: Role;
  shop?: Shop;
  customer?: Customer;
  /** Only for the bootstrap key, whose secret the operator chose. */
  secret?: string;
}

export function createApiKey(em: EntityManager, request: NewKey): { apiKey: ApiKey; secret: string } {
  const secret = request.secret ?? newSecret();
  const apiKey = em.create(ApiKey, {
    name: request.name,
    role: request.role,
    shop: request.shop,
    customer: request.customer,
    prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
    secretHash: hashSecret(secret),
    createdAt: clock.now(),
  });
  return { apiKey, secret };
}

/** Makes sure an operator key with BOOTSTRAP_OPERATOR_KEY's secret exists (how a deployment gets its first key). */
export async function ensureBootstrapOperatorKey(em: EntityManager, secret: string): Promise<void> {
  const fork = em.fork();
  const existing = await fork.findOne(ApiKey, { secretHash: hashSecret(secret) });
  if (existing) {
    if (existing.revokedAt || existing.role !== Role.OPERATOR) {
      throw new Error('BOOTSTRAP_OPERATOR_KEY names a key that is revoked or not an operator key; choose another secret');
    }
    return;
  }
  createApiKey(fork, { name: 'Bootstrap operator', role: Role.OPERATOR, secret });
  await fork.flush();
}

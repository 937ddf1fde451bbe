import { EntityManager } from '@mikro-orm/postgresql';
import { ActorRef } from '../../auth/viewer';
import { Event } from './event.entity';
import { EventType } from './event-type';

/** The NOTIFY channel that wakes every instance after an event commits; the payload is the id only. */
export const EVENTS_CHANNEL = 'event_log';

/**
 * A constant advisory-lock key that serialises appends to the log. Holding it from the insert until
 * commit means ids are handed out in commit order, so a reader at `id > cursor` never skips an
 * event that commits late. The lock is taken as the last step of a transaction to keep it short.
 */
const EVENT_LOG_LOCK = 7_340_021;

export interface EventDraft {
  type: EventType;
  actor: ActorRef;
  occurredAt: Date;
  orderUuid?: string;
  shopUuid?: string;
  customerUuid?: string;
  messageUuid?: string;
  incidentUuid?: string;
  returnUuid?: string;
  ratingUuid?: string;
  fromState?: string | null;
  toState?: string | null;
  data?: Record<string, unknown>;
}

/** Appends events inside the caller's transaction and schedules the NOTIFY that fires on commit. */
export async function appendEvents(em: EntityManager, drafts: readonly EventDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const connection = em.getConnection();
  await connection.execute('select pg_advisory_xact_lock(?)', [EVENT_LOG_LOCK], 'all', em.getTransactionContext());
  const rows = drafts.map((draft) => ({
    type: draft.type,
    occurred_at: draft.occurredAt,
    actor_type: draft.actor.type,
    actor_name: draft.actor.displayName,
    order_uuid: draft.orderUuid ?? null,
    shop_uuid: draft.shopUuid ?? null,
    customer_uuid: draft.customerUuid ?? null,
    message_uuid: draft.messageUuid ?? null,
    incident_uuid: draft.incidentUuid ?? null,
    return_uuid: draft.returnUuid ?? null,
    rating_uuid: draft.ratingUuid ?? null,
    from_state: draft.fromState ?? null,
    to_state: draft.toState ?? null,
    data: draft.data ? JSON.stringify(draft.data) : null,
  }));
  const inserted = await em
    .getKnex()
    .insert(rows)
    .into(em.getMetadata().get(Event.name).tableName)
    .returning('id')
    .transacting(em.getTransactionContext()!);
  const lastId = String(inserted[inserted.length - 1].id);
  await connection.execute('select pg_notify(?, ?)', [EVENTS_CHANNEL, lastId], 'all', em.getTransactionContext());
}

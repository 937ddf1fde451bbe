import { EntityManager } from '@mikro-orm/postgresql';
import { MessageThread } from './message-thread.entity';

/**
 * Reading a thread changes dashboards without being an event of the log. This NOTIFY (sent on
 * commit) tells every instance to recompute the dashboards of the thread's participants.
 */
export const VIEWER_STATE_CHANNEL = 'viewer_state';

export async function notifyViewerState(em: EntityManager, thread: MessageThread): Promise<void> {
  const payload = JSON.stringify({ shopUuid: thread.shopUuid, customerUuid: thread.customerUuid });
  await em.getConnection().execute('select pg_notify(?, ?)', [VIEWER_STATE_CHANNEL, payload], 'all', em.getTransactionContext());
}

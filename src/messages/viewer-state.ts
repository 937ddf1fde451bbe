import { EntityManager } from '@mikro-orm/postgresql';
import { VIEWER_STATE_CHANNEL } from '../live/channels';
import { MessageThread } from './message-thread.entity';

/**
 * Reading a thread changes dashboards without being an event of the log. This NOTIFY (sent on
 * commit) tells every instance to recompute the dashboards of the thread's participants.
 */
export async function notifyViewerState(em: EntityManager, thread: MessageThread): Promise<void> {
  const payload = JSON.stringify({ shopUuid: thread.shopUuid, customerUuid: thread.customerUuid });
  await em.getConnection().execute('select pg_notify(?, ?)', [VIEWER_STATE_CHANNEL, payload], 'all', em.getTransactionContext());
}

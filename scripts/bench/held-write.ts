import { SYSTEM_ACTOR } from '../../src/auth/viewer';
import { appendEvents } from '../../src/common/events/event-log';
import { EventType } from '../../src/common/events/event-type';
import { openOrm } from '../../src/db/orm';
import { localIdOf } from './api';

/**
 * Another instance that stalls in the middle of a write: it locks one order, appends that order's
 * event through the server's own code (src/common/events/event-log.ts), and keeps its transaction
 * open for `holdMs` while `meanwhile` runs (writers on other shops). Answers what `meanwhile`
 * answered; the held event commits at the end. Issue 8: "a transaction held open on one order
 * delays no write on another shop".
 */
export async function whileAWriteIsHeldOpen<T>(
  databaseUrl: string,
  order: { id: string; shopUuid: string; customerUuid: string },
  holdMs: number,
  meanwhile: () => Promise<T>,
): Promise<T> {
  const orm = await openOrm(databaseUrl, 1);
  try {
    let appended!: () => void;
    const hasAppended = new Promise<void>((resolve) => (appended = resolve));
    let released!: () => void;
    const release = new Promise<void>((resolve) => (released = resolve));
    const holding = orm.em.fork().transactional(async (em) => {
      const orderUuid = localIdOf(order.id);
      await em.getConnection().execute('select id from "order" where id = ? for update', [orderUuid], 'all', em.getTransactionContext());
      await appendEvents(em, [
        { type: EventType.ORDER_TRACKING_SET, actor: SYSTEM_ACTOR, occurredAt: new Date(), orderUuid, shopUuid: order.shopUuid, customerUuid: order.customerUuid },
      ]);
      appended();
      await release;
    });
    await hasAppended;
    const timer = setTimeout(released, holdMs);
    try {
      return await meanwhile();
    } finally {
      clearTimeout(timer);
      released();
      await holding;
    }
  } finally {
    await orm.close();
  }
}

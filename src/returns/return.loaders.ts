import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byUuid, LoadersOf } from '../common/loaders';
import { Refund } from '../orders/refund.entity';
import { Return, ReturnLine, ReturnRefund } from './return.entity';
import { heldUnitsByOrder, ReturnContext } from './return-request';

/** Per-request batching for return fields. */
export const returnLoaders = {
  /** What requesting a return on each order depends on (REQUEST_RETURN in availableActions). */
  returnContext: (em: EntityManager) => new DataLoader<string, ReturnContext>(async (orderUuids) => {
    const policies = await em.getConnection().execute<{ id: string; return_policy_days: number }[]>(
      'select o.id, s.return_policy_days from "order" o join shop s on s.id = o.shop_id where o.id in (?)',
      [[...orderUuids]],
      'all',
      em.getTransactionContext(), // inside a step: its transaction, which holds the order's lock
    );
    const held = await heldUnitsByOrder(em, orderUuids);
    return orderUuids.map((uuid) => ({
      returnPolicyDays: policies.find((row) => row.id === uuid)?.return_policy_days ?? 0,
      heldUnits: held.get(uuid)!,
    }));
  }),
  return: (em: EntityManager) => byUuid(em, Return),
  /** An order's returns, oldest request first. */
  returnsByOrder: (em: EntityManager) => new DataLoader<string, Return[]>(async (orderUuids) => {
    const found = await em.find(Return, { order: { $in: [...orderUuids] } }, { orderBy: { requestedAt: 'asc', uuid: 'asc' } });
    return orderUuids.map((uuid) => found.filter((ret) => ret.order.uuid === uuid));
  }),
  /** A return's lines with their order lines, in line order. */
  returnLines: (em: EntityManager) => new DataLoader<string, ReturnLine[]>(async (returnUuids) => {
    const found = await em.find(ReturnLine, { return: { $in: [...returnUuids] } }, { populate: ['line'], orderBy: { line: { index: 'asc' } } });
    return returnUuids.map((uuid) => found.filter((line) => line.return.uuid === uuid));
  }),
  /** The refunds a return paid out, oldest first. */
  returnRefunds: (em: EntityManager) => new DataLoader<string, Refund[]>(async (returnUuids) => {
    const found = await em.find(ReturnRefund, { return: { $in: [...returnUuids] } }, { populate: ['refund'], orderBy: { refund: { createdAt: 'asc' } } });
    return returnUuids.map((uuid) => found.filter((link) => link.return.uuid === uuid).map((link) => link.refund));
  }),
};

declare module '../common/loaders' {
  interface Loaders extends LoadersOf<typeof returnLoaders> {}
}

import { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byUuid, LoadersOf } from '../common/loaders';
import { OrderLine } from '../orders/order-line.entity';
import { Incident } from './incident.entity';

/** Per-request batching for incidents: one query per kind, whatever the page. */
export const incidentLoaders = {
  incident: (em: EntityManager) => byUuid(em, Incident),
  /** An order's incidents, oldest first. */
  incidentsByOrder: (em: EntityManager) => new DataLoader<string, Incident[]>(async (orderUuids) => {
    const found = await em.find(Incident, { order: { $in: [...orderUuids] } }, { orderBy: { openedAt: 'asc', uuid: 'asc' } });
    return orderUuids.map((uuid) => found.filter((incident) => incident.order.uuid === uuid));
  }),
  /** An incident's lines in the order's line order. */
  incidentLines: (em: EntityManager) => new DataLoader<string, OrderLine[]>(async (incidentUuids) => {
    const found = await em.find(Incident, { uuid: { $in: [...incidentUuids] } }, { populate: ['lines'] });
    return incidentUuids.map((uuid) => {
      const lines = found.find((incident) => incident.uuid === uuid)?.lines.getItems() ?? [];
      return [...lines].sort((a, b) => a.index - b.index);
    });
  }),
};

declare module '../common/loaders' {
  interface Loaders extends LoadersOf<typeof incidentLoaders> {}
}

import { EntityManager } from '@mikro-orm/postgresql';
import { clock } from '../common/clock';
import { ErrorResult } from '../common/errors';
import type { SweepJob } from '../timers/sweeper';
import { Incident } from './incident.entity';
import { IncidentStatus } from './incident-state';
import { runIncidentCommand } from './incident-workflow';

const BATCH = 100;

/**
 * Closes RESOLVED incidents whose customer stayed silent for INCIDENT_CLOSE_AFTER, as SYSTEM. Every
 * instance sweeps: each candidate is locked with SKIP LOCKED and re-checked under the lock (still
 * RESOLVED, still due), so each closes once however many instances run.
 */
export const incidentCloseJob: SweepJob = {
  kind: 'incident-close',
  async run(em: EntityManager): Promise<number> {
    const due = await em.fork().find(
      Incident,
      { status: IncidentStatus.RESOLVED, autoCloseAt: { $lte: clock.now() } },
      { fields: ['uuid'], orderBy: { autoCloseAt: 'asc', uuid: 'asc' }, limit: BATCH },
    );
    let fired = 0;
    for (const { uuid } of due) {
      const outcome = await runIncidentCommand(em.fork(), { step: 'AUTO_CLOSE', viewer: null, incidentUuid: uuid, skipLocked: true });
      if (outcome instanceof ErrorResult) continue; // taken by another instance, or no longer due
      fired += 1;
    }
    return fired;
  },
};

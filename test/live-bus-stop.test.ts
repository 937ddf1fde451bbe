import { Client } from 'pg';
import pino from 'pino';
import { EVENTS_CHANNEL } from '../src/common/events/event-log';
import { EVENT_BUS_APPLICATION_NAME, EventBus } from '../src/live/event-bus';
import { startTestApp, TestApp } from './support/app';

/**
 * Stopping an instance (a deploy's SIGTERM) cuts the bus's connection, and with it a read that was
 * under way: that is the stop working, not a failure, and an operator must not find an error in
 * the log of every clean shutdown.
 */

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('logs no error when stopped while a read of new events waits on the database', async () => {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const bus = new EventBus(t.app.orm.em, t.databaseUrl, logger);
  await bus.start();
  const locker = new Client({ connectionString: t.databaseUrl });
  await locker.connect();
  try {
    // The bus's next read waits behind this lock until the bus is stopped.
    await locker.query('begin');
    await locker.query('lock table "event" in access exclusive mode');
    // Sent outside the locker's transaction, which never commits: it wakes this bus and the app's.
    await t.app.orm.em.getConnection().execute('select pg_notify(?, ?)', [EVENTS_CHANNEL, '0']);
    const waiting = async () =>
      (
        await t.app.orm.em
          .getConnection()
          .execute<{ count: number }[]>(`select count(*)::int as count from pg_stat_activity where application_name = ? and wait_event_type = 'Lock'`, [EVENT_BUS_APPLICATION_NAME])
      )[0].count;
    for (let attempt = 0; attempt < 500 && (await waiting()) < 2; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await waiting()).toBe(2); // this bus's read and the app's own bus's
    await bus.stop();
  } finally {
    await locker.query('rollback');
    await locker.end();
  }
  expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  expect(lines.map((line) => line.msg)).toContain('a read of new events ended by the stop');
});

import { MikroORM } from '@mikro-orm/postgresql';
import { ensureBootstrapOperatorKey } from './auth/api-key.service';
import { Config } from './config';
import { createLogger, Logger } from './common/logger';
import { connectFailure } from './db/connect-failure';
import { migrate, openOrm } from './db/orm';
import { EventBus } from './live/event-bus';
import { createMetrics, registerLiveGauges } from './metrics';
import { NotificationSender } from './notifications/sender';
import { AppServer, createAppServer } from './server';
import { Sweeper } from './timers/sweeper';
import { wireModules } from './wiring';

export interface App {
  orm: MikroORM;
  server: AppServer;
  sweeper: Sweeper;
  /** Mails the customer notification outbox when SMTP_URL is set; tests call `sendDue()`. */
  notifications: NotificationSender;
  bus: EventBus;
  logger: Logger;
  port: number;
  stop(): Promise<void>;
}

/**
 * One running instance against a database URL: migrations, bootstrap key, HTTP server, sweeper.
 * `main.ts` adds the embedded database and signals; tests start several of these on one database.
 */
export async function startApp(config: Config, databaseUrl: string, options: { timers?: boolean; logger?: Logger; connectionInitWaitTimeoutMs?: number } = {}): Promise<App> {
  wireModules();
  const logger = options.logger ?? createLogger(config.logLevel);
  const orm = await openOrm(databaseUrl).catch((error: unknown) => {
    throw connectFailure(error, databaseUrl);
  });
  await migrate(orm);
  if (config.bootstrapOperatorKey) await ensureBootstrapOperatorKey(orm.em, config.bootstrapOperatorKey);
  const metrics = createMetrics();
  const bus = new EventBus(orm.em, databaseUrl, logger);
  await bus.start();
  const server = await createAppServer({ orm, config, logger, metrics, bus, connectionInitWaitTimeoutMs: options.connectionInitWaitTimeoutMs });
  registerLiveGauges(metrics, { sockets: () => server.live.connectionCount(), subscriptions: () => bus.subscriberCount });
  const sweeper = new Sweeper(orm.em, config, logger, {
    fired: (kind) => metrics.sweeps.inc({ kind }),
    failed: (kind) => metrics.sweepFailures.inc({ kind }),
  });
  const notifications = new NotificationSender(orm.em, config, logger);
  const port = await server.listen(config.port, config.host);
  if (options.timers !== false) sweeper.start();
  if (options.timers !== false) notifications.start();
  return {
    orm,
    server,
    sweeper,
    notifications,
    bus,
    logger,
    port,
    async stop() {
      await server.stop();
      await sweeper.stop();
      await notifications.stop();
      await bus.stop();
      await orm.close();
    },
  };
}

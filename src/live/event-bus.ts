import { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { EVENTS_CHANNEL } from '../common/events/event-log';
import { Event } from '../common/events/event.entity';
import { Logger } from '../common/logger';
import { VIEWER_STATE_CHANNEL } from './channels';
import { API_KEY_REVOKED_CHANNEL } from '../auth/api-key.service';
import { EventStream } from './event-stream';

const READ_BATCH = 500;
/**
 * Streams handed one event before the bus yields to the event loop. Each push starts a
 * subscription's execution; yielding between slices lets database replies (and so the commits of
 * writers waiting on locks) through while an event fans out to thousands of subscribers.
 */
const FAN_OUT_SLICE = 250;
/** A safety net under NOTIFY: also look for new events this often (one indexed query). */
const POLL_INTERVAL_MS = 2_000;
const RECONNECT_DELAY_MS = 1_000;

/**
 * Whose events a stream can ever receive: one shop's, one customer's, or all (operators). The bus
 * files streams by it, so an event is offered only to streams of its own shop and customer.
 */
export type Audience = { shopUuid: string } | { customerUuid: string } | { everything: true };

export interface ViewerStateChange {
  shopUuid?: string;
  customerUuid?: string;
}

/**
 * One per instance. A dedicated connection LISTENs for new events (the payload is only the id);
 * the bus then reads every event after the last one it saw, once, in id order (= commit order),
 * and hands each to the local streams whose filter accepts it, before any resolver runs.
 */
export class EventBus {
  private client?: Client;
  private lastId = 0n;
  private readonly streams = new Set<EventStream>();
  private readonly byShop = new Map<string, Set<EventStream>>();
  private readonly byCustomer = new Map<string, Set<EventStream>>();
  private readonly everything = new Set<EventStream>();
  private reading?: Promise<void>;
  private readAgain = false;
  private poll?: NodeJS.Timeout;
  private stopped = false;
  private reconnecting?: Promise<void>;
  readonly viewerStateListeners = new Set<(change: ViewerStateChange) => void>();
  readonly revocationListeners = new Set<(apiKeyUuid: string) => void>();
  /** Called once the LISTEN connection is back after a loss: notifications sent meanwhile are lost for good. */
  readonly reconnectListeners = new Set<() => void>();

  constructor(
    private readonly em: EntityManager,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const [{ max }] = await this.em.getConnection().execute<{ max: string | null }[]>('select max(id) as max from event');
    this.lastId = BigInt(max ?? 0);
    await this.listen();
    this.poll = setInterval(() => this.wake(), POLL_INTERVAL_MS);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    for (const stream of this.streams) stream.close();
    await this.reading;
    await this.reconnecting;
    await this.client?.end().catch(() => undefined);
  }

  /** Registers a stream at once; it receives every accepted event read from now on. */
  subscribe(audience: Audience, accepts: (event: Event) => boolean): EventStream {
    const bucket = this.bucketOf(audience);
    const stream = new EventStream(accepts, (closed) => {
      this.streams.delete(closed);
      bucket.delete(closed);
    });
    this.streams.add(stream);
    bucket.add(stream);
    return stream;
  }

  private bucketOf(audience: Audience): Set<EventStream> {
    if ('everything' in audience) return this.everything;
    const [map, key] = 'shopUuid' in audience ? [this.byShop, audience.shopUuid] : [this.byCustomer, audience.customerUuid];
    let bucket = map.get(key);
    if (!bucket) map.set(key, (bucket = new Set()));
    return bucket;
  }

  /** The streams that may receive `event` at all; their own filters decide the rest. */
  private candidatesFor(event: Event): EventStream[] {
    const candidates = [...this.everything];
    if (event.shopUuid) candidates.push(...(this.byShop.get(event.shopUuid) ?? []));
    if (event.customerUuid) candidates.push(...(this.byCustomer.get(event.customerUuid) ?? []));
    return candidates;
  }

  /** The id of the last event handed to the streams; every later event reaches streams registered now. */
  get position(): bigint {
    return this.lastId;
  }

  get subscriberCount(): number {
    return this.streams.size;
  }

  /** False from the moment the LISTEN connection fails until it listens again: notifications may be missed. */
  get listening(): boolean {
    return this.client !== undefined && this.reconnecting === undefined;
  }

  private async listen(): Promise<void> {
    // A bounded connect, so stop() never waits on an unreachable database for the OS timeout.
    // Named, so operators (and tests) can find the LISTEN connection in pg_stat_activity.
    const client = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5_000, application_name: 'event-bus' });
    client.on('notification', (message) => this.onNotification(message.channel, message.payload ?? ''));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event bus connection lost; reconnecting');
      void this.reconnect();
    });
    await client.connect();
    await client.query(`listen ${EVENTS_CHANNEL}; listen ${VIEWER_STATE_CHANNEL}; listen ${API_KEY_REVOKED_CHANNEL}`);
    this.client = client;
  }

  /** Single flight: a second error while reconnecting joins the attempt under way. */
  private reconnect(): Promise<void> {
    this.reconnecting ??= this.reconnectLoop().finally(() => (this.reconnecting = undefined));
    return this.reconnecting;
  }

  private async reconnectLoop(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    while (!this.stopped) {
      try {
        await this.listen();
        if (this.stopped) {
          await (this.client as Client | undefined)?.end().catch(() => undefined);
          return;
        }
        for (const listener of this.reconnectListeners) listener();
        this.wake(); // catch up on whatever committed while we were away
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'event bus reconnect failed');
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
      }
    }
  }

  private onNotification(channel: string, payload: string): void {
    if (channel === EVENTS_CHANNEL) return this.wake();
    if (channel === API_KEY_REVOKED_CHANNEL) {
      for (const listener of this.revocationListeners) listener(payload);
      return;
    }
    if (channel === VIEWER_STATE_CHANNEL) {
      const change = JSON.parse(payload) as ViewerStateChange;
      for (const listener of this.viewerStateListeners) listener(change);
    }
  }

  /** Reads new events; a wake-up during a read makes it read once more, never twice at once. */
  private wake(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readNew()
      .catch((error) => this.logger.error({ err: error }, 'reading new events failed; retrying on the next wake-up'))
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain) {
          this.readAgain = false;
          this.wake();
        }
      });
  }

  /**
   * Reads on the bus's own LISTEN connection, not the request pool: the bus never waits for a pooled
   * connection under load, and its background reads stay out of the pool's statement counts.
   */
  private async readNew(): Promise<void> {
    const client = this.client;
    if (!client) return; // reconnecting: the reconnect wakes the bus once it listens again
    const em = this.em.fork();
    while (true) {
      const { rows } = await client.query('select * from event where id > $1 order by id limit $2', [this.lastId.toString(), READ_BATCH]);
      const events = rows.map((row: Record<string, unknown>) => em.map(Event, row));
      for (const event of events) {
        let handed = 0;
        for (const stream of this.candidatesFor(event)) {
          try {
            if (!stream.accepts(event)) continue;
            stream.push(event);
          } catch (error) {
            // One subscriber's broken filter must not cost the others this event.
            stream.fail(error instanceof Error ? error : new Error(String(error)));
            continue;
          }
          handed += 1;
          if (handed % FAN_OUT_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        this.lastId = BigInt(event.id);
      }
      if (events.length < READ_BATCH) return;
    }
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { EVENTS_CHANNEL } from '../common/events/event-log';
import { Event } from '../common/events/event.entity';
import { eventCodec } from '../common/events/event-codec';
import { releasedMarks, toReleasedPage, WATERMARK, wholeLogPageStatement } from '../common/events/event-reads';
import { CommitSnapshot, LOG_START, LogPosition, positionOf } from '../common/events/log-position';
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
/**
 * A safety net under NOTIFY and the watchdog's heartbeat: this often the bus reads new events and
 * pings its connection, whether or not anything woke it.
 */
const POLL_INTERVAL_MS = 2_000;
/**
 * Committed events held back by an older open transaction are read again after this (doubling up to
 * the maximum): the transaction that releases them may have no events of its own, hence no NOTIFY.
 */
const HELD_BACK_FIRST_RETRY_MS = 10;
const HELD_BACK_MAX_RETRY_MS = 250;
/** A question on the bus connection unanswered this long: /readyz says the bus is stale. */
const STALE_AFTER_MS = 5_000;
/** ...and this long: the connection is dropped and a new one catches up from the last position. */
const RECONNECT_AFTER_MS = 10_000;
const RECONNECT_DELAY_MS = 1_000;
/** TCP keepalive on the bus connection, so the OS also notices a peer that vanished. */
const KEEPALIVE_DELAY_MS = 10_000;
/** How the bus's connection shows in pg_stat_activity. */
export const EVENT_BUS_APPLICATION_NAME = 'seller-api event bus';

/**
 * Whose events a stream can ever receive: one shop's, one customer's, or all (operators). The bus
 * files streams by it, so an event is offered only to streams of its own shop and customer.
 */
export type Audience = { shopUuid: string } | { customerUuid: string } | { everything: true };

export interface ViewerStateChange {
  shopUuid?: string;
  customerUuid?: string;
}

export type BusHealth = { healthy: true } | { healthy: false; reason: string };

/**
 * One per instance. A dedicated connection LISTENs for new events (the payload is only a
 * transaction id); the bus then reads every released event after the last position it handed out
 * (below the commit watermark, in log order: event-log.ts), once, and hands each to the local
 * streams whose filter accepts it, before any resolver runs.
 *
 * A watchdog keeps the connection honest: every POLL_INTERVAL_MS it reads (which is also a ping);
 * a question unanswered for STALE_AFTER_MS makes `health()` report the bus stale (/readyz answers
 * 503), and after RECONNECT_AFTER_MS the connection is dropped and replaced, and the new one catches
 * up from the last position, so a hung connection costs a delay, never an event.
 */
export class EventBus {
  private client?: Client;
  private lastPosition: LogPosition = LOG_START;
  private lastSnapshot?: CommitSnapshot;
  private readonly streams = new Set<EventStream>();
  private readonly byShop = new Map<string, Set<EventStream>>();
  private readonly byCustomer = new Map<string, Set<EventStream>>();
  private readonly everything = new Set<EventStream>();
  private reading?: Promise<void>;
  private readAgain = false;
  /** Waiting for the next read to start (`caughtUp`), and waiting for the read under way to end. */
  private nextReadWaiters: (() => void)[] = [];
  private readWaiters: (() => void)[] = [];
  private heartbeat?: NodeJS.Timeout;
  private heldBackRetry?: NodeJS.Timeout;
  private heldBackDelay = HELD_BACK_FIRST_RETRY_MS;
  /** When the oldest question still unanswered on the bus connection was sent. */
  private waitingSince?: number;
  private pending = 0;
  private pageStatement?: ReturnType<typeof wholeLogPageStatement>;
  private stopped = false;
  private reconnecting?: Promise<void>;
  readonly viewerStateListeners = new Set<(change: ViewerStateChange) => void>();
  readonly revocationListeners = new Set<(apiKeyUuid: string) => void>();
  /**
   * Run after the bus listens again on a new connection (after it was lost, or dropped by the
   * watchdog). Every NOTIFY sent meanwhile is lost: events are caught up by the bus itself, but a
   * module that caches what a notification would have invalidated must re-check here (the auth
   * module re-checks the keys of open sockets, since a revocation may have gone unheard). A hook's
   * failure is logged and does not stop the others.
   */
  readonly reconnectListeners = new Set<() => void | Promise<void>>();

  /** The bus's own EntityManager, forked once: its background reads fork from it, not from the instance's. */
  private readonly em: EntityManager;

  constructor(
    em: EntityManager,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {
    this.em = em.fork();
  }

  async start(): Promise<void> {
    await eventCodec(this.em); // loaded once here, so no request pays for it
    const knex = this.em.getKnex();
    const [head] = await knex
      .select(knex.raw('pg_current_snapshot()::text as snapshot'), 'last.position_txid', 'last.id')
      .from(knex.raw('(select 1) as one'))
      .joinRaw(
        'left join lateral ? as last on true',
        [knex.raw('?', [knex('event').select('position_txid', 'id').whereRaw(`position_txid < ${WATERMARK}`).orderBy([{ column: 'position_txid', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(1)])],
      );
    this.lastSnapshot = CommitSnapshot.parse(head.snapshot);
    if (head.id !== null) this.lastPosition = positionOf({ positionTxid: head.position_txid, id: head.id });
    await this.listen();
    this.heartbeat = setInterval(() => this.beat(), POLL_INTERVAL_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.heldBackRetry);
    for (const stream of this.streams) stream.close();
    // Dropped first: a read waiting on a hung connection then fails at once instead of holding stop().
    if (this.client) this.drop(this.client);
    await this.reading;
    await this.reconnecting;
    for (const resolve of this.nextReadWaiters.splice(0)) resolve();
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

  /**
   * The position of the last event handed to the streams: every event at or before it was handed
   * out, and every event after it reaches streams registered now.
   */
  get position(): LogPosition {
    return this.lastPosition;
  }

  /**
   * The snapshot of the bus's latest read: a transaction that had ended in it committed before any
   * stream registered now, which is how a subscription without a cursor skips events that committed
   * before it started but were still held back by the watermark.
   */
  get snapshot(): CommitSnapshot {
    return this.lastSnapshot!;
  }

  get subscriberCount(): number {
    return this.streams.size;
  }

  /** False while the bus may miss notifications (reconnecting, or not answering): caches must not trust them then. */
  get listening(): boolean {
    return this.health().healthy;
  }

  /** Unhealthy while reconnecting, or while a question on the bus connection goes unanswered. */
  health(): BusHealth {
    if (this.stopped) return { healthy: false, reason: 'event bus stopped' };
    if (!this.client) return { healthy: false, reason: 'event bus reconnecting' };
    if (this.unansweredFor() > STALE_AFTER_MS) return { healthy: false, reason: 'event bus connection not answering' };
    return { healthy: true };
  }

  private unansweredFor(): number {
    return this.waitingSince === undefined ? 0 : Date.now() - this.waitingSince;
  }

  private async listen(): Promise<void> {
    // A bounded connect, so stop() never waits on an unreachable database for the OS timeout.
    const client = new Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      application_name: EVENT_BUS_APPLICATION_NAME,
    });
    client.on('notification', (message) => {
      if (client === this.client) this.onNotification(message.channel, message.payload ?? '');
    });
    client.on('error', (error) => {
      if (client !== this.client) return; // a connection already given up
      this.logger.warn({ err: error }, 'event bus connection lost; reconnecting');
      void this.reconnect();
    });
    client.on('end', () => {
      if (client === this.client && !this.stopped) void this.reconnect();
    });
    try {
      await client.connect();
      await client.query(`listen ${EVENTS_CHANNEL}; listen ${VIEWER_STATE_CHANNEL}; listen ${API_KEY_REVOKED_CHANNEL}`);
    } catch (error) {
      this.drop(client);
      throw error;
    }
    this.client = client;
    this.pending = 0;
    this.waitingSince = undefined;
  }

  /** A question on the bus connection, timed by the watchdog. */
  private async ask<R>(client: Client, sql: string, values: readonly unknown[] = []): Promise<R[]> {
    if (this.pending === 0) this.waitingSince = Date.now();
    this.pending += 1;
    try {
      const { rows } = await client.query(sql, values as unknown[]);
      return rows as R[];
    } finally {
      if (client === this.client) {
        this.pending -= 1;
        this.waitingSince = this.pending === 0 ? undefined : Date.now();
      }
    }
  }

  /** The watchdog's tick: replace a connection that stopped answering, else read (a ping too). */
  private beat(): void {
    if (this.stopped || !this.client) return;
    if (this.unansweredFor() > RECONNECT_AFTER_MS) {
      this.logger.warn({ unansweredMs: this.unansweredFor() }, 'event bus connection stopped answering; reconnecting');
      void this.reconnect();
      return;
    }
    if (this.reading) {
      // A long fan-out is not a hung connection: ping alongside it.
      if (this.pending === 0) void this.ask(this.client, 'select 1').catch(() => undefined);
      return;
    }
    this.wake();
  }

  /** Closes a connection at once: a hung one would never answer the polite Terminate. */
  private drop(client: Client): void {
    if (client === this.client) this.client = undefined;
    const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    stream?.destroy();
    client.end().catch(() => undefined);
  }

  /** Single flight: a second error while reconnecting joins the attempt under way. */
  private reconnect(): Promise<void> {
    this.reconnecting ??= this.reconnectLoop().finally(() => (this.reconnecting = undefined));
    return this.reconnecting;
  }

  private async reconnectLoop(): Promise<void> {
    if (this.client) this.drop(this.client);
    this.pending = 0;
    this.waitingSince = undefined;
    while (!this.stopped) {
      try {
        await this.listen();
        if (this.stopped) {
          if (this.client) this.drop(this.client);
          return;
        }
        this.logger.info('event bus listening again; catching up');
        this.wake(); // catch up on whatever committed while we were away
        for (const hook of this.reconnectListeners) {
          await Promise.resolve()
            .then(hook)
            .catch((error) => this.logger.error({ err: error }, 'an event bus reconnect hook failed'));
        }
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
    // Those waiting for a read that starts after them: this one.
    this.readWaiters = this.nextReadWaiters;
    this.nextReadWaiters = [];
    this.reading = this.readNew()
      .catch((error) => {
        // stop() drops the connection under a read that is waiting: that is the stop, not a failure.
        if (this.stopped) this.logger.debug({ err: error }, 'a read of new events ended by the stop');
        else this.logger.error({ err: error }, 'reading new events failed; retrying on the next wake-up');
      })
      .finally(() => {
        this.reading = undefined;
        for (const resolve of this.readWaiters.splice(0)) resolve();
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
    this.pageStatement ??= wholeLogPageStatement(em.getKnex(), READ_BATCH);
    while (true) {
      const { sql, bindings } = this.pageStatement(this.lastPosition);
      const rows = await this.ask<Record<string, unknown>>(client, sql, bindings);
      if (this.streams.size === 0) {
        // Nobody to hand the events to (checked after the read, and nothing awaits below): move past
        // them without building an entity for each.
        const marks = releasedMarks(rows);
        this.lastSnapshot = marks.snapshot;
        if (marks.last) this.lastPosition = marks.last;
        if (marks.count < READ_BATCH) {
          this.scheduleHeldBackRetry(marks.heldBack !== null);
          return;
        }
        continue;
      }
      const page = toReleasedPage(em, rows);
      this.lastSnapshot = page.snapshot;
      await this.handOut(page.events);
      if (page.events.length < READ_BATCH) {
        this.scheduleHeldBackRetry(page.heldBack !== null);
        return;
      }
    }
  }

  /**
   * Resolves once a read of the log that started after this call has handed what it found to every
   * stream: whatever committed before the call (and is released) is then with the subscribers. What
   * is computed from the database (a dashboard count) waits for it before going out, so it never
   * runs ahead of the events it counts.
   */
  caughtUp(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.nextReadWaiters.push(resolve);
      this.wake();
    });
  }

  private async handOut(events: readonly Event[]): Promise<void> {
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
      this.lastPosition = positionOf(event);
    }
  }

  private scheduleHeldBackRetry(heldBack: boolean): void {
    if (!heldBack) {
      this.heldBackDelay = HELD_BACK_FIRST_RETRY_MS;
      return;
    }
    if (this.heldBackRetry || this.stopped) return;
    this.heldBackRetry = setTimeout(() => {
      this.heldBackRetry = undefined;
      this.wake();
    }, this.heldBackDelay);
    this.heldBackRetry.unref();
    this.heldBackDelay = Math.min(this.heldBackDelay * 2, HELD_BACK_MAX_RETRY_MS);
  }
}

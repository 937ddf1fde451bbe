import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { apiError } from '../common/errors';
import { localIdOf, NodeTypeName } from '../common/global-id';
import { Event } from '../common/events/event.entity';
import { eventCodec } from '../common/events/event-codec';
import { eventScope } from '../common/events/event-queries';
import { readReleased } from '../common/events/event-reads';
import { CommitSnapshot, comparePositions, LogPosition, positionOf } from '../common/events/log-position';
import { EventType } from '../common/events/event-type';
import { AppContext, viewerOf } from '../context';
import type { DashboardFeeds } from '../dashboard/dashboard-feeds';
import { Audience, EventBus } from './event-bus';
import { EventStream } from './event-stream';
import { FeedSink, LiveFeed } from './live-feed';

const REPLAY_BATCH = 500;

/** The visibility rule of the log, applied to every event before any subscription sees it. */
export function visibleTo(viewer: Viewer, event: Event): boolean {
  if (viewer.role === Role.SELLER) return event.shopUuid === viewer.shopUuid;
  if (viewer.role === Role.CUSTOMER) return event.customerUuid === viewer.customerUuid;
  return true;
}

/** The bus bucket of a viewer's streams (the same rule as visibleTo, used to skip other tenants cheaply). */
export function audienceOf(viewer: Viewer): Audience {
  if (viewer.role === Role.SELLER) return { shopUuid: viewer.shopUuid! };
  if (viewer.role === Role.CUSTOMER) return { customerUuid: viewer.customerUuid! };
  return { everything: true };
}

/**
 * Viewers who see the same answer to the same subscription: what can change a result is the role
 * and the shop or customer (sellers of one shop share, each customer is their own, operators
 * share), never the key. The fan-out executes once per group, and a dashboard is counted once.
 */
export function visibilityGroupOf(viewer: Viewer): string {
  if (viewer.role === Role.SELLER) return `${Role.SELLER}:${viewer.shopUuid}`;
  if (viewer.role === Role.CUSTOMER) return `${Role.CUSTOMER}:${viewer.customerUuid}`;
  return viewer.role;
}

/**
 * A subscription's context lives as long as the subscription and serves its source stream (the
 * viewer, the bus, replay reads); each event is executed with a fresh context (fan-out.ts).
 */
export interface LiveContext extends AppContext {
  bus: EventBus;
  dashboards: DashboardFeeds;
}

/**
 * The viewer's events matching `accepts`: with a cursor, everything after it is replayed from the
 * log first, then live events follow; the stream is registered before the replay starts and
 * anything at or before the last delivered position is skipped, so the seam has no gap and no
 * duplicate (the replay reads up to the current watermark, which is past every event the bus had
 * handed out at registration). Without a cursor, only events that commit after the subscription
 * starts: those whose transaction had ended in the bus's latest snapshot are skipped, even when the
 * watermark held them back until now.
 */
export function viewerEvents(context: LiveContext, accepts: (event: Event) => boolean, after?: string | null): LiveFeed<Event> {
  return new ViewerEventFeed(context, accepts, after);
}

const places = new WeakMap<Event, { position: LogPosition; txid: bigint }>();

/** An event's log position and transaction, worked out once for every stream it fans out to. */
function placeOf(event: Event): { position: LogPosition; txid: bigint } {
  let place = places.get(event);
  if (!place) places.set(event, (place = { position: positionOf(event), txid: BigInt(event.txid) }));
  return place;
}

class ViewerEventFeed extends LiveFeed<Event> {
  private readonly viewer: Viewer;
  private readonly stream: EventStream;
  private readonly startedAt: { position: LogPosition; snapshot: CommitSnapshot };
  private closed = false;

  constructor(
    private readonly context: LiveContext,
    private readonly accepts: (event: Event) => boolean,
    private readonly after?: string | null,
  ) {
    super();
    this.viewer = viewerOf(context);
    this.stream = context.bus.subscribe(audienceOf(this.viewer), (event) => visibleTo(this.viewer, event) && accepts(event));
    // Taken in the same tick as the registration: everything after it reaches the stream.
    this.startedAt = { position: context.bus.position, snapshot: context.bus.snapshot };
  }

  start(sink: FeedSink<Event>): void {
    this.replayThenLive(sink).catch((error: unknown) => {
      this.stream.close();
      sink.error(error);
    });
  }

  close(): void {
    this.closed = true;
    this.stream.close();
  }

  private async replayThenLive(sink: FeedSink<Event>): Promise<void> {
    let last = this.startedAt.position;
    // Without a cursor, an event whose transaction had ended by the start committed before it.
    let committedBefore: CommitSnapshot | undefined = this.startedAt.snapshot;
    if (this.after) {
      const cursor = (await eventCodec(this.context.em)).decodeCursor(this.after);
      if (!cursor) throw apiError('BAD_REQUEST', 'after is not an event cursor');
      last = cursor;
      committedBefore = undefined;
      const scope = eventScope(this.viewer);
      while (!this.closed) {
        const page = await readReleased(this.context.em.fork(), scope, last, REPLAY_BATCH);
        for (const event of page.events) {
          if (this.closed) return;
          last = positionOf(event);
          if (!this.accepts(event)) continue;
          sink.next(event);
          // One at a time, as a reader of the log would: a long replay never runs ahead of delivery.
          await sink.delivered();
        }
        if (page.events.length < REPLAY_BATCH) break;
      }
    }
    if (this.closed) return;
    // Live: what the stream buffered during the replay, then each event as the bus hands it out.
    this.stream.drainTo(
      (event) => {
        const { position, txid } = placeOf(event);
        if (comparePositions(position, last) <= 0) return;
        if (committedBefore?.hadEnded(txid)) return;
        last = position;
        sink.next(event);
      },
      (error) => sink.error(error),
    );
  }
}

export interface SubscribeData<A> {
  args: A;
  context: LiveContext;
}

/** A subscription filter's id, decoded; a malformed one is refused instead of silently matching nothing. */
export function filterId(type: NodeTypeName, argument: string, id: string | undefined | null): string | undefined {
  if (!id) return undefined;
  const uuid = localIdOf(type, id);
  if (!uuid) throw apiError('BAD_REQUEST', `${argument} is not a valid ${type} id`);
  return uuid;
}

export function ofTypes(types: readonly EventType[] | null | undefined): (event: Event) => boolean {
  return (event) => !types?.length || types.includes(event.type);
}

const sharedLoads = new WeakMap<Event, Map<string, Promise<unknown>>>();

/**
 * Loads what an event's payload needs once for all the subscribers it fans out to (the bus hands
 * every stream the same Event object), across visibility groups: the fan-out executes once per
 * group, this shares the load between groups. Only for data every receiver may see: visibility is
 * already decided by then, and viewer-specific fields are still resolved per group.
 */
export function loadOncePerEvent<T>(event: Event, key: string, load: () => Promise<T>): Promise<T> {
  let loads = sharedLoads.get(event);
  if (!loads) sharedLoads.set(event, (loads = new Map()));
  let pending = loads.get(key) as Promise<T> | undefined;
  if (!pending) loads.set(key, (pending = load()));
  return pending;
}

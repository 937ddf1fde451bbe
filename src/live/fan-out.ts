import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, FormattedExecutionResult } from 'graphql';
import { Viewer } from '../auth/viewer';
import { viewerOf } from '../context';
import { FeedSink, LiveFeed } from './live-feed';
import { LiveContext, visibilityGroupOf } from './live-feeds';

/** One subscription as the transport knows it: its graphql-ws id, the frames' way out, what it runs. */
export interface LiveOperation {
  id: string;
  /** The document's text, as the client sent it: part of what makes two subscriptions' answers equal. */
  query: string;
  /** graphql-ws's arguments, with the subscription's own context (its viewer, the bus). */
  args: ExecutionArgs;
  /** Puts one frame on the socket, within the transport's limits (a slow consumer is closed there). */
  send(frame: string): void;
}

export interface FanOutDeps {
  /** A fresh context for one execution: its own EntityManager and loaders, so no earlier event's data is reused. */
  contextFor(viewer: Viewer): LiveContext;
  /** The error policy for results (bugs logged and masked), applied once per shared execution. */
  format(result: ExecutionResult): FormattedExecutionResult;
  onExecution(): void;
}

/** The subscribers who get one source item's frames at once, in the order of their line. */
class Batch {
  readonly members: Member[] = [];
  delivered!: Promise<void>;
  constructor(readonly sequence: number) {}
}

/** One subscription's end of a line. */
class Member {
  /** The sequence number of the last batch this member is in: its next item must go in a later one. */
  lastSequence = 0;
  lastBatch?: Batch;
  stopped = false;

  constructor(
    private readonly framePrefix: string,
    private readonly sendFrame: (frame: string) => void,
    readonly fail: (error: unknown) => void,
  ) {}

  send(payload: string): void {
    if (!this.stopped) this.sendFrame(this.framePrefix + payload + '}');
  }

  delivered(): Promise<void> {
    return this.lastBatch?.delivered ?? Promise.resolve();
  }
}

/**
 * Where the batches of one visibility group's lines wait their turn: they go out in the order they
 * were opened, whichever execution finishes first. So a shop's sellers get its pushes in the order
 * the events came, across subscriptions: a new message before the dashboard count that includes it
 * (the count is made after the event, the message's batch opened with it), and every message frame
 * of a big shop before any of its dashboard frames. Groups do not wait for each other.
 */
class GroupQueue {
  tail: Promise<void> = Promise.resolve();
  lines = 0;
}

/**
 * The subscribers of one (visibility group, operation name, variables, document): they would all
 * get the same answer to the same source item, so each item is executed, formatted and serialized
 * once, and sent to them in batches, in the group's order (GroupQueue). A member joins an item's
 * open batch only if it is later than the member's own last one, so every member receives its
 * items in the order its feed handed them over.
 */
class Line {
  private readonly payloads = new WeakMap<object, Promise<string>>();
  private readonly openBatches = new Map<object, Batch>();
  private sequence = 0;
  members = 0;

  constructor(
    private readonly execute: (source: unknown) => Promise<string>,
    readonly queue: GroupQueue,
  ) {}

  deliver(source: object, member: Member): void {
    let batch = this.openBatches.get(source);
    if (!batch || batch.sequence <= member.lastSequence) batch = this.open(source);
    batch.members.push(member);
    member.lastSequence = batch.sequence;
    member.lastBatch = batch;
  }

  private open(source: object): Batch {
    const batch = new Batch(++this.sequence);
    this.openBatches.set(source, batch);
    let payload = this.payloads.get(source);
    if (!payload) this.payloads.set(source, (payload = this.execute(source)));
    const ready = payload;
    const close = () => {
      if (this.openBatches.get(source) === batch) this.openBatches.delete(source);
    };
    batch.delivered = this.queue.tail
      .then(() => ready)
      .then(
        (text) => {
          close();
          for (const member of batch.members) member.send(text);
        },
        (error: unknown) => {
          close();
          for (const member of batch.members) member.fail(error);
        },
      );
    this.queue.tail = batch.delivered;
    return batch;
  }
}

/**
 * Subscription delivery that shares its work. graphql's own `subscribe` executes the selection for
 * every subscriber and graphql-ws serializes every result; here each source item (the bus hands
 * every stream the same Event object, a dashboard group the same Dashboard) is executed once per
 * line — (visibility group, operation name, variables, document), everything that can change the
 * answer — formatted and serialized once, and every subscriber on the line gets that same payload
 * string in a frame of its own. What stays per subscriber is its feed (filters, replay with a
 * cursor, its position), pushed synchronously without a promise per item, and one frame.
 *
 * Plugged into graphql-ws's makeServer: `subscribe` only creates the source (a LiveFeed), and
 * `onOperation` replaces graphql-ws's per-result loop with `deliver`, whose iterator yields nothing:
 * the frames are sent here, and it ends (or throws) when the feed does, so graphql-ws still sends
 * `complete` or `error`, and still ends it (`return()`) on the client's `complete` or on close.
 */
export class SubscriptionFanOut {
  private readonly lines = new Map<string, Line>();
  private readonly queues = new Map<string, GroupQueue>();

  constructor(private readonly deps: FanOutDeps) {}

  /**
   * graphql-ws's `subscribe`: the source (typed as graphql-ws expects a result stream: `onOperation`
   * hands it to `deliver` before graphql-ws reads it), or the errors creating it produced.
   */
  readonly subscribe = (args: ExecutionArgs) => createSourceEventStream(args) as Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;

  deliver(source: AsyncIterable<unknown>, operation: LiveOperation): AsyncIterableIterator<never> {
    if (!(source instanceof LiveFeed)) throw new Error('A subscription field must return a LiveFeed (src/live/live-feed.ts)');
    const feed = source as LiveFeed<unknown>;
    const viewer = viewerOf(operation.args.contextValue as LiveContext);
    const { operationName, variableValues } = operation.args;
    const group = visibilityGroupOf(viewer);
    const key = `${group}\n${operationName ?? ''}\n${JSON.stringify(variableValues ?? {})}\n${operation.query}`;
    const line = this.join(group, key, operation.args, viewer);

    let settle!: { resolve: (result: IteratorResult<never>) => void; reject: (error: unknown) => void };
    const ended = new Promise<IteratorResult<never>>((resolve, reject) => (settle = { resolve, reject }));
    let left = false;
    const leave = () => {
      if (left) return false;
      left = true;
      member.stopped = true;
      feed.close();
      this.leave(group, key, line);
      return true;
    };
    const end = (outcome: { error: unknown } | undefined) => {
      // What was handed before the end goes out first, as graphql-ws sends `complete` or `error` after it.
      void member.delivered().then(() => {
        if (!leave()) return;
        if (outcome) settle.reject(outcome.error);
        else settle.resolve({ done: true, value: undefined });
      });
    };
    // graphql-ws's own frame (JSON.stringify of { id, type, payload }), built around the shared payload.
    const member = new Member(`{"id":${JSON.stringify(operation.id)},"type":"next","payload":`, operation.send, (error) => end({ error }));
    const sink: FeedSink<unknown> = {
      next: (item) => {
        if (member.stopped) return;
        if (typeof item !== 'object' || item === null) throw new Error('A LiveFeed hands objects');
        line.deliver(item, member);
      },
      error: (error) => end({ error }),
      complete: () => end(undefined),
      delivered: () => member.delivered(),
    };
    let started = false;
    const stop = async (): Promise<IteratorResult<never>> => {
      if (leave()) settle.resolve({ done: true, value: undefined });
      return { done: true, value: undefined };
    };
    return {
      next: () => {
        if (!started) {
          started = true;
          feed.start(sink);
        }
        return ended;
      },
      return: stop,
      throw: stop,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private join(group: string, key: string, args: ExecutionArgs, viewer: Viewer): Line {
    let line = this.lines.get(key);
    if (!line) {
      let queue = this.queues.get(group);
      if (!queue) this.queues.set(group, (queue = new GroupQueue()));
      queue.lines += 1;
      // What the line's executions need, not the first member's own context: the line may outlive it.
      const { schema, document, operationName, variableValues } = args;
      const operation = { schema, document, operationName, variableValues };
      this.lines.set(key, (line = new Line((source) => this.execute(operation, source, viewer), queue)));
    }
    line.members += 1;
    return line;
  }

  private leave(group: string, key: string, line: Line): void {
    line.members -= 1;
    if (line.members > 0 || this.lines.get(key) !== line) return;
    this.lines.delete(key);
    line.queue.lines -= 1;
    if (line.queue.lines === 0 && this.queues.get(group) === line.queue) this.queues.delete(group);
  }

  private async execute(args: ExecutionArgs, source: unknown, viewer: Viewer): Promise<string> {
    this.deps.onExecution();
    // As graphql's subscribe maps each source event: the operation executed with the event as root.
    const result = await execute({ ...args, rootValue: source, contextValue: this.deps.contextFor(viewer) });
    return JSON.stringify(this.deps.format(result));
  }
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

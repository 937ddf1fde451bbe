import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, FormattedExecutionResult } from 'graphql';
import { Viewer } from '../auth/viewer';
import { viewerOf } from '../context';
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

/**
 * Subscription delivery that shares its work. graphql's own `subscribe` executes the selection for
 * every subscriber and graphql-ws serializes every result; here each source event (the bus hands
 * every stream the same Event object, a dashboard group the same Dashboard) is executed once per
 * (visibility group, operation name, variables, document) — everything that can change the answer —
 * formatted and serialized once, and every subscriber of the group gets that same payload string in
 * a frame of its own. What stays per subscriber is its event stream (filters, replay with a cursor,
 * its position) and one frame.
 *
 * Plugged into graphql-ws's makeServer: `subscribe` only creates the source stream, and
 * `onOperation` replaces graphql-ws's per-result loop with `deliver`, whose iterator yields nothing:
 * it sends the frames itself and ends (or throws) when the source does, so graphql-ws still sends
 * `complete` or `error`, and still ends it (`return()`) on the client's `complete` or on close.
 */
export class SubscriptionFanOut {
  private readonly payloads = new WeakMap<object, Map<string, Promise<string>>>();

  constructor(private readonly deps: FanOutDeps) {}

  /**
   * graphql-ws's `subscribe`: the source event stream (typed as graphql-ws expects a result stream:
   * `onOperation` hands it to `deliver` before graphql-ws reads it), or the errors creating it produced.
   */
  readonly subscribe = (args: ExecutionArgs) => createSourceEventStream(args) as Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;

  deliver(source: AsyncIterable<unknown>, operation: LiveOperation): AsyncIterableIterator<never> {
    const viewer = viewerOf(operation.args.contextValue as LiveContext);
    const { operationName, variableValues } = operation.args;
    const key = `${visibilityGroupOf(viewer)}\n${operationName ?? ''}\n${JSON.stringify(variableValues ?? {})}\n${operation.query}`;
    // graphql-ws's own frame (JSON.stringify of { id, type, payload }), built around the shared payload.
    const framePrefix = `{"id":${JSON.stringify(operation.id)},"type":"next","payload":`;
    const events = source[Symbol.asyncIterator]();
    let stopped = false;
    let pumping: Promise<IteratorResult<never>> | undefined;
    const pump = async (): Promise<IteratorResult<never>> => {
      try {
        while (!stopped) {
          const next = await events.next();
          if (next.done || stopped) break;
          const payload = await this.payloadFor(next.value, key, () => this.execute(operation.args, next.value, viewer));
          if (!stopped) operation.send(framePrefix + payload + '}');
        }
      } catch (error) {
        // As graphql's own mapping does: the source is ended (its bus stream released) before the error is reported.
        await events.return?.();
        throw error;
      }
      return { done: true, value: undefined };
    };
    const stop = async (): Promise<IteratorResult<never>> => {
      stopped = true;
      await events.return?.();
      return { done: true, value: undefined };
    };
    return {
      next: () => (pumping ??= pump()),
      return: stop,
      throw: stop,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The payload of `source` for `key`, executed by the first subscriber to ask and awaited by the rest. */
  private payloadFor(source: unknown, key: string, run: () => Promise<string>): Promise<string> {
    if (typeof source !== 'object' || source === null) return run();
    let bySource = this.payloads.get(source);
    if (!bySource) this.payloads.set(source, (bySource = new Map()));
    let payload = bySource.get(key);
    if (!payload) bySource.set(key, (payload = run()));
    return payload;
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

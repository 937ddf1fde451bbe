/** Where a feed hands its items, in order. */
export interface FeedSink<T> {
  next(item: T): void;
  /** Ends the subscription with an error, once everything handed before it is delivered. */
  error(error: unknown): void;
  complete(): void;
  /** Resolves once everything handed so far is delivered: a feed that reads ahead (a replay) waits on it. */
  delivered(): Promise<void>;
}

/**
 * The source of one subscription (what a subscription field's `subscribe` returns): its events,
 * already filtered for the subscriber, pushed to a sink synchronously as they come. Pushing, not
 * iterating: a pull per subscriber per event costs a chain of promises, and with 10,000 subscribers
 * of one shop that chain, not the sharing, was the cost (fan-out.ts delivers them).
 */
export abstract class LiveFeed<T> implements AsyncIterable<T> {
  /** Starts handing items to `sink`; called once. */
  abstract start(sink: FeedSink<T>): void;
  /** Stops at once (the subscriber left): nothing is handed after it, and what it holds is released. */
  abstract close(): void;

  /** graphql takes a subscription's source only if it is async-iterable; the fan-out never iterates it. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    throw new Error('A LiveFeed is pushed to its subscribers by the fan-out (src/live/fan-out.ts), not iterated');
  }
}

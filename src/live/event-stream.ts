import { Event } from '../common/events/event.entity';

/** Events buffered beyond this mean the client does not keep up; it is told to resume with its cursor. */
const MAX_BUFFERED = 10_000;

/**
 * The events one subscription still has to receive, in arrival order. The bus pushes into it as
 * soon as it is created, so nothing committed after registration can slip past a subscriber. It
 * buffers them (while its subscription replays the log) until it is drained to a sink, and from
 * then on hands each on as it comes.
 */
export class EventStream {
  private buffer: Event[] = [];
  private closed = false;
  private failure?: Error;
  private sink?: { next: (event: Event) => void; fail: (error: Error) => void };

  constructor(
    readonly accepts: (event: Event) => boolean,
    private readonly onClose: (stream: EventStream) => void,
  ) {}

  push(event: Event): void {
    if (this.closed) return;
    if (this.sink) return this.sink.next(event);
    if (this.buffer.length >= MAX_BUFFERED) {
      this.fail(new Error('The subscriber fell too far behind; resubscribe to `events` with the last cursor you received'));
      return;
    }
    this.buffer.push(event);
  }

  fail(error: Error): void {
    if (this.closed) return;
    this.failure = error;
    this.sink?.fail(error);
    this.close();
  }

  /**
   * From now on hands every event straight to `next` as the bus pushes it; what is buffered goes
   * first, in order. Throws if the stream already failed (its buffer overflowed).
   */
  drainTo(next: (event: Event) => void, fail: (error: Error) => void): void {
    if (this.failure) throw this.failure;
    const buffered = this.buffer;
    this.buffer = [];
    this.sink = { next, fail };
    for (const event of buffered) next(event);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.onClose(this);
  }
}

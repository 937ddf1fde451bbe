import { Event } from '../common/events/event.entity';

/** Events buffered beyond this mean the client does not keep up; it is told to resume with its cursor. */
const MAX_BUFFERED = 10_000;

/**
 * The events one subscription still has to receive, in arrival order. The bus pushes into it as
 * soon as it is created, so nothing committed after registration can slip past a subscriber.
 */
export class EventStream implements AsyncIterable<Event> {
  private readonly buffer: Event[] = [];
  private wake?: () => void;
  private closed = false;
  private failure?: Error;

  constructor(
    readonly accepts: (event: Event) => boolean,
    private readonly onClose: (stream: EventStream) => void,
  ) {}

  push(event: Event): void {
    if (this.closed) return;
    if (this.buffer.length >= MAX_BUFFERED) {
      this.fail(new Error('The subscriber fell too far behind; resubscribe to `events` with the last cursor you received'));
      return;
    }
    this.buffer.push(event);
    this.wake?.();
  }

  fail(error: Error): void {
    this.failure = error;
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Event> {
    try {
      while (true) {
        const next = this.buffer.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.failure) throw this.failure;
        if (this.closed) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      this.close();
    }
  }
}

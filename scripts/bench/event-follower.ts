import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventCodec } from '../../src/common/events/event-codec';
import { toGlobalId } from '../../src/common/global-id';
import { openOrm } from '../../src/db/orm';
import { waitFor } from './api';
import { BenchContext } from './context';
import { OPERATOR_SECRET } from './server';

const EVENTS = `subscription Events { events { id } }`;

/**
 * An operator's live `events` subscription in the bench process, following the whole marketplace
 * while the writers write: what a client relying on "every committed event once, in log order"
 * receives under concurrent writers (and behind a transaction held open elsewhere).
 */
export class EventFollower {
  /** Event ids (global, opaque) in arrival order. */
  readonly received: string[] = [];
  errors = 0;
  firstError?: string;

  private constructor(private readonly client: Client) {}

  static start(ctx: BenchContext): EventFollower {
    const client = createClient({
      url: `ws://127.0.0.1:${ctx.server.port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${OPERATOR_SECRET}` },
      retryAttempts: 0,
    });
    const follower = new EventFollower(client);
    client.subscribe<{ events: { id: string } }>(
      { query: EVENTS },
      {
        next: ({ data, errors }) => {
          if (data) follower.received.push(data.events.id);
          if (errors) follower.fail(JSON.stringify(errors));
        },
        error: (error) => follower.fail(String(error)),
        complete: () => undefined,
      },
    );
    return follower;
  }

  private fail(reason: string): void {
    this.errors += 1;
    this.firstError ??= reason.slice(0, 300);
  }

  /**
   * Compares what arrived with the log: the events of `orderUuids`, read from the database in log
   * order (position, then id), each expected once and in that order. Waits (bounded) for the last.
   */
  async check(ctx: BenchContext, orderUuids: readonly string[]): Promise<{ expected: number; lost: number; duplicated: number; inLogOrder: boolean }> {
    const { rows } = await ctx.db.pool.query<{ id: string }>(
      `select id::text from event where order_uuid = any($1::uuid[]) order by position_txid, id`,
      [orderUuids],
    );
    // The API's event ids are opaque (src/common/events/event-codec.ts): encoded here as the server does.
    const orm = await openOrm(ctx.db.url, 1);
    const codec = await eventCodec(orm.em.fork()).finally(() => orm.close());
    const expected = rows.map((row) => toGlobalId('Event', codec.encodeId(BigInt(row.id))));
    const wanted = new Set(expected);
    const arrived = () => this.received.filter((id) => wanted.has(id));
    await waitFor('the live subscriber to receive every logged event', () => new Set(arrived()).size >= wanted.size, 60_000).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late duplicate would arrive now
    const got = arrived();
    const distinct = new Set(got);
    const firstSeen = got.filter((id, n) => got.indexOf(id) === n);
    return {
      expected: expected.length,
      lost: expected.filter((id) => !distinct.has(id)).length,
      duplicated: got.length - distinct.size,
      inLogOrder: firstSeen.length === expected.length && firstSeen.every((id, n) => id === expected[n]),
    };
  }

  stop(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

import {
  ConsoleDashboardChangedDocument,
  ConsoleEventsDocument,
  ConsoleEventsSubscriptionVariables,
  ConsoleMessageAddedDocument,
  ConsoleOrderChangedDocument,
  DashboardCountsFragment,
  Locale,
  MessageItemFragment,
  OrderRowFragment,
} from '../generated/graphql';
import { Listeners } from './listeners';
import { ConnectionState, LiveConnection, openLiveConnection } from './live';

/**
 * Everything the console hears live, from one connection:
 * - `orderChanged` and `messageAdded` push changes as they commit (the screens' live updates);
 * - `dashboardChanged(initial: true)` keeps the counts, fresh again after every reconnect;
 * - `events(after:)` is the lossless channel: it remembers the last cursor seen, and after a drop
 *   or a restart resumes from it, replaying whatever was missed into the same listeners.
 * A change may therefore reach a screen twice (once live, once from the log): screens upsert by id.
 */
export class LiveFeed {
  readonly orders = new Listeners<OrderRowFragment>();
  readonly messages = new Listeners<MessageItemFragment>();
  /** A reconnect that the events log cannot replay (no cursor seen yet): screens reload. */
  readonly reconnected = new Listeners<void>();
  readonly dashboard = new Listeners<DashboardCountsFragment>();
  readonly state = new Listeners<ConnectionState>();
  latestDashboard: DashboardCountsFragment | null = null;
  connectionState: ConnectionState = 'connecting';
  closeCode: number | undefined;
  private readonly eventVariables: ConsoleEventsSubscriptionVariables;
  private readonly connection: LiveConnection;

  constructor(secret: string, locale: Locale) {
    this.eventVariables = { after: null, locale };
    this.connection = openLiveConnection(secret, {
      onState: (state, code) => {
        this.connectionState = state;
        this.closeCode = code;
        this.state.emit(state);
      },
      // With a cursor, the events replay brings whatever was missed; without one (nothing happened
      // before the drop) the screens reload instead.
      onReconnected: () => this.eventVariables.after || this.reconnected.emit(),
    });
    this.connection.subscribe(ConsoleOrderChangedDocument, { locale }, (data) => this.orders.emit(data.orderChanged));
    this.connection.subscribe(ConsoleMessageAddedDocument, {}, (data) => this.messages.emit(data.messageAdded));
    this.connection.subscribe(ConsoleDashboardChangedDocument, {}, (data) => {
      this.latestDashboard = data.dashboardChanged;
      this.dashboard.emit(data.dashboardChanged);
    });
    this.connection.subscribe(ConsoleEventsDocument, this.eventVariables, ({ events }) => {
      this.eventVariables.after = events.cursor;
      if (events.order) this.orders.emit(events.order);
      if (events.message) this.messages.emit(events.message);
    });
  }

  /** The cursor the events subscription resumes from after a reconnect (null until an event came). */
  get lastCursor(): string | null {
    return this.eventVariables.after ?? null;
  }

  close(): void {
    this.connection.dispose();
  }
}

import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { viewerOf } from '../context';
import { FeedSink, LiveFeed } from '../live/live-feed';
import { LiveContext, SubscribeData } from '../live/live-feeds';
import { Dashboard } from './dashboard';
import { DashboardFollower } from './dashboard-feeds';

/**
 * Pushes the dashboard whenever a count changes. With `initial`, the counts as they are when the
 * subscription starts come first, so a client needs no separate query (and misses no change
 * between such a query and subscribing). The counting is shared by the viewer's visibility group
 * (dashboard-feeds.ts); what is pushed, and when, is decided per subscription.
 */
export function dashboardChanges(context: LiveContext, initial = false): LiveFeed<Dashboard> {
  return new DashboardChanges(context, initial);
}

class DashboardChanges extends LiveFeed<Dashboard> {
  private follower?: DashboardFollower;
  private closed = false;

  constructor(
    private readonly context: LiveContext,
    private readonly initial: boolean,
  ) {
    super();
  }

  start(sink: FeedSink<Dashboard>): void {
    if (this.closed) return;
    /** What this subscriber was last shown (or, without `initial`, the counts it started from). */
    let last: string | undefined;
    this.follower = this.context.dashboards.follow(viewerOf(this.context), {
      count: ({ dashboard, serialized }) => {
        const first = last === undefined;
        if (serialized === last) return;
        last = serialized;
        if (!first || this.initial) sink.next(dashboard);
      },
      // The group's stream overflowed or a count failed: the client resubscribes and counts afresh.
      fail: (error) => sink.error(error),
    });
  }

  close(): void {
    this.closed = true;
    this.follower?.leave();
  }
}

@Resolver()
export class DashboardSubscriptionResolver {
  @Subscription(() => Dashboard, {
    description: "The viewer's dashboard counts whenever one changes.",
    subscribe: ({ args, context }: SubscribeData<{ initial?: boolean }>) => dashboardChanges(context, args.initial ?? false),
  })
  dashboardChanged(
    @Root() dashboard: Dashboard,
    @Arg('initial', () => Boolean, {
      defaultValue: false,
      nullable: true,
      description: 'Push the current counts first, so no query is needed before subscribing (and no change is missed in between).',
    })
    _initial?: boolean,
  ): Dashboard {
    return dashboard;
  }
}

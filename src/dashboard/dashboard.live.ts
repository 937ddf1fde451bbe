import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { viewerOf } from '../context';
import { closeWith, LiveContext, SubscribeData } from '../live/live-feeds';
import { Dashboard } from './dashboard';
import { DashboardFollower } from './dashboard-feeds';

/**
 * Pushes the dashboard whenever a count changes. With `initial`, the counts as they are when the
 * subscription starts come first, so a client needs no separate query (and misses no change
 * between such a query and subscribing). The counting is shared by the viewer's visibility group
 * (dashboard-feeds.ts); what is pushed, and when, is decided per subscription.
 */
export function dashboardChanges(context: LiveContext, initial = false): AsyncIterableIterator<Dashboard> {
  const follower = context.dashboards.follow(viewerOf(context));
  return closeWith(dashboardLoop(follower, initial), () => follower.leave());
}

async function* dashboardLoop(follower: DashboardFollower, initial: boolean): AsyncGenerator<Dashboard> {
  try {
    const first = await follower.next();
    if (!first) return;
    let last = first.serialized;
    if (initial) yield first.dashboard;
    while (true) {
      const count = await follower.next();
      if (!count) return;
      if (count.serialized === last) continue;
      last = count.serialized;
      yield count.dashboard;
    }
  } finally {
    follower.leave();
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

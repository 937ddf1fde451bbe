import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../auth/role';
import { clock } from '../common/clock';
import { viewerOf } from '../context';
import { audienceOf, closeWith, LiveContext, SubscribeData, visibleTo } from '../live/live-feeds';
import { computeDashboard, Dashboard } from './dashboard';

/**
 * Pushes the dashboard whenever a count changes. With `initial`, the counts as they are when the
 * subscription starts come first, so a client needs no separate query (and misses no change
 * between such a query and subscribing).
 */
export function dashboardChanges(context: LiveContext, initial = false): AsyncIterableIterator<Dashboard> {
  const state = { closed: false, wake: undefined as (() => void) | undefined };
  return closeWith(dashboardLoop(context, state, initial), () => {
    state.closed = true;
    state.wake?.();
  });
}

async function* dashboardLoop(context: LiveContext, state: { closed: boolean; wake?: () => void }, initial: boolean): AsyncGenerator<Dashboard> {
  const viewer = viewerOf(context);
  let dirty = false;
  const touch = () => {
    dirty = true;
    state.wake?.();
  };
  const stream = context.bus.subscribe(audienceOf(viewer), (event) => visibleTo(viewer, event));
  const onViewerState = (change: { shopUuid?: string; customerUuid?: string }) => {
    const concerned =
      viewer.role === Role.OPERATOR ||
      (viewer.role === Role.SELLER && change.shopUuid === viewer.shopUuid) ||
      (viewer.role === Role.CUSTOMER && change.customerUuid === viewer.customerUuid);
    if (concerned) touch();
  };
  context.bus.viewerStateListeners.add(onViewerState);
  let failure: unknown;
  const pump = (async () => {
    for await (const _event of stream) touch();
  })().catch((error) => {
    // The stream overflowed: end this subscription so the client resubscribes and recounts.
    failure = error;
    touch();
  });
  try {
    const first = await computeDashboard(context.em.fork(), viewer, clock.now());
    let last = JSON.stringify(first);
    if (initial) yield first;
    while (!state.closed) {
      if (!dirty) await new Promise<void>((resolve) => (state.wake = resolve));
      state.wake = undefined;
      if (state.closed) return;
      if (failure) throw failure;
      dirty = false;
      const dashboard = await computeDashboard(context.em.fork(), viewer, clock.now());
      const serialized = JSON.stringify(dashboard);
      if (serialized === last) continue;
      last = serialized;
      yield dashboard;
    }
  } finally {
    context.bus.viewerStateListeners.delete(onViewerState);
    stream.close();
    await pump;
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

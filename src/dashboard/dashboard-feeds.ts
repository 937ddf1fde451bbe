import { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { Viewer } from '../auth/viewer';
import { clock } from '../common/clock';
import { EventBus, ViewerStateChange } from '../live/event-bus';
import { EventStream } from '../live/event-stream';
import { audienceOf, visibilityGroupOf, visibleTo } from '../live/live-feeds';
import { computeDashboard, Dashboard } from './dashboard';

/** One count, handed as the same object to every follower of the group it was made for. */
export interface DashboardCount {
  dashboard: Dashboard;
  /** To compare with what a follower last pushed, without serializing per follower. */
  serialized: string;
}

/** What a follower is told: each count made for it, or that its group failed. */
export interface DashboardListener {
  /** Every count made after the follower joined (a count started earlier might miss a change committed just before it joined). */
  count(count: DashboardCount): void;
  /** The group's event stream overflowed or a count failed: the follower is done. */
  fail(error: Error): void;
}

export interface DashboardFollower {
  leave(): void;
}

interface FeedDeps {
  em: EntityManager;
  bus: EventBus;
  onRecount: () => void;
}

/**
 * The live dashboards of one instance, counted once per visibility group (a shop's sellers, one
 * customer, the operators) whenever something the group may see changes, instead of once per
 * subscription: one bus stream and one count per group, whatever the number of its followers.
 * Followers joining together (a reconnect after a deploy) share the count made for them. Counts
 * are handed to the followers synchronously, as the same object to all.
 */
export class DashboardFeeds {
  private readonly groups = new Map<string, DashboardGroup>();

  constructor(private readonly deps: FeedDeps) {}

  follow(viewer: Viewer, listener: DashboardListener): DashboardFollower {
    const key = visibilityGroupOf(viewer);
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = new DashboardGroup(viewer, this.deps, () => this.groups.delete(key))));
    return group.join(listener);
  }
}

interface Follower {
  /** The number of the first count this follower may take: one started after it joined. */
  firstCount: number;
  listener: DashboardListener;
}

/**
 * The followers of one visibility group. Any visible event or viewer-state change marks the counts
 * dirty; while dirty, the group counts again (one count at a time: changes during a count are
 * covered by the next one) and offers each count to its followers. A follower is offered every
 * count from its first on, so all of them have seen the group's last count: a count equal to it is
 * offered to newcomers alone (in a reconnect storm, hundreds of counts for thousands of followers
 * would otherwise offer each the same counts over and over).
 */
class DashboardGroup {
  /** Followers that have had their first count. */
  private readonly followers = new Set<Follower>();
  /** Followers waiting for their first count. */
  private readonly newcomers = new Set<Follower>();
  private lastCount?: string;
  private readonly stream: EventStream;
  private countsStarted = 0;
  private dirty = false;
  private counting = false;
  private closed = false;

  constructor(
    private readonly viewer: Viewer,
    private readonly deps: FeedDeps,
    private readonly onClosed: () => void,
  ) {
    this.stream = deps.bus.subscribe(audienceOf(viewer), (event) => visibleTo(viewer, event));
    deps.bus.viewerStateListeners.add(this.onViewerState);
    // An overflow cannot happen here (nothing is buffered); a failure still ends the followers.
    this.stream.drainTo(
      () => this.touch(),
      (error) => this.fail(error),
    );
  }

  join(listener: DashboardListener): DashboardFollower {
    const follower: Follower = { firstCount: this.countsStarted + 1, listener };
    this.newcomers.add(follower);
    this.touch(); // its first count
    return { leave: () => this.leave(follower) };
  }

  private readonly onViewerState = (change: ViewerStateChange) => {
    const concerned =
      this.viewer.role === Role.OPERATOR ||
      (this.viewer.role === Role.SELLER && change.shopUuid === this.viewer.shopUuid) ||
      (this.viewer.role === Role.CUSTOMER && change.customerUuid === this.viewer.customerUuid);
    if (concerned) this.touch();
  };

  private touch(): void {
    this.dirty = true;
    if (this.counting || this.closed) return;
    this.counting = true;
    void this.countWhileDirty();
  }

  private async countWhileDirty(): Promise<void> {
    while (this.dirty && !this.closed) {
      this.dirty = false;
      const number = ++this.countsStarted;
      let dashboard: Dashboard;
      try {
        dashboard = await computeDashboard(this.deps.em.fork(), this.viewer, clock.now());
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)));
        break;
      }
      // A count goes out after the events it counts: the bus reads again and hands what it finds to
      // every stream first, so the fan-out, which sends a group's frames in the order their batches
      // opened, pushes a new message before the count that includes it, even to thousands of tabs.
      await this.deps.bus.caughtUp();
      if (this.closed) break;
      this.deps.onRecount();
      const count = { dashboard, serialized: JSON.stringify(dashboard) };
      if (count.serialized !== this.lastCount) for (const follower of this.followers) follower.listener.count(count);
      this.lastCount = count.serialized;
      for (const follower of this.newcomers) {
        if (follower.firstCount > number) continue;
        this.newcomers.delete(follower);
        this.followers.add(follower);
        follower.listener.count(count);
      }
    }
    this.counting = false;
  }

  private leave(follower: Follower): void {
    if (!this.followers.delete(follower) && !this.newcomers.delete(follower)) return;
    if (this.followers.size === 0 && this.newcomers.size === 0) this.close();
  }

  private fail(error: Error): void {
    const failed = [...this.followers, ...this.newcomers];
    this.followers.clear();
    this.newcomers.clear();
    this.close();
    for (const follower of failed) follower.listener.fail(error);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    this.deps.bus.viewerStateListeners.delete(this.onViewerState);
    this.stream.close();
  }
}

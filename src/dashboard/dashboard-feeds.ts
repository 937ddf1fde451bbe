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

export interface DashboardFollower {
  /**
   * The newest count not yet taken, made after the follower joined (a count started earlier might
   * miss a change committed just before it joined); waits for one if there is none. Undefined once
   * the follower has left; rejects when the group failed (its event stream overflowed, a count failed).
   */
  next(): Promise<DashboardCount | undefined>;
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
 * Followers joining together (a reconnect after a deploy) share the count made for them.
 */
export class DashboardFeeds {
  private readonly groups = new Map<string, DashboardGroup>();

  constructor(private readonly deps: FeedDeps) {}

  follow(viewer: Viewer): DashboardFollower {
    const key = visibilityGroupOf(viewer);
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = new DashboardGroup(viewer, this.deps, () => this.groups.delete(key))));
    return group.join();
  }
}

class Follower implements DashboardFollower {
  private pending?: DashboardCount;
  private waiting?: { resolve: (count: DashboardCount | undefined) => void; reject: (error: Error) => void };
  private failure?: Error;
  left = false;

  constructor(
    /** The number of the first count this follower may take: one started after it joined. */
    readonly firstCount: number,
    private readonly onLeave: (follower: Follower) => void,
  ) {}

  /** A newer count replaces one the follower has not taken yet: only the latest counts matter. */
  offer(count: DashboardCount): void {
    if (!this.waiting) {
      this.pending = count;
      return;
    }
    this.waiting.resolve(count);
    this.waiting = undefined;
  }

  fail(error: Error): void {
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  next(): Promise<DashboardCount | undefined> {
    if (this.left) return Promise.resolve(undefined);
    if (this.failure) return Promise.reject(this.failure);
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      return Promise.resolve(pending);
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    this.waiting?.resolve(undefined);
    this.waiting = undefined;
    this.onLeave(this);
  }
}

/**
 * The followers of one visibility group. Any visible event or viewer-state change marks the counts
 * dirty; while dirty, the group counts again (one count at a time: changes during a count are
 * covered by the next one) and offers each count to its followers.
 */
class DashboardGroup {
  private readonly followers = new Set<Follower>();
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
    void this.watch();
  }

  join(): DashboardFollower {
    const follower = new Follower(this.countsStarted + 1, (leaving) => this.leave(leaving));
    this.followers.add(follower);
    this.touch(); // its first count
    return follower;
  }

  private readonly onViewerState = (change: ViewerStateChange) => {
    const concerned =
      this.viewer.role === Role.OPERATOR ||
      (this.viewer.role === Role.SELLER && change.shopUuid === this.viewer.shopUuid) ||
      (this.viewer.role === Role.CUSTOMER && change.customerUuid === this.viewer.customerUuid);
    if (concerned) this.touch();
  };

  private async watch(): Promise<void> {
    try {
      for await (const _event of this.stream) this.touch();
    } catch (error) {
      // The stream overflowed: its followers end, so their clients resubscribe and count afresh.
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

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
      this.deps.onRecount();
      const count = { dashboard, serialized: JSON.stringify(dashboard) };
      for (const follower of this.followers) if (follower.firstCount <= number) follower.offer(count);
    }
    this.counting = false;
  }

  private leave(follower: Follower): void {
    this.followers.delete(follower);
    if (this.followers.size === 0) this.close();
  }

  private fail(error: Error): void {
    for (const follower of this.followers) follower.fail(error);
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    this.deps.bus.viewerStateListeners.delete(this.onViewerState);
    this.stream.close();
  }
}

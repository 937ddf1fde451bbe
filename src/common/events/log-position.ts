/**
 * Where an event sits in the log: the transaction-id part (`position_txid`, see event-log.ts), then
 * its id. Every reader pages the log in this order, and only below the commit watermark.
 */
export interface LogPosition {
  txid: bigint;
  id: bigint;
}

/** Before every event (events appended before the watermark existed have position (0, id)). */
export const LOG_START: LogPosition = { txid: 0n, id: 0n };

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.txid !== b.txid) return a.txid < b.txid ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export function positionOf(event: { positionTxid: string; id: string }): LogPosition {
  return { txid: BigInt(event.positionTxid), id: BigInt(event.id) };
}

/**
 * A PostgreSQL snapshot as `pg_current_snapshot()::text` spells it (`xmin:xmax:xip,xip,...`): which
 * transactions had committed when it was taken. Its xmin is the commit watermark: every transaction
 * with a smaller id has ended, so the events below it are final.
 */
export class CommitSnapshot {
  private constructor(
    readonly xmin: bigint,
    private readonly xmax: bigint,
    private readonly inProgress: ReadonlySet<bigint>,
  ) {}

  static parse(text: string): CommitSnapshot {
    const [xmin, xmax, xip] = text.split(':');
    return new CommitSnapshot(BigInt(xmin), BigInt(xmax), new Set(xip ? xip.split(',').map((xid) => BigInt(xid)) : []));
  }

  /** Whether transaction `txid` had committed (or ended) when the snapshot was taken. */
  hadEnded(txid: bigint): boolean {
    return txid < this.xmin || (txid < this.xmax && !this.inProgress.has(txid));
  }
}

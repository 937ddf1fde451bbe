import {
  SeedAfterSalesCountsDocument,
  SeedAfterSalesCountsQuery,
  SeedAfterSalesStatesDocument,
  SeedAfterSalesStatesQuery,
  SeedNotificationCountDocument,
} from '../../test/generated/graphql';
import { GraphQLClient } from './client';
import { Marketplace, OrderRun } from './runner';

/**
 * The after-sales part of the seed's report: threads, incidents and returns per status, ratings and
 * customer notifications, for this batch (its own shops, customers and ids) and the whole database
 * (as the operator sees it).
 */

type SeedAfterSalesStatesNode = NonNullable<SeedAfterSalesStatesQuery['nodes'][number]>;
type Counts = Omit<SeedAfterSalesCountsQuery, '__typename' | 'viewer'>;
type CountKey = keyof Counts;

interface Row {
  label: string;
  key?: CountKey;
  /** This batch's figure. */
  batch: number;
}

export interface AfterSalesReport {
  rows: Row[];
  whole: SeedAfterSalesCountsQuery;
  wholeNotifications: number;
  closedBy: Record<string, number>;
  ratings: { average: number | null; replied: number; removalRequested: number; removed: number };
}

const INCIDENT_STATUSES: [string, CountKey][] = [
  ['NEW', 'incidentsNew'],
  ['IN_PROGRESS', 'incidentsInProgress'],
  ['RESOLVED', 'incidentsResolved'],
  ['DISPUTED', 'incidentsDisputed'],
  ['CLOSED', 'incidentsClosed'],
];
const RETURN_STATUSES: [string, CountKey][] = [
  ['REQUESTED', 'returnsRequested'],
  ['ACCEPTED', 'returnsAccepted'],
  ['REJECTED', 'returnsRejected'],
  ['RECEIVED', 'returnsReceived'],
  ['REFUNDED', 'returnsRefunded'],
  ['CANCELED', 'returnsCanceled'],
];

export async function collectAfterSales(api: GraphQLClient, operatorKey: string, market: Marketplace, runs: OrderRun[]): Promise<AfterSalesReport> {
  const ids = runs.flatMap((run) => [run.threadId, run.incidentId, run.returnId, run.ratingId]).filter((id): id is string => Boolean(id));
  const nodes: SeedAfterSalesStatesNode[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const page = await api.request(SeedAfterSalesStatesDocument, { ids: ids.slice(i, i + 100) }, operatorKey);
    for (const node of page.nodes) if (node) nodes.push(node);
  }
  const of = <T extends SeedAfterSalesStatesNode['__typename']>(type: T) =>
    nodes.filter((node): node is Extract<SeedAfterSalesStatesNode, { __typename: T }> => node?.__typename === type);
  const threads = of('MessageThread');
  const incidents = of('Incident');
  const returns = of('Return');
  const ratings = of('Rating');

  // Each batch has shops of its own: their sellers' dashboards count this batch's threads unread by the shop.
  let unread = 0;
  for (const shop of market.shops) unread += (await api.request(SeedAfterSalesCountsDocument, {}, shop.key)).viewer.dashboard.unreadThreads;
  let notifications = 0;
  for (const customer of market.customers) notifications += (await api.request(SeedNotificationCountDocument, {}, customer.key)).notifications.totalCount;

  const count = <N>(list: N[], test: (node: N) => boolean = () => true) => list.filter(test).length;
  const rows: Row[] = [
    { label: 'message threads', key: 'threads', batch: threads.length },
    { label: "  awaiting a shop's reply", key: 'threadsAwaitingReply', batch: count(threads, (thread) => thread.shopReplyNeededSince !== null) },
    { label: '  unread by the shop', batch: unread },
    { label: 'incidents', key: 'incidents', batch: incidents.length },
    ...INCIDENT_STATUSES.map(([status, key]) => ({ label: `  ${status}`, key, batch: count(incidents, (incident) => incident.incidentStatus === status) })),
    { label: 'returns', key: 'returns', batch: returns.length },
    ...RETURN_STATUSES.map(([status, key]) => ({ label: `  ${status}`, key, batch: count(returns, (ret) => ret.returnStatus === status) })),
    { label: 'ratings', key: 'ratings', batch: ratings.length },
    { label: "  without a shop's reply", key: 'ratingsWithoutReply', batch: count(ratings, (rating) => rating.reply === null) },
  ];
  const closedBy: Record<string, number> = {};
  for (const incident of incidents) if (incident.closedBy) closedBy[incident.closedBy.type] = (closedBy[incident.closedBy.type] ?? 0) + 1;
  const kept = ratings.filter((rating) => rating.removal !== 'REMOVED');
  const average = kept.length ? kept.reduce((sum, rating) => sum + rating.grade, 0) / kept.length : null;
  return {
    rows: [...rows, { label: 'customer notifications', batch: notifications }],
    whole: await api.request(SeedAfterSalesCountsDocument, {}, operatorKey),
    wholeNotifications: (await api.request(SeedNotificationCountDocument, {}, operatorKey)).notifications.totalCount,
    closedBy,
    ratings: {
      average,
      replied: count(ratings, (rating) => rating.reply !== null),
      removalRequested: count(ratings, (rating) => rating.removal === 'REQUESTED'),
      removed: count(ratings, (rating) => rating.removal === 'REMOVED'),
    },
  };
}

export function printAfterSales(report: AfterSalesReport): void {
  const row = (label: string, batch: number, all: number | string) => `  ${label.padEnd(26)} ${String(batch).padStart(6)}   ${String(all).padStart(14)}`;
  console.log('\n  after sales                 this batch   whole database');
  for (const { label, key, batch } of report.rows) {
    const all = key ? report.whole[key].totalCount : label === 'customer notifications' ? report.wholeNotifications : '–';
    console.log(row(label, batch, all));
  }
  const by = report.closedBy;
  const { average, replied, removalRequested, removed } = report.ratings;
  console.log(
    `\n  Incidents closed in this batch: ${by.CUSTOMER ?? 0} by the customer, ${by.SYSTEM ?? 0} by the sweeper (INCIDENT_CLOSE_AFTER), ` +
      `${by.OPERATOR ?? 0} by the operator after a dispute,\n  ${by.SELLER ?? 0} settled by a refund of the line; ratings average ` +
      `${average === null ? '–' : average.toFixed(2)}, ${replied} with the shop's reply, ${removalRequested} removal requested, ${removed} removed.`,
  );
}

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server instance, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    operations: new Counter({
      name: 'graphql_operations_total',
      // No operation-name label: names are client-chosen, and each would be a new series.
      help: 'GraphQL operations by type and outcome',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    operationSeconds: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to its response',
      labelNames: ['type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    sqlAnswers: new Counter({
      name: 'graphql_sql_answers_total',
      help: 'HTTP queries offered to the answers PostgreSQL builds (src/graphql/sql-answers.ts): answered there, declined (executed as usual), or failed (executed as usual, and logged)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    sweeps: new Counter({
      name: 'deadline_sweeps_fired_total',
      help: 'Deadlines the sweeper fired, by kind (the timed step, e.g. Order.ACCEPTANCE_TIMEOUT)',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    sweepFailures: new Counter({
      name: 'deadline_sweep_failures_total',
      help: 'Rows whose timed step threw (logged and skipped until the next sweep), by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    socketCloses: new Counter({
      name: 'websocket_limit_closes_total',
      help: 'WebSocket connections the server closed or refused by a limit: slow_consumer, sockets_per_key, key_revoked, failed_key_checks',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    liveExecutions: new Counter({
      name: 'live_executions_total',
      help: "Subscription executions: one per event per (visibility group, operation, variables, document), shared by the group's subscribers",
      registers: [registry],
    }),
    dashboardRecounts: new Counter({
      name: 'dashboard_recounts_total',
      help: 'Live dashboard counts made: one per visibility group per change, shared by its dashboardChanged subscribers',
      registers: [registry],
    }),
    webSocketDocumentValidations: new Counter({
      name: 'websocket_document_validations_total',
      help: 'Documents parsed and validated for WebSocket operations (a repeated document is validated once)',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Gauges read at scrape time from the live layer: open sockets and live subscriptions. */
export function registerLiveGauges(metrics: Metrics, read: { sockets: () => number; subscriptions: () => number }): void {
  new Gauge({
    name: 'websocket_connections',
    help: 'Open GraphQL WebSocket connections on this instance',
    registers: [metrics.registry],
    collect() {
      this.set(read.sockets());
    },
  });
  new Gauge({
    name: 'live_subscriptions',
    help: 'Active subscriptions fed by the event bus on this instance',
    registers: [metrics.registry],
    collect() {
      this.set(read.subscriptions());
    },
  });
}

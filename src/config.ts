import { Duration } from 'luxon';

/** Typed configuration, read from the environment once at start (see README, "Configuration"). */
export interface Config {
  databaseUrl?: string;
  port: number;
  host: string;
  dataDir: string;
  embeddedPgPort: number;
  bootstrapOperatorKey?: string;
  nodeEnv: string;
  logLevel: string;
  smtpUrl?: string;
  /** Durations in milliseconds. */
  acceptanceTimeoutMs: number;
  paymentTimeoutMs: number;
  deliveryFallbackMs: number;
  deliveryFallbackIntegratedMs: number;
  closeAfterMs: number;
  incidentCloseAfterMs: number;
  ratingWindowMs: number;
  timerIntervalMs: number;
  /** Abuse limits (README "Limits" and "Authentication"). */
  limits: AbuseLimits;
}

export interface AbuseLimits {
  /** Failed key checks one client address may make per minute before its key checks are refused. */
  failedKeyChecksPerMinute: number;
  /** Open WebSocket connections per API key, per instance. */
  socketsPerKey: number;
  /** Bytes a WebSocket may leave unread (waiting to be sent) before it is closed as a slow consumer. */
  socketBufferBytes: number;
}

export class ConfigError extends Error {}

function duration(env: NodeJS.ProcessEnv, name: string, fallback: string): number {
  const raw = env[name] ?? fallback;
  const parsed = Duration.fromISO(raw);
  if (!parsed.isValid || parsed.toMillis() <= 0) {
    throw new ConfigError(`${name} must be a positive ISO-8601 duration such as ${fallback}, got "${raw}"`);
  }
  return parsed.toMillis();
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number, got "${raw}"`);
  }
  return value;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function abuseLimits(env: NodeJS.ProcessEnv): AbuseLimits {
  return {
    failedKeyChecksPerMinute: count(env, 'AUTH_FAILURES_PER_MINUTE', 10, 1, 1_000_000),
    socketsPerKey: count(env, 'WS_MAX_SOCKETS_PER_KEY', 20, 1, 1_000_000),
    socketBufferBytes: count(env, 'WS_MAX_BUFFERED_BYTES', 4 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    port: integer(env, 'PORT', 4000),
    host: env.HOST || '127.0.0.1',
    dataDir: env.DATA_DIR || '.data',
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54320),
    bootstrapOperatorKey: env.BOOTSTRAP_OPERATOR_KEY || undefined,
    nodeEnv: env.NODE_ENV || 'development',
    logLevel: env.LOG_LEVEL || 'info',
    smtpUrl: env.SMTP_URL || undefined,
    acceptanceTimeoutMs: duration(env, 'ACCEPTANCE_TIMEOUT', 'PT72H'),
    paymentTimeoutMs: duration(env, 'PAYMENT_TIMEOUT', 'P10D'),
    deliveryFallbackMs: duration(env, 'DELIVERY_FALLBACK', 'P14D'),
    deliveryFallbackIntegratedMs: duration(env, 'DELIVERY_FALLBACK_INTEGRATED', 'P30D'),
    closeAfterMs: duration(env, 'CLOSE_AFTER', 'P30D'),
    incidentCloseAfterMs: duration(env, 'INCIDENT_CLOSE_AFTER', 'P5D'),
    ratingWindowMs: duration(env, 'RATING_WINDOW', 'P90D'),
    timerIntervalMs: duration(env, 'TIMER_INTERVAL', 'PT5S'),
    limits: abuseLimits(env),
  };
}

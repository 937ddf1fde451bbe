import { Duration } from 'luxon';
import { z } from 'zod';

/** Typed configuration, read from the environment once at start (see README, "Configuration"). */
export interface Config {
  databaseUrl?: string;
  port: number;
  host: string;
  dataDir: string;
  embeddedPgPort: number;
  bootstrapOperatorKey?: string;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  smtpUrl?: string;
  /** Durations in milliseconds. */
  acceptanceTimeoutMs: number;
  paymentTimeoutMs: number;
  deliveryFallbackMs: number;
  /** The delivery fallback of integrated carriers, whose reports should come first (README: DELIVERY_FALLBACK_INTEGRATED). */
  deliveryFallbackIntegratedMs: number;
  closeAfterMs: number;
  incidentCloseAfterMs: number;
  ratingWindowMs: number;
  timerIntervalMs: number;
  smtpTimeoutMs: number;
  /** Abuse limits (README "Limits" and "Authentication"). */
  limits: AbuseLimits;
  /** Browser origins allowed to call the API (src/graphql/cors.ts); empty: same origin only. */
  corsOrigins: readonly string[];
  /** Server processes sharing the port (src/cluster.ts); 1: this process serves alone. */
  workers: number;
  /** Whether PostgreSQL builds the answers of the queries it can (src/graphql/sql-answers.ts); off: every query is executed. */
  sqlAnswers: boolean;
}

export interface AbuseLimits {
  /** Failed key checks one client address may make per minute before its key checks are refused. */
  failedKeyChecksPerMinute: number;
  /** Open WebSocket connections per API key, per instance. */
  socketsPerKey: number;
  /** Bytes a WebSocket may leave unread (waiting to be sent) before it is closed as a slow consumer. */
  socketBufferBytes: number;
}

/** An invalid environment variable; `main` prints `configuration error: <message>` and exits with 2. */
export class ConfigError extends Error {}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Values never repeated in an error message: they may hold a password or a key. */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'SMTP_URL', 'BOOTSTRAP_OPERATOR_KEY']);

/** An empty variable counts as unset (`PORT=` in an env file), so its default applies. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

function port(fallback: number, min: number) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d{1,5}$/, `must be a port number from ${min} to 65535`)
      .transform(Number)
      .refine((value) => value >= min && value <= 65535, `must be a port number from ${min} to 65535`)
      .default(fallback),
  );
}

/**
 * An ISO-8601 duration within bounds: a timer beyond 2^31-1 ms (~24.8 days) fires at once in Node,
 * a deadline years away is a typo, and a sweep every few milliseconds would hammer the database.
 */
function duration(fallback: string, min: string, max: string) {
  const [minMs, maxMs] = [Duration.fromISO(min).toMillis(), Duration.fromISO(max).toMillis()];
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(fallback)
      .transform((raw, ctx) => {
        const parsed = Duration.fromISO(raw);
        const ms = parsed.isValid ? parsed.toMillis() : Number.NaN;
        if (ms >= minMs && ms <= maxMs) return ms;
        ctx.addIssue({ code: 'custom', message: `must be an ISO-8601 duration from ${min} to ${max}, such as ${fallback}` });
        return z.NEVER;
      }),
  );
}

/** A URL of one of `protocols` with a host (and, with `database`, a path naming one). */
function url(protocols: readonly string[], example: string, options: { database?: boolean } = {}) {
  const valid = (value: string) => {
    if (!URL.canParse(value)) return false;
    const parsed = new URL(value);
    return protocols.includes(parsed.protocol) && parsed.hostname !== '' && (!options.database || parsed.pathname.length > 1);
  };
  return z.preprocess(unsetIfEmpty, z.string().refine(valid, `must be a URL like ${example}`).optional());
}

/** A whole number within bounds. */
function wholeNumber(fallback: number, min: number, max: number) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
      .transform(Number)
      .refine((value) => value >= min && value <= max, `must be a whole number from ${min} to ${max}`)
      .default(fallback),
  );
}

/** A comma-separated list of origins (`https://shop.example:8443`), or `*` (any origin, refused in production). */
const corsOrigins = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const origins = raw.split(',').map((origin) => origin.trim()).filter(Boolean);
      for (const origin of origins) {
        if (origin === '*') continue;
        const valid = URL.canParse(origin) && ['http:', 'https:'].includes(new URL(origin).protocol) && new URL(origin).origin === origin;
        if (!valid) {
          ctx.addIssue({ code: 'custom', message: 'must be origins like https://seller.example.com (scheme, host, optional port; no path), separated by commas, or *' });
          return z.NEVER;
        }
      }
      return origins;
    }),
);

/** Business durations: stored as deadlines in the database, so only sanity-bounded. */
const businessDuration = (fallback: string) => duration(fallback, 'PT1S', 'P365D');

const ENVIRONMENT = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/database', { database: true }),
  PORT: port(4000, 0),
  HOST: z.preprocess(
    unsetIfEmpty,
    z
      .union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an IP address or a host name, such as 127.0.0.1 or 0.0.0.0' })
      .default('127.0.0.1'),
  ),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('.data')),
  EMBEDDED_PG_PORT: port(54320, 1),
  BOOTSTRAP_OPERATOR_KEY: z.preprocess(
    unsetIfEmpty,
    // Sent as `Authorization: Bearer <secret>`: no spaces; long enough not to be guessed.
    z
      .string()
      .regex(/^\S{16,256}$/, 'must be 16 to 256 characters without spaces')
      .optional(),
  ),
  NODE_ENV: z.preprocess(unsetIfEmpty, z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` }).default('development')),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://host:587 or smtps://user:password@host:465'),
  ACCEPTANCE_TIMEOUT: businessDuration('PT72H'),
  PAYMENT_TIMEOUT: businessDuration('P10D'),
  DELIVERY_FALLBACK: businessDuration('P14D'),
  DELIVERY_FALLBACK_INTEGRATED: businessDuration('P30D'),
  CLOSE_AFTER: businessDuration('P30D'),
  INCIDENT_CLOSE_AFTER: businessDuration('P5D'),
  RATING_WINDOW: businessDuration('P90D'),
  TIMER_INTERVAL: duration('PT5S', 'PT1S', 'PT1H'),
  SMTP_TIMEOUT: duration('PT1M', 'PT1S', 'PT10M'),
  AUTH_FAILURES_PER_MINUTE: wholeNumber(10, 1, 1_000_000),
  WS_MAX_SOCKETS_PER_KEY: wholeNumber(20, 1, 1_000_000),
  WS_MAX_BUFFERED_BYTES: wholeNumber(4 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
  CORS_ORIGINS: corsOrigins,
  WORKERS: wholeNumber(1, 1, 64),
  SQL_ANSWERS: z.preprocess(unsetIfEmpty, z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
}).refine((v) => !(v.NODE_ENV === 'production' && v.CORS_ORIGINS.includes('*')), {
  path: ['CORS_ORIGINS'],
  message: 'may not be * when NODE_ENV=production: list the origins',
});

/** One line naming every invalid variable, what it must be and (unless secret) what it was. */
function describe(error: z.ZodError, env: NodeJS.ProcessEnv): string {
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0]);
      const got = SECRET_VARIABLES.has(name) ? '' : `, got "${env[name]}"`;
      return `${name} ${issue.message}${got}`;
    })
    .join('; ');
}

/** Reads and checks every variable; throws one ConfigError naming all invalid ones. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ENVIRONMENT.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe(parsed.error, env));
  const v = parsed.data;
  return {
    databaseUrl: v.DATABASE_URL,
    port: v.PORT,
    host: v.HOST,
    dataDir: v.DATA_DIR,
    embeddedPgPort: v.EMBEDDED_PG_PORT,
    bootstrapOperatorKey: v.BOOTSTRAP_OPERATOR_KEY,
    nodeEnv: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    smtpUrl: v.SMTP_URL,
    acceptanceTimeoutMs: v.ACCEPTANCE_TIMEOUT,
    paymentTimeoutMs: v.PAYMENT_TIMEOUT,
    deliveryFallbackMs: v.DELIVERY_FALLBACK,
    deliveryFallbackIntegratedMs: v.DELIVERY_FALLBACK_INTEGRATED,
    closeAfterMs: v.CLOSE_AFTER,
    incidentCloseAfterMs: v.INCIDENT_CLOSE_AFTER,
    ratingWindowMs: v.RATING_WINDOW,
    timerIntervalMs: v.TIMER_INTERVAL,
    smtpTimeoutMs: v.SMTP_TIMEOUT,
    limits: {
      failedKeyChecksPerMinute: v.AUTH_FAILURES_PER_MINUTE,
      socketsPerKey: v.WS_MAX_SOCKETS_PER_KEY,
      socketBufferBytes: v.WS_MAX_BUFFERED_BYTES,
    },
    corsOrigins: v.CORS_ORIGINS,
    workers: v.WORKERS,
    sqlAnswers: v.SQL_ANSWERS === 'on',
  };
}

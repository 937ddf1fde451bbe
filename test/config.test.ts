import { loadConfig } from '../src/config';
import { buildServer, runServer } from './support/server-process';

/**
 * The configuration as an operator meets it: the built server started with one bad variable stops
 * with exit code 2 and one line on stderr naming the variable, what it must be and what it got
 * (never the value of a variable that may hold a password or a key).
 */

// Valid everywhere: if a bad value were accepted, the server would fail on this database at once
// (exit 1) instead of starting.
const BASE = { DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none', PORT: '0' };

beforeAll(() => buildServer(), 120_000);

const LOG_LEVELS = 'fatal, error, warn, info, debug, trace, silent';
const CASES: [string, Record<string, string>, string][] = [
  ['an unknown LOG_LEVEL', { LOG_LEVEL: 'verbose' }, `LOG_LEVEL must be one of ${LOG_LEVELS}, got "verbose"`],
  ['an unknown NODE_ENV', { NODE_ENV: 'prod' }, 'NODE_ENV must be one of development, production, test, got "prod"'],
  ['a HOST that is no host name', { HOST: 'not a host' }, 'HOST must be an IP address or a host name, such as 127.0.0.1 or 0.0.0.0, got "not a host"'],
  [
    'a HOST that does not resolve',
    { HOST: 'no-such-host.invalid' },
    'HOST must be an address of this machine, such as 127.0.0.1 or 0.0.0.0; "no-such-host.invalid" does not resolve',
  ],
  ['a HOST that is not an address of this machine', { HOST: '192.0.2.1' }, 'HOST must be an address of this machine, such as 127.0.0.1 or 0.0.0.0; 192.0.2.1 is not one of its addresses'],
  ['a PORT out of range', { PORT: '70000' }, 'PORT must be a port number from 0 to 65535, got "70000"'],
  ['an EMBEDDED_PG_PORT that is no number', { EMBEDDED_PG_PORT: 'abc' }, 'EMBEDDED_PG_PORT must be a port number from 1 to 65535, got "abc"'],
  ['a DATABASE_URL that is no URL', { DATABASE_URL: 'nonsense' }, 'DATABASE_URL must be a URL like postgres://user:password@host:5432/database'],
  [
    'a DATABASE_URL naming no database, without repeating its password',
    { DATABASE_URL: 'postgres://admin:s3cret@db.example:5432' },
    'DATABASE_URL must be a URL like postgres://user:password@host:5432/database',
  ],
  ['an SMTP_URL that is no SMTP URL', { SMTP_URL: 'bogus' }, 'SMTP_URL must be a URL like smtp://host:587 or smtps://user:password@host:465'],
  ['a BOOTSTRAP_OPERATOR_KEY with a space, without repeating it', { BOOTSTRAP_OPERATOR_KEY: 'my secret operator key' }, 'BOOTSTRAP_OPERATOR_KEY must be 16 to 256 characters without spaces'],
  [
    'a TIMER_INTERVAL beyond what a Node timer holds (~24.8 days)',
    { TIMER_INTERVAL: 'P30D' },
    'TIMER_INTERVAL must be an ISO-8601 duration from PT1S to PT1H, such as PT5S, got "P30D"',
  ],
  ['a TIMER_INTERVAL of a millisecond', { TIMER_INTERVAL: 'PT0.001S' }, 'TIMER_INTERVAL must be an ISO-8601 duration from PT1S to PT1H, such as PT5S, got "PT0.001S"'],
  ['a deadline a thousand years away', { ACCEPTANCE_TIMEOUT: 'P1000Y' }, 'ACCEPTANCE_TIMEOUT must be an ISO-8601 duration from PT1S to P365D, such as PT72H, got "P1000Y"'],
  ['a duration that is not ISO-8601', { CLOSE_AFTER: '30 days' }, 'CLOSE_AFTER must be an ISO-8601 duration from PT1S to P365D, such as P30D, got "30 days"'],
  ['an SMTP_TIMEOUT above ten minutes', { SMTP_TIMEOUT: 'PT1H' }, 'SMTP_TIMEOUT must be an ISO-8601 duration from PT1S to PT10M, such as PT1M, got "PT1H"'],
  [
    'two bad variables, both in one line',
    { LOG_LEVEL: 'verbose', NODE_ENV: 'prod' },
    `NODE_ENV must be one of development, production, test, got "prod"; LOG_LEVEL must be one of ${LOG_LEVELS}, got "verbose"`,
  ],
];

describe('the server refuses to start, with exit code 2 and one line, on', () => {
  it.each(CASES)('%s', async (_name, env, message) => {
    const { code, stdout, stderr } = await runServer({ ...BASE, ...env });
    expect({ code, stderr, stdout }).toEqual({ code: 2, stderr: [`configuration error: ${message}`], stdout: [] });
  });
});

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      port: 4000,
      host: '127.0.0.1',
      dataDir: '.data',
      embeddedPgPort: 54320,
      bootstrapOperatorKey: undefined,
      nodeEnv: 'development',
      logLevel: 'info',
      smtpUrl: undefined,
      acceptanceTimeoutMs: 72 * 3_600_000,
      paymentTimeoutMs: 10 * 86_400_000,
      deliveryFallbackMs: 14 * 86_400_000,
      deliveryFallbackIntegratedMs: 30 * 86_400_000,
      closeAfterMs: 30 * 86_400_000,
      incidentCloseAfterMs: 5 * 86_400_000,
      ratingWindowMs: 90 * 86_400_000,
      timerIntervalMs: 5_000,
      smtpTimeoutMs: 60_000,
      limits: { failedKeyChecksPerMinute: 10, socketsPerKey: 20, socketBufferBytes: 4 * 1024 * 1024 },
      corsOrigins: [],
      workers: 1,
      sqlAnswers: true,
    });
  });

  it.each([
    ['AUTH_FAILURES_PER_MINUTE', '0', 'AUTH_FAILURES_PER_MINUTE must be a whole number from 1 to 1000000, got "0"'],
    ['WS_MAX_SOCKETS_PER_KEY', 'many', 'WS_MAX_SOCKETS_PER_KEY must be a whole number from 1 to 1000000, got "many"'],
    ['WS_MAX_BUFFERED_BYTES', '1024', 'WS_MAX_BUFFERED_BYTES must be a whole number from 65536 to 1073741824, got "1024"'],
    ['WORKERS', '0', 'WORKERS must be a whole number from 1 to 64, got "0"'],
    ['SQL_ANSWERS', 'yes', 'SQL_ANSWERS must be on or off, got "yes"'],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('treats an empty variable as unset (its default applies)', () => {
    expect(loadConfig({ PORT: '', HOST: '', LOG_LEVEL: '', TIMER_INTERVAL: '', SMTP_URL: '' })).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      logLevel: 'info',
      timerIntervalMs: 5_000,
      smtpUrl: undefined,
    });
  });

  it('reads valid values at their bounds', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgresql://app:pw@db.internal:6543/orders',
        PORT: '0',
        HOST: '::1',
        EMBEDDED_PG_PORT: '65535',
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        SMTP_URL: 'smtps://mailer:pw@relay.example:465',
        TIMER_INTERVAL: 'PT1H',
        SMTP_TIMEOUT: 'PT1S',
        RATING_WINDOW: 'P365D',
        INCIDENT_CLOSE_AFTER: 'PT1S',
        SQL_ANSWERS: 'off',
      }),
    ).toMatchObject({
      sqlAnswers: false,
      databaseUrl: 'postgresql://app:pw@db.internal:6543/orders',
      port: 0,
      host: '::1',
      embeddedPgPort: 65535,
      nodeEnv: 'production',
      logLevel: 'silent',
      smtpUrl: 'smtps://mailer:pw@relay.example:465',
      timerIntervalMs: 3_600_000,
      smtpTimeoutMs: 1_000,
      ratingWindowMs: 365 * 86_400_000,
      incidentCloseAfterMs: 1_000,
    });
  });
});

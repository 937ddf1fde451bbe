import { randomBytes } from 'node:crypto';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Client } from 'pg';
import pino from 'pino';
import { App, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { roundTrips } from '../../src/db/transaction-pipelining';

export const OPERATOR_SECRET = 'sk_test_operator_secret_0123456789';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TestApp {
  app: App;
  databaseUrl: string;
  url: string;
  /** Sends an operation over real HTTP with `Authorization: Bearer <secret>` (none when secret is null). */
  request<T, V>(document: TypedDocumentNode<T, V>, variables: V, secret?: string | null): Promise<GraphQLResponse<T>>;
  /** Like request, but fails the test on any top-level error and returns data. */
  gql<T, V>(document: TypedDocumentNode<T, V>, variables: V, secret?: string | null): Promise<T>;
  /** Counts SQL statements issued while `work` runs. */
  countQueries(work: () => Promise<unknown>): Promise<number>;
  /** Counts the queries sent to PostgreSQL over the ORM's pool while `work` runs (several statements may share one: src/db/transaction-pipelining.ts). */
  countRoundTrips(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/** A fresh database on the test PostgreSQL (test/support/global-setup.mjs). */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run the tests through jest (npm test)');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Starts a real server (HTTP on a free port) on `databaseUrl`, or on a new database. Timers are driven by tests. */
export async function startTestApp(
  options: { databaseUrl?: string; env?: Record<string, string>; connectionInitWaitTimeoutMs?: number } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({ PORT: '0', BOOTSTRAP_OPERATOR_KEY: OPERATOR_SECRET, ...options.env });
  const app = await startApp(config, databaseUrl, {
    timers: false,
    logger: silentLogger,
    connectionInitWaitTimeoutMs: options.connectionInitWaitTimeoutMs,
  });
  const url = `http://127.0.0.1:${app.port}/graphql`;
  let queries = 0;
  app.orm.em.getKnex().on('query', () => (queries += 1));

  async function request<T, V>(document: TypedDocumentNode<T, V>, variables: V, secret: string | null = OPERATOR_SECRET) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret) headers.authorization = `Bearer ${secret}`;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  }

  return {
    app,
    databaseUrl,
    url,
    request,
    async gql(document, variables, secret) {
      const response = await request(document, variables, secret);
      if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
      return response.data!;
    },
    async countQueries(work) {
      const before = queries;
      await work();
      return queries - before;
    },
    async countRoundTrips(work) {
      const before = roundTrips.count;
      await work();
      return roundTrips.count - before;
    },
    close: () => app.stop(),
  };
}

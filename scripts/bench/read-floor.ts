import 'reflect-metadata';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { FLOOR_SQL } from './read-floor-sql';
import { BASELINE_ANSWER, BaselineName, ReadName } from './operations';

/**
 * The read floor (its own process): `pg` + `node:http` answering the benchmark's three reads with
 * the same JSON as the GraphQL server, one prepared statement each. It does what any server must
 * (read the body, pick the statement, scope to the shop, send the answer) and nothing else: no
 * authentication (the shop is fixed at start), no GraphQL. This is the practical limit the
 * server's figures are divided by.
 *   env: BENCH_DATABASE_URL, BENCH_PORT, BENCH_SHOP_UUID
 */
const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const shopUuid = process.env.BENCH_SHOP_UUID!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function orderUuidOf(globalId: unknown): string | null {
  if (typeof globalId !== 'string') return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const uuid = decoded.startsWith('Order:') ? decoded.slice('Order:'.length) : '';
  return UUID.test(uuid) ? uuid : null;
}

async function answer(body: string): Promise<string> {
  const request = JSON.parse(body) as { operationName?: ReadName | BaselineName; variables?: Record<string, unknown> };
  const name = request.operationName;
  if (name === 'Typename') return BASELINE_ANSWER;
  if (name === 'OrderById') {
    const uuid = orderUuidOf(request.variables?.id);
    if (!uuid) return '{"data":{"order":null}}';
    return (await pool.query<{ body: string }>({ name, text: FLOOR_SQL.OrderById, values: [shopUuid, uuid] })).rows[0].body;
  }
  if (name === 'OrdersPage' || name === 'ShippingPage') {
    return (await pool.query<{ body: string }>({ name, text: FLOOR_SQL[name], values: [shopUuid] })).rows[0].body;
  }
  throw new Error(`the floor answers OrdersPage, ShippingPage, OrderById and Typename, not ${name}`);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString('utf8')).then(
      (json) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error.message);
      },
    );
  });
}

const server = createServer({ keepAliveTimeout: 60_000 }, handle);
server.listen(Number(process.env.BENCH_PORT), '127.0.0.1', () => process.send?.('listening'));
// The benchmark went away: stop with it.
process.on('disconnect', () => process.exit(0));

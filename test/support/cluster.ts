import { Agent, request as httpRequest } from 'node:http';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { GraphQLResponse, OPERATOR_SECRET } from './app';

/**
 * Which process holds the server side of a TCP connection on 127.0.0.1, found the way `ss -p` does
 * (Linux only): the connection's inode in /proc/net/tcp, then the process whose descriptors name it.
 * With several workers behind one port, this is how a test knows which worker a client landed on.
 */
export function serverProcessOf(clientPort: number, serverPort: number, candidates: readonly number[]): number | undefined {
  const hex = (port: number) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const row = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1] === hex(serverPort) && fields[2] === hex(clientPort));
  if (!row) return undefined;
  const socket = `socket:[${row[9]}]`;
  return candidates.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === socket;
        } catch {
          return false; // closed meanwhile
        }
      });
    } catch {
      return false;
    }
  });
}

/**
 * One kept-alive HTTP connection to the server: every request of a lane goes over the same TCP
 * connection, so to the same worker; `request` fails the test if the connection was replaced.
 */
export class HttpLane {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  worker?: number;

  constructor(
    readonly port: number,
    private readonly workers: readonly number[],
  ) {}

  private send(method: string, path: string, body?: string, secret?: string | null): Promise<{ status: number; text: string; worker?: number }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
      if (secret) headers.authorization = `Bearer ${secret}`;
      const req = httpRequest({ host: '127.0.0.1', port: this.port, path, method, headers, agent: this.agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, worker: serverProcessOf(req.socket!.localPort!, this.port, this.workers) }));
      });
      req.once('error', reject);
      req.end(body);
    });
  }

  private async sendOnLane(method: string, path: string, body?: string, secret?: string | null): Promise<{ status: number; text: string }> {
    const answer = await this.send(method, path, body, secret);
    if (answer.worker === undefined) throw new Error('the lane cannot tell which worker answered');
    if (this.worker === undefined) this.worker = answer.worker;
    if (answer.worker !== this.worker) throw new Error(`the lane's connection moved from worker ${this.worker} to ${answer.worker}`);
    return answer;
  }

  /** Opens the connection (a health check) and learns its worker. */
  async open(): Promise<number> {
    await this.sendOnLane('GET', '/healthz');
    return this.worker!;
  }

  async request<T, V>(document: TypedDocumentNode<T, V>, variables: V, secret: string | null = OPERATOR_SECRET): Promise<GraphQLResponse<T>> {
    const { status, text } = await this.sendOnLane('POST', '/graphql', JSON.stringify({ query: print(document), variables }), secret);
    return { ...(JSON.parse(text) as GraphQLResponse<T>), status };
  }

  async gql<T, V>(document: TypedDocumentNode<T, V>, variables: V, secret?: string | null): Promise<T> {
    const response = await this.request(document, variables, secret);
    if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data!;
  }

  /** A sample of this worker's /metrics by its full name (with labels); 0 when it has none. */
  async metric(name: string): Promise<number> {
    const { text } = await this.sendOnLane('GET', '/metrics');
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : 0;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One lane per worker: connections are opened until every worker holds one (Linux round-robins them). */
export async function lanesToEveryWorker(port: number, workers: readonly number[]): Promise<Map<number, HttpLane>> {
  const lanes = new Map<number, HttpLane>();
  for (let attempt = 0; attempt < 20 && lanes.size < workers.length; attempt += 1) {
    const lane = new HttpLane(port, workers);
    const worker = await lane.open();
    if (lanes.has(worker)) lane.close();
    else lanes.set(worker, lane);
  }
  if (lanes.size < workers.length) throw new Error(`20 connections reached only ${lanes.size} of ${workers.length} workers`);
  return lanes;
}

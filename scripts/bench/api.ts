/** GraphQL over HTTP to a server the benchmark started (127.0.0.1 only). */
export class BenchApi {
  constructor(
    readonly port: number,
    private readonly operatorSecret: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  /** The response text as the server sent it (the read checks compare it byte for byte). */
  async raw(body: string, secret = this.operatorSecret): Promise<string> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${this.url}: ${text.slice(0, 500)}`);
    return text;
  }

  async request<T = any>(query: string, variables: Record<string, unknown> = {}, secret = this.operatorSecret): Promise<T> {
    const text = await this.raw(JSON.stringify({ query, variables }), secret);
    const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 1000)}`);
    return body.data!;
  }

  async ready(): Promise<boolean> {
    try {
      return (await fetch(`http://127.0.0.1:${this.port}/readyz`)).ok;
    } catch {
      return false;
    }
  }
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000, intervalMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The local id inside an opaque global id (base64url of "Type:id"). */
export function localIdOf(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

import WebSocket from 'ws';

/**
 * Another process seen through its inspector (it runs with --inspect=127.0.0.1:<port>): a CPU
 * profile of a window of its life (the same V8 sampling profiler as `node --cpu-prof`), its
 * `process.memoryUsage()`, and what its heap holds by constructor (a heap snapshot, summarised).
 */
export class Inspector {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Record<string, unknown>) => void>();
  private snapshotChunks: string[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; method?: string; params?: { chunk?: string }; result?: Record<string, unknown> };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message.result ?? {});
      else if (message.method === 'HeapProfiler.addHeapSnapshotChunk') this.snapshotChunks.push(message.params!.chunk!);
    });
  }

  static async connect(inspectorPort: number): Promise<Inspector> {
    const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const socket = new WebSocket(target.webSocketDebuggerUrl, { maxPayload: 1024 * 1024 * 1024 });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Inspector(socket);
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async startProfile(): Promise<void> {
    await this.call('Profiler.enable');
    await this.call('Profiler.setSamplingInterval', { interval: 500 });
    await this.call('Profiler.start');
  }

  /** The profile since `startProfile()`, in the .cpuprofile format. */
  async stopProfile(): Promise<unknown> {
    return (await this.call('Profiler.stop')).profile;
  }

  /** A full garbage collection, so what is measured next is what is still referenced. */
  async collectGarbage(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
  }

  async memoryUsage(): Promise<NodeJS.MemoryUsage> {
    const { result } = (await this.call('Runtime.evaluate', { expression: 'process.memoryUsage()', returnByValue: true })) as { result: { value: NodeJS.MemoryUsage } };
    return result.value;
  }

  /** Bytes (self size) and counts of the heap's objects by kind and constructor name ("object Foo", "closure bar", "string"). */
  async heapByConstructor(): Promise<Map<string, { bytes: number; count: number }>> {
    this.snapshotChunks = [];
    await this.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = JSON.parse(this.snapshotChunks.join('')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
      strings: string[];
    };
    this.snapshotChunks = [];
    const fields = snapshot.snapshot.meta.node_fields;
    const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
    const types = snapshot.snapshot.meta.node_types[0];
    const totals = new Map<string, { bytes: number; count: number }>();
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
      const type = types[snapshot.nodes[i + typeAt]];
      const key = type === 'object' || type === 'closure' || type === 'native' ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt]]}` : type;
      const total = totals.get(key) ?? { bytes: 0, count: 0 };
      total.bytes += snapshot.nodes[i + sizeAt];
      total.count += 1;
      totals.set(key, total);
    }
    return totals;
  }

  close(): void {
    this.socket.close();
  }
}

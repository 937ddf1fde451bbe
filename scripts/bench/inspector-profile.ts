import WebSocket from 'ws';

/**
 * A CPU profile of a window of another process's life, through its inspector (the process runs
 * with --inspect=127.0.0.1:<port>): the same V8 sampling profiler as `node --cpu-prof`, started
 * and stopped around the part being measured rather than over the whole run.
 */
export class InspectorProfiler {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Record<string, unknown>) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message.result ?? {});
    });
  }

  static async connect(inspectorPort: number): Promise<InspectorProfiler> {
    const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const profiler = new InspectorProfiler(socket);
    await profiler.call('Profiler.enable');
    await profiler.call('Profiler.setSamplingInterval', { interval: 500 });
    return profiler;
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  start(): Promise<unknown> {
    return this.call('Profiler.start');
  }

  /** The profile since `start()`, in the .cpuprofile format. */
  async stop(): Promise<unknown> {
    return (await this.call('Profiler.stop')).profile;
  }

  close(): void {
    this.socket.close();
  }
}

import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { EngineError } from '../errors.js';

export interface QmpEvents {
  event: [name: string, data: unknown];
  close: [];
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  command: string;
}

/**
 * A QMP client: one JSON object per line each way; replies carry our `id`, asynchronous
 * events may arrive between them. Used to wake QEMU's main loop (its UART input stall),
 * to watch the guest, and to reset and quit.
 */
export class QmpClient extends EventEmitter<QmpEvents> {
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private greeting: ((value: void) => void) | undefined;

  private constructor(private readonly socket: Socket) {
    super();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', () => undefined); // 'close' follows
    socket.on('close', () => {
      for (const [id, pending] of this.pending) {
        clearTimeout(pending.timer);
        pending.reject(new EngineError('ENGINE_EXITED', `QMP connection closed while '${pending.command}' was pending`));
        this.pending.delete(id);
      }
      this.emit('close');
    });
  }

  /** Connects (retrying while QEMU creates the socket) and negotiates capabilities. */
  static async connect(path: string, timeoutMs: number): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const socket = connect(path, () => resolve(socket));
          socket.once('error', reject);
        });
        const client = new QmpClient(socket);
        await client.handshake(Math.max(deadline - Date.now(), 100));
        return client;
      } catch (error) {
        if (Date.now() >= deadline) throw new EngineError('ENGINE_START', `no QMP on ${path} within ${timeoutMs} ms`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }

  private async handshake(timeoutMs: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new EngineError('ENGINE_START', 'QMP greeting did not arrive')), timeoutMs);
      this.greeting = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    await this.execute('qmp_capabilities', undefined, timeoutMs);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let newline = this.buffer.indexOf('\n'); newline >= 0; newline = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.onMessage(JSON.parse(line) as Record<string, unknown>);
    }
  }

  private onMessage(message: Record<string, unknown>): void {
    if ('QMP' in message) {
      this.greeting?.();
      this.greeting = undefined;
      return;
    }
    if (typeof message.event === 'string') {
      this.emit('event', message.event, message.data);
      return;
    }
    const id = String(message.id);
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if ('error' in message) {
      const error = message.error as { class?: string; desc?: string };
      pending.reject(new EngineError('ENGINE_START', `QMP '${pending.command}' failed: ${error.class}: ${error.desc}`));
    } else {
      pending.resolve(message.return);
    }
  }

  /** Runs one QMP command; rejects on a QMP error or after `timeoutMs`. */
  execute(command: string, args?: Record<string, unknown>, timeoutMs = 5000): Promise<unknown> {
    if (this.socket.destroyed) return Promise.reject(new EngineError('ENGINE_EXITED', `QMP is closed; cannot run '${command}'`));
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new EngineError('TIMEOUT', `QMP '${command}' got no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, command });
      this.socket.write(`${JSON.stringify({ execute: command, id, ...(args ? { arguments: args } : {}) })}\n`);
    });
  }

  /** A human-monitor command through QMP (e.g. `info registers`); returns its text. */
  async hmp(commandLine: string, timeoutMs = 5000): Promise<string> {
    return String(await this.execute('human-monitor-command', { 'command-line': commandLine }, timeoutMs));
  }

  async status(timeoutMs = 5000): Promise<string> {
    const reply = (await this.execute('query-status', undefined, timeoutMs)) as { status?: string };
    return String(reply.status);
  }

  close(): void {
    this.socket.destroy();
  }
}

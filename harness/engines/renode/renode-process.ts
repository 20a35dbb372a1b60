import { EventEmitter } from 'node:events';
import { execa, type ResultPromise } from 'execa';
import { registerCleanup } from '../../transport/cleanup-registry.js';
import { RenodeStartError } from './errors.js';
import { freeTcpPort } from './free-port.js';
import { MonitorClient } from './monitor-client.js';
import type { LogLineSource } from './monitor-port.js';

export interface RenodeProcessOptions {
  /** The renode executable (or a wrapper); default `renode` from PATH. */
  readonly renodePath?: string;
  /** Monitor port; default a free port picked by us (1.16.1 has no `-P 0`). */
  readonly port?: number;
  /** Extra arguments after ours. */
  readonly extraArgs?: readonly string[];
  readonly cwd?: string;
  /** Time for Renode to start and show its monitor prompt. Default 60 s (cold .NET start). */
  readonly startTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
}

export interface RenodeProcessEvents {
  line: [line: string];
  exit: [code: number | undefined, signal: string | undefined];
}

const KEPT_LINES = 40;
const PORT_LINE = /Monitor available in telnet mode on port (\d+)/;

/**
 * One Renode process, headless, with its telnet monitor connected. Its stdout is the log
 * (the monitor socket never carries log lines); every line is emitted as `line`. The pid
 * is registered for cleanup so an aborted test run leaves no Renode behind.
 */
export class RenodeProcess extends EventEmitter<RenodeProcessEvents> implements LogLineSource {
  readonly recentLines: string[] = [];
  exited = false;
  private partial = '';
  private readonly unregister: () => void;

  private constructor(
    private readonly child: ResultPromise,
    readonly port: number,
    public monitor: MonitorClient | undefined,
  ) {
    super();
    const pid = child.pid;
    this.unregister = registerCleanup(() => {
      if (pid !== undefined && !this.exited) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => this.onOutput(text));
    child.stderr?.on('data', (text: string) => this.onOutput(text));
    void child.then((result) => {
      this.exited = true;
      this.unregister();
      this.emit('exit', result.exitCode, result.signal ?? undefined);
    });
  }

  static async start(options: RenodeProcessOptions = {}): Promise<RenodeProcess> {
    const renodePath = options.renodePath ?? 'renode';
    const port = options.port ?? (await freeTcpPort());
    const args = ['--disable-xwt', '--plain', '-P', String(port), ...(options.extraArgs ?? [])];
    const child = execa(renodePath, args, {
      cwd: options.cwd,
      stdin: 'ignore',
      buffer: false,
      reject: false,
      cleanup: true, // execa kills it if this Node process exits
    });
    const spawned = new RenodeProcess(child, port, undefined);
    try {
      spawned.monitor = await spawned.connectMonitor(renodePath, options);
    } catch (error) {
      await spawned.kill();
      throw error;
    }
    return spawned;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  onLine(listener: (line: string) => void): () => void {
    this.on('line', listener);
    return () => this.off('line', listener);
  }

  /** `quit` over the monitor; SIGTERM, then SIGKILL, if Renode does not exit in time. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.exited && this.monitor && !this.monitor.closed) await this.monitor.quit(graceMs).catch(() => false);
    this.monitor?.close();
    if (!(await this.waitExit(graceMs))) await this.kill();
  }

  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    if (!(await this.waitExit(2000))) {
      this.child.kill('SIGKILL');
      await this.waitExit(2000);
    }
  }

  private waitExit(ms: number): Promise<boolean> {
    if (this.exited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private async connectMonitor(renodePath: string, options: RenodeProcessOptions): Promise<MonitorClient> {
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    let port = this.port;
    const announced = (line: string) => {
      const match = PORT_LINE.exec(line);
      if (match) port = Number(match[1]);
    };
    this.on('line', announced);
    try {
      for (;;) {
        if (this.exited) throw new RenodeStartError(`'${renodePath}' exited before its monitor came up`, this.recentLines);
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new RenodeStartError(`Renode's monitor did not come up on port ${port} within ${options.startTimeoutMs ?? 60_000} ms`, this.recentLines);
        }
        try {
          return await MonitorClient.connect({ port, connectTimeoutMs: Math.min(left, 15_000), commandTimeoutMs: options.commandTimeoutMs });
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200)); // not listening yet
        }
      }
    } finally {
      this.off('line', announced);
    }
  }

  private onOutput(text: string): void {
    const lines = (this.partial + text).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      this.recentLines.push(line);
      if (this.recentLines.length > KEPT_LINES) this.recentLines.shift();
      this.emit('line', line);
    }
  }
}

import { execa, type ResultPromise } from 'execa';
import { registerProcess } from '../transport/cleanup-registry.js';
import { EngineError } from './errors.js';

export interface ExitInfo {
  readonly code: number | undefined;
  readonly signal: string | undefined;
}

const STDERR_TAIL = 64 * 1024;

/**
 * A child process we own: its stderr is kept (tail), its exit is observable, and it is
 * registered for killing so it cannot outlive us, whatever happens to the test.
 */
export class TrackedProcess {
  private stderrText = '';
  private stdoutText = '';
  private exitInfo: ExitInfo | undefined;
  readonly exited: Promise<ExitInfo>;
  private readonly unregister: () => void;

  private constructor(
    readonly name: string,
    private readonly child: ResultPromise,
  ) {
    this.unregister = registerProcess(child.pid);
    child.stderr?.setEncoding('utf8');
    child.stdout?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => (this.stderrText = (this.stderrText + text).slice(-STDERR_TAIL)));
    child.stdout?.on('data', (text: string) => (this.stdoutText = (this.stdoutText + text).slice(-STDERR_TAIL)));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code: code ?? undefined, signal: signal ?? undefined };
        this.unregister();
        resolve(this.exitInfo);
      });
    });
    // execa's own promise rejects on spawn failure; the exit event covers the rest.
    child.catch(() => undefined);
  }

  /** Spawns `binary`; rejects with ENGINE_NOT_FOUND when it does not exist. */
  static async spawn(name: string, binary: string, args: readonly string[], env: Record<string, string> = {}): Promise<TrackedProcess> {
    const child = execa(binary, args, { env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', reject: false, buffer: false, cleanup: true });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new EngineError('ENGINE_NOT_FOUND', `${name}: '${binary}' not found (is it installed and on PATH?)`, { cause: error })
            : new EngineError('ENGINE_START', `${name}: cannot start '${binary}': ${error.message}`, { cause: error }),
        );
      });
    });
    return new TrackedProcess(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  describeExit(info: ExitInfo): string {
    const how = info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
    const tail = this.stderrText.trim().split('\n').slice(-5).join(' | ');
    return `${this.name} ${how}${tail ? `; stderr: ${tail}` : ''}`;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  async stop(graceMs = 2000): Promise<ExitInfo> {
    if (this.exitInfo) return this.exitInfo;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }
}

import { EventEmitter } from 'node:events';
import { connect as connectTcp, type Socket } from 'node:net';
import { RenodeCommandError, RenodeConnectionError, RenodeTimeoutError } from './errors.js';
import { parseReply } from './monitor-reply.js';
import { findPrompt } from './monitor-prompt.js';
import { MonitorTextBuffer, RED_MARK } from './monitor-text.js';

export interface MonitorClientOptions {
  readonly port: number;
  readonly host?: string;
  /** Time allowed for the TCP connection and Renode's greeting prompt. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Default time limit of one command, from the moment it is sent. Default 10 s. */
  readonly commandTimeoutMs?: number;
}

export interface CommandOptions {
  readonly timeoutMs?: number;
}

export interface MonitorStats {
  /** Commands sent. */
  commands: number;
  /** Socket writes: commands issued in the same event-loop turn share one write. */
  writes: number;
  /** Replies received (the greeting not counted). */
  replies: number;
  bytesIn: number;
  bytesOut: number;
}

export interface MonitorClientEvents {
  /** The connection closed (Renode quit or died). */
  close: [];
}

interface Pending {
  readonly command: string;
  readonly timeoutMs: number;
  resolve(output: string): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
  /** Rejected by its timeout: its reply is still expected and is then dropped. */
  abandoned: boolean;
  sent: boolean;
}

const GREETING = '';

/**
 * A client of Renode's telnet monitor (`-P PORT`). Commands are serialised: each is sent
 * as one line and its reply is the text up to the next prompt. Commands issued while
 * others are in flight are pipelined, and all commands issued in one event-loop turn go
 * out in one socket write; Renode executes them one after the other, so replies come back
 * in order. Renode serves one client at a time.
 */
export class MonitorClient extends EventEmitter<MonitorClientEvents> {
  readonly stats: MonitorStats = { commands: 0, writes: 0, replies: 0, bytesIn: 0, bytesOut: 0 };
  /** What Renode printed before its first prompt (`Renode, version ...`). */
  banner = '';
  /** Name in the current prompt: `monitor`, or the machine after `mach create`. */
  promptName = '';

  private readonly text = new MonitorTextBuffer();
  private readonly pending: Pending[] = [];
  private outbox: Pending[] = [];
  private flushScheduled = false;
  private closedWith: Error | undefined;
  private readonly defaultTimeoutMs: number;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    options: MonitorClientOptions,
  ) {
    super();
    this.defaultTimeoutMs = options.commandTimeoutMs ?? 10_000;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.shutdown(new RenodeConnectionError(`monitor connection to port ${port} failed: ${error.message}`)));
    socket.on('close', () => this.shutdown(new RenodeConnectionError(`monitor connection to port ${port} closed`)));
  }

  /** Connects and waits for Renode's greeting and first prompt. */
  static async connect(options: MonitorClientOptions): Promise<MonitorClient> {
    const host = options.host ?? '127.0.0.1';
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connectTcp({ host, port: options.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new RenodeConnectionError(`could not connect to the Renode monitor at ${host}:${options.port} within ${timeoutMs} ms`));
      }, timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (error) => {
        clearTimeout(timer);
        reject(new RenodeConnectionError(`could not connect to the Renode monitor at ${host}:${options.port}: ${error.message}`));
      });
    });
    const client = new MonitorClient(socket, options.port, options);
    try {
      // The greeting is a reply without a command: banner, then the prompt.
      client.banner = await client.enqueue(GREETING, timeoutMs, false);
    } catch (error) {
      client.close();
      if (error instanceof RenodeTimeoutError) {
        throw new RenodeConnectionError(
          `the Renode monitor at ${host}:${options.port} accepted the connection but showed no prompt within ${timeoutMs} ms ` +
            '(another client may be connected: Renode serves one at a time)',
        );
      }
      throw error;
    }
    return client;
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Runs one command; resolves with its output, rejects with RenodeCommandError on an error. */
  execute(command: string, options: CommandOptions = {}): Promise<string> {
    return this.enqueue(command, options.timeoutMs ?? this.defaultTimeoutMs, true);
  }

  /**
   * Sends several commands in one write and resolves with their outputs, in order. If any
   * fails, all are still run (Renode does not stop) and the first error is thrown.
   */
  async batch(commands: readonly string[], options: CommandOptions = {}): Promise<string[]> {
    const replies = commands.map((command) => this.execute(command, options));
    const settled = await Promise.allSettled(replies);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((result) => (result as PromiseFulfilledResult<string>).value);
  }

  /**
   * Sends `quit` and waits until Renode closes the connection (it prints "Renode is
   * quitting" and exits; no prompt follows). Resolves false if it did not within `timeoutMs`.
   */
  async quit(timeoutMs = 5000): Promise<boolean> {
    if (this.closed) return true;
    const closed = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    // Not through the queue: its "reply" is the connection closing.
    this.write('quit\n');
    const done = await closed;
    if (!done) this.close();
    return done;
  }

  /** Closes the connection; pending commands fail with RenodeConnectionError. */
  close(): void {
    this.socket.destroy();
    this.shutdown(new RenodeConnectionError(`monitor connection to port ${this.port} was closed by the harness`));
  }

  private enqueue(command: string, timeoutMs: number, send: boolean): Promise<string> {
    if (/[\r\n]/.test(command)) {
      return Promise.reject(new RenodeCommandError(command, 'a command must be one line: \\r and \\n each count as Enter'));
    }
    if (this.closedWith) return Promise.reject(new RenodeConnectionError(this.closedWith.message, command));
    return new Promise<string>((resolve, reject) => {
      const entry: Pending = { command, timeoutMs, resolve, reject, abandoned: false, sent: !send };
      this.pending.push(entry);
      if (send) {
        this.outbox.push(entry);
        this.scheduleFlush();
      } else {
        this.startTimer(entry);
      }
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate runs after the caller's synchronous code and all its promise
    // continuations, so the writes of one icmsg message (packet, index, doorbell), each
    // issued after awaiting the previous write-behind, leave in one TCP segment.
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = this.outbox;
      this.outbox = [];
      if (batch.length === 0 || this.closedWith) return;
      for (const entry of batch) {
        entry.sent = true;
        this.startTimer(entry);
      }
      this.stats.commands += batch.length;
      this.write(batch.map((entry) => `${entry.command}\n`).join(''));
    });
  }

  private write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.stats.writes++;
    this.stats.bytesOut += bytes.length;
    this.socket.write(bytes);
  }

  private startTimer(entry: Pending): void {
    entry.timer = setTimeout(() => {
      entry.abandoned = true;
      const partial = this.pending[0] === entry ? this.text.text : '';
      entry.reject(new RenodeTimeoutError(entry.command || '(greeting)', entry.timeoutMs, partial));
    }, entry.timeoutMs);
  }

  private onData(chunk: Buffer): void {
    this.stats.bytesIn += chunk.length;
    this.text.push(chunk);
    for (;;) {
      const head = this.pending[0];
      if (!head || !head.sent) break;
      const next = this.pending[1];
      const search = findPrompt(this.text.text, next?.sent ? next.command : undefined);
      if (!search.found) break;
      const segment = this.text.take(search.found.end).slice(0, search.found.replyEnd);
      this.promptName = search.found.name;
      if (isStale(head.command, segment)) continue; // output queued before we connected
      this.pending.shift();
      clearTimeout(head.timer);
      if (head.abandoned) continue;
      const reply = parseReply(head.command, segment);
      if (head.command !== GREETING) this.stats.replies++;
      if (reply.error !== undefined && head.command !== GREETING) head.reject(new RenodeCommandError(head.command, reply.error));
      else head.resolve(reply.output);
    }
    // Text with nobody waiting for it (e.g. after a timeout gave up) must not pile up.
    if (this.pending.length === 0 && this.text.text.length > 1 << 20) this.text.take(this.text.text.length);
  }

  private shutdown(error: Error): void {
    if (this.closedWith) return;
    this.closedWith = error;
    for (const entry of this.pending.splice(0)) {
      clearTimeout(entry.timer);
      if (!entry.abandoned) entry.reject(new RenodeConnectionError(error.message, entry.command || undefined));
    }
    this.outbox = [];
    this.emit('close');
  }
}

/**
 * Renode queues output made while no client was connected and sends it on connect, so a
 * prompt can arrive that belongs to no command of ours. A reply starts with the echo of its
 * command; only the start is compared, in case line editing redraws a long line.
 */
function isStale(command: string, segment: string): boolean {
  if (command === GREETING) return false;
  const start = command.slice(0, 8);
  return !segment.replaceAll(RED_MARK, '').startsWith(start);
}

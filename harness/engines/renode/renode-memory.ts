import { checkBounds, type SharedMemory } from '../../wire/shared-memory.js';
import { monitorCommand, parseBytes, parseDoubleWord } from './monitor-format.js';
import type { MonitorPort } from './monitor-port.js';

export interface RenodeMemoryOptions {
  readonly monitor: MonitorPort;
  /** Bus address of offset 0 (e.g. the shared SRAM, 0x20070000). */
  readonly base: number;
  readonly size: number;
  /**
   * Resolve writes as soon as they are queued instead of after Renode's prompt. Order is
   * kept (one monitor, commands run in the order sent, and every read waits for its reply,
   * which comes after all earlier writes), so a send costs one awaited round trip instead
   * of three. A failed write is reported by the next access. Default true.
   */
  readonly writeBehind?: boolean;
  /** Longest ReadBytes/WriteBytes per command; longer accesses are split. Default 512. */
  readonly maxBytesPerCommand?: number;
}

/**
 * SharedMemory over Renode's monitor: reads and writes go to the system bus with
 * `sysbus ReadBytes/WriteBytes/ReadDoubleWord/WriteDoubleWord`. Words use the double-word
 * accessors, so a 32-bit index is read and written in one bus access, as a core would.
 */
export class RenodeMemory implements SharedMemory {
  readonly size: number;
  /** Accesses made; reads wait for Renode's reply (one blocking round trip each). */
  readonly stats = { reads: 0, writes: 0 };
  private readonly monitor: MonitorPort;
  private readonly base: number;
  private readonly writeBehind: boolean;
  private readonly chunk: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private failure: Error | undefined;

  constructor(options: RenodeMemoryOptions) {
    this.monitor = options.monitor;
    this.base = options.base;
    this.size = options.size;
    this.writeBehind = options.writeBehind ?? true;
    this.chunk = options.maxBytesPerCommand ?? 512;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkBounds(offset, length, this.size);
    this.throwIfFailed();
    this.stats.reads++;
    const parts: Promise<Uint8Array>[] = [];
    for (let at = 0; at < length; at += this.chunk) {
      const count = Math.min(this.chunk, length - at);
      const command = monitorCommand.readBytes(this.base + offset + at, count);
      parts.push(this.monitor.execute(command).then((output) => parseBytes(command, output, count)));
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const part of await Promise.all(parts)) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  async write(offset: number, bytes: Uint8Array): Promise<void> {
    checkBounds(offset, bytes.length, this.size);
    this.throwIfFailed();
    this.stats.writes++;
    const sent: Promise<string>[] = [];
    for (let at = 0; at < bytes.length; at += this.chunk) {
      const part = bytes.subarray(at, Math.min(bytes.length, at + this.chunk));
      sent.push(this.monitor.execute(monitorCommand.writeBytes(this.base + offset + at, part)));
    }
    await this.settle(sent);
  }

  async readU32(offset: number): Promise<number> {
    checkBounds(offset, 4, this.size);
    this.throwIfFailed();
    this.stats.reads++;
    const command = monitorCommand.readDoubleWord(this.base + offset);
    return parseDoubleWord(command, await this.monitor.execute(command));
  }

  async writeU32(offset: number, value: number): Promise<void> {
    checkBounds(offset, 4, this.size);
    this.throwIfFailed();
    this.stats.writes++;
    await this.settle([this.monitor.execute(monitorCommand.writeDoubleWord(this.base + offset, value))]);
  }

  /** Waits until every queued write has been applied; throws the first write failure. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    this.throwIfFailed();
  }

  private async settle(sent: Promise<string>[]): Promise<void> {
    if (!this.writeBehind) {
      await Promise.all(sent);
      return;
    }
    for (const promise of sent) {
      const tracked = promise.then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= error instanceof Error ? error : new Error(String(error));
        },
      );
      this.inFlight.add(tracked);
      void tracked.finally(() => this.inFlight.delete(tracked));
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

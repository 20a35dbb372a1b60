import type { SharedMemory } from '../../harness/wire/shared-memory.js';

/**
 * Delays every access by a random number of event-loop turns so that the two sides' reads
 * and writes interleave in many orders. Order within one side is kept (each side awaits).
 */
export class YieldingMemory implements SharedMemory {
  constructor(
    private readonly inner: SharedMemory,
    private readonly turns: () => number,
  ) {}

  get size(): number {
    return this.inner.size;
  }

  private async yieldTurns(): Promise<void> {
    for (let i = this.turns(); i > 0; i--) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    await this.yieldTurns();
    return this.inner.read(offset, length);
  }

  async write(offset: number, bytes: Uint8Array): Promise<void> {
    await this.yieldTurns();
    return this.inner.write(offset, bytes);
  }

  async readU32(offset: number): Promise<number> {
    await this.yieldTurns();
    return this.inner.readU32(offset);
  }

  async writeU32(offset: number, value: number): Promise<void> {
    await this.yieldTurns();
    return this.inner.writeU32(offset, value);
  }
}

import { checkBounds, type SharedMemory } from '../wire/shared-memory.js';

/** Shared memory backed by a Buffer in this process: two sessions in one process share it. */
export class BufferMemory implements SharedMemory {
  readonly bytes: Buffer;

  constructor(sizeOrBytes: number | Buffer) {
    this.bytes = typeof sizeOrBytes === 'number' ? Buffer.alloc(sizeOrBytes) : sizeOrBytes;
  }

  get size(): number {
    return this.bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkBounds(offset, length, this.size);
    // A copy: the caller must not see later writes of the other side through it.
    return Uint8Array.prototype.slice.call(this.bytes, offset, offset + length);
  }

  async write(offset: number, bytes: Uint8Array): Promise<void> {
    checkBounds(offset, bytes.length, this.size);
    this.bytes.set(bytes, offset);
  }

  async readU32(offset: number): Promise<number> {
    checkBounds(offset, 4, this.size);
    return this.bytes.readUInt32LE(offset);
  }

  async writeU32(offset: number, value: number): Promise<void> {
    checkBounds(offset, 4, this.size);
    this.bytes.writeUInt32LE(value >>> 0, offset);
  }
}

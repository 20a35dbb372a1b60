/**
 * The one thing the wire formats need from the world: a window of bytes that another core
 * may read and write at the same time. Asynchronous, because the memory may be an emulator's
 * RAM reached over a socket; an implementation must apply writes in the order they are issued
 * (that order is the memory barrier the wire formats rely on).
 */
export interface SharedMemory {
  /** Size of the window in bytes; valid offsets are 0 .. size-1. */
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  write(offset: number, bytes: Uint8Array): Promise<void>;
  /** Little-endian u32, offset a multiple of 4. */
  readU32(offset: number): Promise<number>;
  writeU32(offset: number, value: number): Promise<void>;
}

export class MemoryBoundsError extends RangeError {
  override readonly name = 'MemoryBoundsError';
  constructor(
    readonly offset: number,
    readonly length: number,
    readonly size: number,
  ) {
    super(`access of ${length} byte(s) at offset ${offset} is outside the ${size}-byte window`);
  }
}

/** Throws MemoryBoundsError unless [offset, offset+length) lies inside a window of `size`. */
export function checkBounds(offset: number, length: number, size: number): void {
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new MemoryBoundsError(offset, length, size);
  }
}

/** A sub-window of another SharedMemory: every access is bounds-checked against the window. */
export class MemoryWindow implements SharedMemory {
  constructor(
    private readonly parent: SharedMemory,
    readonly base: number,
    readonly size: number,
  ) {
    checkBounds(base, size, parent.size);
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    checkBounds(offset, length, this.size);
    return this.parent.read(this.base + offset, length);
  }

  write(offset: number, bytes: Uint8Array): Promise<void> {
    checkBounds(offset, bytes.length, this.size);
    return this.parent.write(this.base + offset, bytes);
  }

  readU32(offset: number): Promise<number> {
    checkBounds(offset, 4, this.size);
    return this.parent.readU32(this.base + offset);
  }

  writeU32(offset: number, value: number): Promise<void> {
    checkBounds(offset, 4, this.size);
    return this.parent.writeU32(this.base + offset, value);
  }
}

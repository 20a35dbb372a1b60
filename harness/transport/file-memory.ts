import { closeSync, ftruncateSync, openSync, readSync, writeSync, constants } from 'node:fs';
import { checkBounds, type SharedMemory } from '../wire/shared-memory.js';

/**
 * Shared memory backed by a file (e.g. /dev/shm/NAME), reached with pread/pwrite. QEMU maps
 * the same file as guest RAM (`memory-backend-file,share=on`), a native peer mmaps it.
 * pread/pwrite are synchronous (~0.5 us): cheaper than any async round trip, and ordered.
 */
export class FileMemory implements SharedMemory {
  private fd: number | undefined;
  private readonly word = Buffer.alloc(4);

  private constructor(
    readonly path: string,
    readonly size: number,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Creates (or truncates) `path` to `size` zero bytes. */
  static create(path: string, size: number): FileMemory {
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC, 0o600);
    ftruncateSync(fd, size);
    return new FileMemory(path, size, fd);
  }

  /** Opens an existing file of at least `size` bytes. */
  static open(path: string, size: number): FileMemory {
    return new FileMemory(path, size, openSync(path, constants.O_RDWR));
  }

  private handle(): number {
    if (this.fd === undefined) throw new Error(`shared memory file ${this.path} is closed`);
    return this.fd;
  }

  readSync(offset: number, length: number): Uint8Array {
    checkBounds(offset, length, this.size);
    const out = new Uint8Array(length);
    readSync(this.handle(), out, 0, length, offset);
    return out;
  }

  writeSync(offset: number, bytes: Uint8Array): void {
    checkBounds(offset, bytes.length, this.size);
    writeSync(this.handle(), bytes, 0, bytes.length, offset);
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.readSync(offset, length);
  }

  async write(offset: number, bytes: Uint8Array): Promise<void> {
    this.writeSync(offset, bytes);
  }

  async readU32(offset: number): Promise<number> {
    checkBounds(offset, 4, this.size);
    readSync(this.handle(), this.word, 0, 4, offset);
    return this.word.readUInt32LE(0);
  }

  async writeU32(offset: number, value: number): Promise<void> {
    checkBounds(offset, 4, this.size);
    // The scratch word is safe to share: writeSync has finished with it before we return.
    this.word.writeUInt32LE(value >>> 0, 0);
    writeSync(this.handle(), this.word, 0, 4, offset);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

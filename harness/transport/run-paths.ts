import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every file and socket this harness creates starts with this, so leaks can be found. */
export const RESOURCE_PREFIX = 'icmsg-harness-';

/** Shared-memory files go to /dev/shm (RAM) where it exists; sockets to the temp directory. */
export function sharedMemoryDirectory(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** A unique name for one run: prefix, pid and a random tag. */
export function runTag(): string {
  return `${RESOURCE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
}

export interface RunPaths {
  readonly tag: string;
  readonly sharedMemory: string;
  readonly doorbellSocket: string;
  readonly qmpSocket: string;
}

export function runPaths(tag = runTag()): RunPaths {
  // Unix socket paths are limited to ~107 bytes: keep them in the temp directory, short.
  return {
    tag,
    sharedMemory: join(sharedMemoryDirectory(), `${tag}.mem`),
    doorbellSocket: join(tmpdir(), `${tag}.db.sock`),
    qmpSocket: join(tmpdir(), `${tag}.qmp.sock`),
  };
}

import type { Doorbell } from '../session/doorbell.js';
import { MemoryWindow, type SharedMemory } from '../wire/shared-memory.js';
import { BufferMemory } from './buffer-memory.js';
import { InProcessDoorbell } from './in-process-doorbell.js';

export interface LinkEnd {
  readonly tx: SharedMemory;
  readonly rx: SharedMemory;
  readonly doorbell: Doorbell;
}

export interface InProcessLink {
  readonly memory: BufferMemory;
  /** Plays the application core; its tx-region is region A. */
  readonly a: LinkEnd;
  /** Plays the remote core; its tx-region is region B. */
  readonly b: LinkEnd;
}

/** Two icmsg regions in one buffer, crossed the way two cores' devicetrees cross them. */
export function createInProcessLink(regionSize = 0x800): InProcessLink {
  const memory = new BufferMemory(regionSize * 2);
  const regionA = new MemoryWindow(memory, 0, regionSize);
  const regionB = new MemoryWindow(memory, regionSize, regionSize);
  const [doorbellA, doorbellB] = InProcessDoorbell.pair();
  return {
    memory,
    a: { tx: regionA, rx: regionB, doorbell: doorbellA },
    b: { tx: regionB, rx: regionA, doorbell: doorbellB },
  };
}

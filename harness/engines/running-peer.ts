import type { Doorbell } from '../session/doorbell.js';
import type { DoorbellSocketServer } from '../transport/doorbell-socket.js';
import type { FileMemory } from '../transport/file-memory.js';
import type { EngineError } from './errors.js';
import type { AddressSpan } from './platform.js';

/**
 * A remote core that runs: an emulator with firmware, or a native peer program. The harness
 * reaches it only through shared memory and doorbells, so everything above is engine-agnostic.
 */
export interface RunningPeer {
  readonly engine: 'qemu' | 'native';
  /** The shared-memory file; file offset 0 is address `memoryBase`. */
  readonly memory: FileMemory;
  readonly memoryBase: number;
  readonly doorbells: DoorbellSocketServer;
  /** The session's doorbell (icmsg channels), engine quirks handled. */
  readonly icmsgDoorbell: Doorbell;
  /** Our stub's control doorbell (channels 2 and 3), engine quirks handled. */
  readonly controlDoorbell: Doorbell;
  readonly hostTx: AddressSpan;
  readonly hostRx: AddressSpan;
  /** Absolute address of the stub's control block, when the peer is our stub. */
  readonly controlBlock: number | undefined;
  /** Resolves with the reason if the peer dies or faults while in use. */
  readonly failed: Promise<EngineError>;
  /** Text the engine wrote (stderr), for artifacts. */
  log(): string;
  /** Engine-specific diagnosis of the remote core, e.g. registers; undefined when unavailable. */
  diagnose(): Promise<string | undefined>;
  stop(): Promise<void>;
}

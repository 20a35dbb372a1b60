/**
 * What the icmsg session needs from a wire generation's FIFO, for each direction.
 * pbuf (Zephyr 3.6+) and spsc_pbuf (3.2-3.5) both implement these.
 */
export interface PacketWriter {
  /** Largest payload an empty FIFO accepts; bigger sends can never succeed. */
  readonly maxPacketLength: number;
  /** tx-init: reset the shared indexes (and header) of the region this side writes. */
  init(): Promise<void>;
  /** Append one packet and publish it. Throws IcmsgError ENOMEM when it does not fit now. */
  write(payload: Uint8Array): Promise<void>;
}

export interface PacketReader {
  /** rx-init: forget local state; shared memory is the writer's to initialise. */
  init(): void;
  /** The next packet, or null when the FIFO is empty. Throws IcmsgError on corrupted indexes. */
  read(): Promise<Uint8Array | null>;
  /**
   * Every packet the FIFO holds now, in order (possibly none). Over a slow memory (a monitor
   * socket) this is what keeps a drain to a few round trips. A corrupted packet ends the batch
   * after the good ones before it; the next call throws for it.
   */
  readBatch(): Promise<Uint8Array[]>;
  /**
   * The first packet of a freshly initialised FIFO without consuming it, or null when there is
   * none (yet). Detect mode uses it to spot a disable-mode peer's magic.
   */
  peekInitial(): Promise<Uint8Array | null>;
}

export function roundUp4(value: number): number {
  return (value + 3) & ~3;
}

/** Big-endian u16 length as it sits in the first two bytes of a packet header. */
export function readBe16(bytes: Uint8Array, offset = 0): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

import { IcmsgError } from '../wire/errors.js';
import type { PacketReader, PacketWriter } from '../wire/packet-fifo.js';
import { PbufLayout } from '../wire/pbuf-layout.js';
import { PbufReader, PbufWriter } from '../wire/pbuf.js';
import type { SharedMemory } from '../wire/shared-memory.js';
import { SpscPbufReader, SpscPbufWriter } from '../wire/spsc-pbuf.js';
import type { ResolvedSessionOptions } from './options.js';

/** Both FIFOs of a link plus the handshake words, for one wire generation. */
export interface WireBinding {
  readonly writer: PacketWriter;
  readonly reader: PacketReader;
  /** The peer's handshake word lives in my tx-region; undefined without a handshake. */
  readPeerHandshake(): Promise<number>;
  writeOwnHandshake(value: number): Promise<void>;
}

export function bindWire(tx: SharedMemory, rx: SharedMemory, options: ResolvedSessionOptions): WireBinding {
  if (options.wire === 'spsc') {
    return {
      writer: new SpscPbufWriter(tx),
      reader: new SpscPbufReader(rx),
      readPeerHandshake: () => Promise.reject(new IcmsgError('EINVAL', 'spsc generation has no handshake word')),
      writeOwnHandshake: () => Promise.reject(new IcmsgError('EINVAL', 'spsc generation has no handshake word')),
    };
  }
  const handshake = options.unbound !== 'disable';
  const layout = (size: number) => new PbufLayout({ size, dcacheAlignment: options.dcacheAlignment, handshake });
  const txLayout = layout(tx.size);
  const rxLayout = layout(rx.size);
  const handshakeOffset = txLayout.handshakeOffset ?? 4;
  return {
    writer: new PbufWriter(tx, txLayout),
    reader: new PbufReader(rx, rxLayout),
    readPeerHandshake: () => tx.readU32(handshakeOffset),
    writeOwnHandshake: (value) => rx.writeU32(handshakeOffset, value),
  };
}

import type { UnboundMode, WireGeneration } from '../session/options.js';
import type { AddressSpan } from './platform.js';

/**
 * The config block our firmware stub reads at boot (firmware-stubs/README.md): the host
 * pre-writes it into shared RAM, so one ELF serves every wire generation and mode.
 */
export const CONFIG_MAGIC = 0x47464349; // "ICFG"
export const CONFIG_VERSION = 1;
export const CONFIG_BLOCK_SIZE = 0x2c;

export interface StubConfig {
  readonly wire: WireGeneration;
  readonly unbound: UnboundMode;
  readonly dcacheAlignment: number;
  /** The stub's rx-region (the host's tx-region), absolute address. */
  readonly stubRx: AddressSpan;
  readonly stubTx: AddressSpan;
  /** The stub's receive buffer, like CONFIG_PBUF_RX_READ_BUF_SIZE (max 4096). */
  readonly rxBufferSize: number;
  /** Absolute address of the control block; 0 for none. */
  readonly controlBlock: number;
}

const WIRE_CODES: Record<WireGeneration, number> = { pbuf: 0, spsc: 1 };
const UNBOUND_CODES: Record<UnboundMode, number> = { disable: 0, enable: 1, detect: 2 };

export function encodeStubConfig(config: StubConfig): Uint8Array {
  const words = [
    CONFIG_MAGIC,
    CONFIG_VERSION,
    WIRE_CODES[config.wire],
    UNBOUND_CODES[config.unbound],
    config.dcacheAlignment,
    config.stubRx.address,
    config.stubRx.size,
    config.stubTx.address,
    config.stubTx.size,
    config.rxBufferSize,
    config.controlBlock,
  ];
  const bytes = Buffer.alloc(CONFIG_BLOCK_SIZE);
  words.forEach((word, i) => bytes.writeUInt32LE(word >>> 0, i * 4));
  return bytes;
}

/** Reads a config block back (the fake Renode's net core uses it); undefined without the magic. */
export function decodeStubConfig(bytes: Uint8Array): StubConfig | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < CONFIG_BLOCK_SIZE || view.readUInt32LE(0) !== CONFIG_MAGIC) return undefined;
  const word = (i: number) => view.readUInt32LE(4 * i);
  const wire = (Object.keys(WIRE_CODES) as WireGeneration[]).find((key) => WIRE_CODES[key] === word(2));
  const unbound = (Object.keys(UNBOUND_CODES) as UnboundMode[]).find((key) => UNBOUND_CODES[key] === word(3));
  if (!wire || !unbound) return undefined;
  return {
    wire,
    unbound,
    dcacheAlignment: word(4),
    stubRx: { address: word(5), size: word(6) },
    stubTx: { address: word(7), size: word(8) },
    rxBufferSize: word(9),
    controlBlock: word(10),
  };
}

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

import { IcmsgError } from './errors.js';

export interface PbufLayoutOptions {
  /** Region size in bytes (devicetree `reg` size). */
  readonly size: number;
  /** Devicetree `dcache-alignment`; 0 when absent. */
  readonly dcacheAlignment: number;
  /** True when the region carries the 4.1+ handshake word (unbound enable/detect). */
  readonly handshake: boolean;
}

/** Smallest data area Zephyr's pbuf accepts. */
export const PBUF_MIN_DATA_LENGTH = 12;

/**
 * Offsets inside one pbuf region (Zephyr 3.6+):
 * rd_idx @0, handshake @4 (when present), wr_idx @H, data @H+4, H = max(A, handshake ? 8 : 4).
 */
export class PbufLayout {
  readonly rdOffset = 0;
  readonly handshakeOffset: number | undefined;
  readonly wrOffset: number;
  readonly dataOffset: number;
  /** Length of the data area, the modulus of both indexes. */
  readonly blen: number;

  constructor(readonly options: PbufLayoutOptions) {
    const { size, dcacheAlignment, handshake } = options;
    if (!Number.isInteger(dcacheAlignment) || dcacheAlignment < 0 || (dcacheAlignment & (dcacheAlignment - 1)) !== 0) {
      throw new IcmsgError('EINVAL', `dcache-alignment must be 0 or a power of two, got ${dcacheAlignment}`, {
        field: 'dcacheAlignment',
        value: dcacheAlignment,
      });
    }
    if (!Number.isInteger(size) || size % 4 !== 0) {
      throw new IcmsgError('EINVAL', `pbuf region size must be a multiple of 4, got ${size}`, {
        field: 'size',
        value: size,
      });
    }
    const header = Math.max(dcacheAlignment, handshake ? 8 : 4);
    this.handshakeOffset = handshake ? 4 : undefined;
    this.wrOffset = header;
    this.dataOffset = header + 4;
    this.blen = size - header - 4;
    if (this.blen < PBUF_MIN_DATA_LENGTH) {
      throw new IcmsgError(
        'EINVAL',
        `pbuf region of ${size} bytes leaves ${this.blen} data bytes after its ${header + 4}-byte header; minimum is ${PBUF_MIN_DATA_LENGTH}`,
        { field: 'size', limit: header + 4 + PBUF_MIN_DATA_LENGTH, value: size },
      );
    }
  }

  /** Largest payload an empty FIFO can take: blen - 4 (header) - 4 (the word kept free). */
  get maxPacketLength(): number {
    return Math.min(this.blen - 8, 0xffff);
  }
}

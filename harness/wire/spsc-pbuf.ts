import { IcmsgError } from './errors.js';
import { type PacketReader, type PacketWriter, readBe16, roundUp4 } from './packet-fifo.js';
import type { SharedMemory } from './shared-memory.js';

/**
 * spsc_pbuf, the FIFO of Zephyr 3.2-3.5 icmsg. Region header (no cache padding, as on
 * nRF5340): len @0 (data length, written by the writer), flags @4, rd_idx @8, wr_idx @12,
 * data @16. Packets never wrap: a 0xFF byte at data[wr] tells the reader to jump to 0.
 */
export const SPSC_HEADER_SIZE = 16;
const LEN_OFFSET = 0;
const FLAGS_OFFSET = 4;
const RD_OFFSET = 8;
const WR_OFFSET = 12;
const DATA_OFFSET = 16;
const PACKET_HEADER = 4;
const PADDING_MARK = 0xff;
/** Lengths from 0xFF00 up would make the first header byte look like the padding mark. */
export const SPSC_MAX_PACKET_LENGTH = 0xfeff;
/** Zephyr's icmsg initialises spsc_pbuf with flags = 1. */
const ICMSG_FLAGS = 1;

export function spscDataLength(size: number): number {
  if (!Number.isInteger(size) || size % 4 !== 0 || size - SPSC_HEADER_SIZE < 8) {
    throw new IcmsgError('EINVAL', `spsc_pbuf region size must be a multiple of 4 and at least ${SPSC_HEADER_SIZE + 8}, got ${size}`, {
      field: 'size',
      value: size,
      limit: SPSC_HEADER_SIZE + 8,
    });
  }
  return size - SPSC_HEADER_SIZE;
}

function checkForeignIndex(name: 'rd_idx' | 'wr_idx', value: number, blen: number): void {
  if (value % 4 !== 0 || value >= blen) {
    throw new IcmsgError('EINVAL', `peer's ${name} ${value} is misaligned or outside the ${blen}-byte data area`, {
      field: name,
      value,
      limit: blen - 4,
    });
  }
}

function occupied(blen: number, wr: number, rd: number): number {
  return rd > wr ? blen - (rd - wr) : wr - rd;
}

export class SpscPbufWriter implements PacketWriter {
  private wr = 0;
  readonly blen: number;

  constructor(private readonly region: SharedMemory) {
    this.blen = spscDataLength(region.size);
  }

  /**
   * Largest payload that fits an empty FIFO wherever its indexes stand. Packets never wrap,
   * so with rd = wr = X a packet fits either after X or, wrapped, before it; a larger packet
   * could be refused for ever (nothing moves the indexes of an empty FIFO).
   */
  get maxPacketLength(): number {
    let guaranteed = this.blen - 8; // X = 0
    for (let x = 4; x < this.blen; x += 4) guaranteed = Math.min(guaranteed, Math.max(this.blen - x - 4, x - 8));
    return Math.min(guaranteed, SPSC_MAX_PACKET_LENGTH);
  }

  async init(): Promise<void> {
    this.wr = 0;
    await this.region.writeU32(LEN_OFFSET, this.blen);
    await this.region.writeU32(RD_OFFSET, 0);
    await this.region.writeU32(FLAGS_OFFSET, ICMSG_FLAGS);
    await this.region.writeU32(WR_OFFSET, 0);
  }

  async write(payload: Uint8Array): Promise<void> {
    const length = payload.length;
    if (length === 0) throw new IcmsgError('ENODATA', 'an empty packet cannot be sent');
    if (length > SPSC_MAX_PACKET_LENGTH) {
      throw new IcmsgError('EBADMSG', `packet of ${length} bytes exceeds spsc_pbuf's limit of ${SPSC_MAX_PACKET_LENGTH}`, {
        field: 'length',
        limit: SPSC_MAX_PACKET_LENGTH,
        value: length,
      });
    }
    const free = await this.allocate(length + PACKET_HEADER);
    if (length > Math.max(free - PACKET_HEADER, 0)) {
      throw new IcmsgError('ENOMEM', `packet of ${length} bytes does not fit: the tx FIFO can take ${Math.max(free - PACKET_HEADER, 0)} now`, {
        field: 'freeSpace',
        limit: Math.max(free - PACKET_HEADER, 0),
        value: length,
      });
    }
    // Payload, then the length, then the index: the reader trusts wr_idx only.
    await this.region.write(DATA_OFFSET + this.wr + PACKET_HEADER, payload);
    await this.region.write(DATA_OFFSET + this.wr, Uint8Array.of(length >> 8, length & 0xff));
    const next = roundUp4(this.wr + length + PACKET_HEADER);
    this.wr = next === this.blen ? 0 : next;
    await this.region.writeU32(WR_OFFSET, this.wr);
  }

  /**
   * Zephyr 3.3+'s allocation rule: free bytes at the current (possibly just wrapped) wr_idx.
   * Like Zephyr, the padding mark and wr_idx = 0 are published even when the packet is then refused.
   */
  private async allocate(space: number): Promise<number> {
    const rd = await this.region.readU32(RD_OFFSET);
    checkForeignIndex('rd_idx', rd, this.blen);
    if (this.wr < rd) return rd - this.wr - 4;
    const remaining = this.blen - this.wr;
    if (remaining >= space || rd <= space) return remaining - (rd > 0 ? 0 : 4);
    await this.region.write(DATA_OFFSET + this.wr, Uint8Array.of(PADDING_MARK));
    this.wr = 0;
    await this.region.writeU32(WR_OFFSET, 0);
    return rd - 4;
  }
}

export class SpscPbufReader implements PacketReader {
  private rd = 0;
  private readonly maxBlen: number;

  constructor(private readonly region: SharedMemory) {
    this.maxBlen = spscDataLength(region.size);
  }

  init(): void {
    this.rd = 0;
  }

  async read(): Promise<Uint8Array | null> {
    const blen = await this.readBlen();
    if (blen === 0) return null; // the writer has not initialised its header yet
    let wr = await this.readWr(blen);
    if (wr === this.rd) return null;
    if ((await this.byteAt(this.rd)) === PADDING_MARK) {
      wr = await this.readWr(blen);
      if (wr === this.rd) return null; // the writer is between marking and resetting wr_idx
      await this.publishRd(0);
      if (wr === 0) return null;
    }
    const length = readBe16(await this.region.read(DATA_OFFSET + this.rd, 2));
    const used = occupied(blen, wr, this.rd);
    if (length === 0 || length + PACKET_HEADER > used || this.rd + PACKET_HEADER + length > blen) {
      throw new IcmsgError('EBADMSG', `packet at rd_idx ${this.rd} claims ${length} bytes, more than the ${used - PACKET_HEADER} occupied`, {
        field: 'length',
        value: length,
        limit: used - PACKET_HEADER,
      });
    }
    const payload = await this.region.read(DATA_OFFSET + this.rd + PACKET_HEADER, length);
    await this.publishRd(await this.nextRd(blen, length));
    return payload;
  }

  /** Packets never wrap and may sit behind a skip mark: read them one by one. */
  async readBatch(): Promise<Uint8Array[]> {
    const packets: Uint8Array[] = [];
    for (;;) {
      let packet: Uint8Array | null;
      try {
        packet = await this.read();
      } catch (error) {
        if (packets.length > 0) return packets; // the next call reports it
        throw error;
      }
      if (!packet) return packets;
      packets.push(packet);
    }
  }

  async peekInitial(): Promise<Uint8Array | null> {
    if (this.rd !== 0) return null;
    const blen = await this.region.readU32(LEN_OFFSET);
    const wr = await this.region.readU32(WR_OFFSET);
    if (blen > this.maxBlen || wr === 0 || wr % 4 !== 0 || wr >= blen) return null;
    const length = readBe16(await this.region.read(DATA_OFFSET, 2));
    if (length === 0 || length + PACKET_HEADER > wr) return null;
    return this.region.read(DATA_OFFSET + PACKET_HEADER, length);
  }

  /**
   * Where rd_idx goes after a packet: wrap at the end, or skip a padding mark. Zephyr reads the
   * byte first and wr_idx second; a stale mark from an earlier lap then looks real if the writer
   * fills that slot in between, and a packet is skipped. Reading wr_idx first closes that race:
   * when it differs from `next`, whatever sits at data[next] was published before it.
   */
  private async nextRd(blen: number, length: number): Promise<number> {
    const next = roundUp4(this.rd + length + PACKET_HEADER);
    if (next === blen) return 0;
    const wr = await this.region.readU32(WR_OFFSET);
    if (next !== wr && (await this.byteAt(next)) === PADDING_MARK) return 0;
    return next;
  }

  /** The data length comes from the writer's header; never believe more than our region holds. */
  private async readBlen(): Promise<number> {
    const blen = await this.region.readU32(LEN_OFFSET);
    if (blen !== 0 && (blen % 4 !== 0 || blen < 8 || blen > this.maxBlen)) {
      throw new IcmsgError('EINVAL', `peer's spsc_pbuf len ${blen} is invalid for a ${this.region.size}-byte region (max ${this.maxBlen})`, {
        field: 'len',
        value: blen,
        limit: this.maxBlen,
      });
    }
    return blen;
  }

  private async readWr(blen: number): Promise<number> {
    const wr = await this.region.readU32(WR_OFFSET);
    checkForeignIndex('wr_idx', wr, blen);
    return wr;
  }

  private async byteAt(index: number): Promise<number> {
    return (await this.region.read(DATA_OFFSET + index, 1))[0] ?? 0;
  }

  private async publishRd(value: number): Promise<void> {
    this.rd = value;
    await this.region.writeU32(RD_OFFSET, value);
  }
}

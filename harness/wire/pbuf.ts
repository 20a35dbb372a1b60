import { IcmsgError } from './errors.js';
import { type PacketReader, type PacketWriter, readBe16, roundUp4 } from './packet-fifo.js';
import { PbufLayout } from './pbuf-layout.js';
import type { SharedMemory } from './shared-memory.js';

const HEADER = 4;
const MAX_ENCODABLE = 0xffff;

/** Bytes between the two indexes, as Zephyr counts them. */
function occupied(blen: number, wr: number, rd: number): number {
  return rd > wr ? blen - (rd - wr) : wr - rd;
}

/**
 * Validates an index another core wrote. Zephyr only checks alignment; we also check range,
 * because an out-of-range index would make us read or write outside the data area.
 */
function checkForeignIndex(name: 'rd_idx' | 'wr_idx', value: number, blen: number): void {
  if (value % 4 !== 0) {
    throw new IcmsgError('EINVAL', `peer's ${name} ${value} is not a multiple of 4`, { field: name, value });
  }
  if (value >= blen) {
    throw new IcmsgError('EINVAL', `peer's ${name} ${value} is outside the ${blen}-byte data area`, {
      field: name,
      value,
      limit: blen - 4,
    });
  }
}

/** A packet whose length is 0 or larger than what lies between the indexes. */
function overclaimError(rd: number, length: number, used: number, wr: number): IcmsgError {
  return new IcmsgError('EBADMSG', `packet at rd_idx ${rd} claims ${length} bytes but only ${used - HEADER} are occupied (wr_idx ${wr})`, {
    field: 'length',
    value: length,
    limit: used - HEADER,
  });
}

/** Splits a ring-buffer span [start, start+length) into at most two linear pieces. */
function ringSpans(start: number, length: number, blen: number): Array<[number, number]> {
  const first = Math.min(length, blen - start);
  return first === length ? [[start, length]] : [[start, first], [0, length - first]];
}

/** The writing side of a pbuf region: owns wr_idx and the data; reads the peer's rd_idx. */
export class PbufWriter implements PacketWriter {
  /** Local copy of wr_idx: the shared one is never trusted after init. */
  private wr = 0;

  constructor(
    private readonly region: SharedMemory,
    readonly layout: PbufLayout,
  ) {
    if (region.size < layout.options.size) {
      throw new IcmsgError('EINVAL', `memory window of ${region.size} bytes is smaller than the pbuf region`, {
        field: 'size',
        value: region.size,
      });
    }
  }

  get maxPacketLength(): number {
    return this.layout.maxPacketLength;
  }

  async init(): Promise<void> {
    this.wr = 0;
    await this.region.writeU32(this.layout.wrOffset, 0);
    await this.region.writeU32(this.layout.rdOffset, 0);
  }

  /** Free bytes as Zephyr computes them (packet header included). */
  async freeSpace(): Promise<number> {
    const { blen } = this.layout;
    const rd = await this.region.readU32(this.layout.rdOffset);
    checkForeignIndex('rd_idx', rd, blen);
    return blen - occupied(blen, this.wr, rd) - 4;
  }

  async write(payload: Uint8Array): Promise<void> {
    const length = payload.length;
    if (length === 0) throw new IcmsgError('ENODATA', 'an empty packet cannot be sent: the reader would take it for "no data"');
    if (length > MAX_ENCODABLE) {
      throw new IcmsgError('EBADMSG', `packet of ${length} bytes exceeds the 16-bit length field (max ${MAX_ENCODABLE})`, {
        field: 'length',
        limit: MAX_ENCODABLE,
        value: length,
      });
    }
    const free = await this.freeSpace();
    if (length + HEADER > free) {
      throw new IcmsgError('ENOMEM', `packet of ${length} bytes needs ${length + HEADER} bytes, the tx FIFO has ${free} free`, {
        field: 'freeSpace',
        limit: free - HEADER,
        value: length,
      });
    }
    await this.writePacket(payload);
  }

  private async writePacket(payload: Uint8Array): Promise<void> {
    const { blen, dataOffset, wrOffset } = this.layout;
    // Header [len_hi, len_lo, 0, 0] followed by as much payload as fits before the end:
    // one contiguous write, so a slow memory (a monitor socket) costs one round trip.
    const dataStart = (this.wr + HEADER) % blen;
    const [head, tail] = ringSpans(dataStart, payload.length, blen);
    const headLength = head ? head[1] : 0;
    if (dataStart === 0) {
      await this.region.write(dataOffset + this.wr, Uint8Array.of(payload.length >> 8, payload.length & 0xff, 0, 0));
      await this.region.write(dataOffset, payload);
    } else {
      const first = new Uint8Array(HEADER + headLength);
      first[0] = payload.length >> 8;
      first[1] = payload.length & 0xff;
      first.set(payload.subarray(0, headLength), HEADER);
      await this.region.write(dataOffset + this.wr, first);
      if (tail) await this.region.write(dataOffset, payload.subarray(headLength));
    }
    this.wr = roundUp4(this.wr + HEADER + payload.length) % blen;
    // Published last: the reader must never see an index ahead of the data.
    await this.region.writeU32(wrOffset, this.wr);
  }
}

/** The reading side of a pbuf region: owns rd_idx (and the handshake word); reads wr_idx. */
export class PbufReader implements PacketReader {
  /** Local copy of rd_idx. */
  private rd = 0;

  constructor(
    private readonly region: SharedMemory,
    readonly layout: PbufLayout,
  ) {}

  init(): void {
    this.rd = 0;
  }

  async read(): Promise<Uint8Array | null> {
    const { blen, dataOffset, rdOffset } = this.layout;
    const wr = await this.readWr();
    if (wr === this.rd) return null;
    const header = await this.region.read(dataOffset + this.rd, 2);
    const length = readBe16(header);
    const used = occupied(blen, wr, this.rd);
    if (length === 0 || length + HEADER > used) throw overclaimError(this.rd, length, used, wr);
    const payload = await this.readSpan((this.rd + HEADER) % blen, length);
    this.rd = roundUp4(this.rd + HEADER + length) % blen;
    await this.region.writeU32(rdOffset, this.rd);
    return payload;
  }

  /** Reads everything between rd_idx and wr_idx in one go, then publishes rd_idx once. */
  async readBatch(): Promise<Uint8Array[]> {
    const { blen, rdOffset } = this.layout;
    const wr = await this.readWr();
    if (wr === this.rd) return [];
    const used = occupied(blen, wr, this.rd);
    const bytes = await this.readSpan(this.rd, used);
    const packets: Uint8Array[] = [];
    let offset = 0;
    while (offset < used) {
      const length = readBe16(bytes, offset);
      if (length === 0 || offset + HEADER + length > used) {
        if (packets.length > 0) break; // deliver the good ones; the next call reports this one
        throw overclaimError(this.rd, length, used, wr);
      }
      packets.push(bytes.slice(offset + HEADER, offset + HEADER + length));
      offset += roundUp4(HEADER + length);
    }
    this.rd = (this.rd + offset) % blen;
    await this.region.writeU32(rdOffset, this.rd);
    return packets;
  }

  async peekInitial(): Promise<Uint8Array | null> {
    if (this.rd !== 0) return null;
    const wr = await this.region.readU32(this.layout.wrOffset);
    // An uninitialised or empty FIFO is normal here, not corruption: just "nothing yet".
    if (wr === 0 || wr % 4 !== 0 || wr >= this.layout.blen) return null;
    const length = readBe16(await this.region.read(this.layout.dataOffset, 2));
    if (length === 0 || length + HEADER > wr) return null;
    return this.region.read(this.layout.dataOffset + HEADER, length);
  }

  private async readWr(): Promise<number> {
    const wr = await this.region.readU32(this.layout.wrOffset);
    checkForeignIndex('wr_idx', wr, this.layout.blen);
    return wr;
  }

  private async readSpan(start: number, length: number): Promise<Uint8Array> {
    const spans = ringSpans(start, length, this.layout.blen);
    if (spans.length === 1) return this.region.read(this.layout.dataOffset + start, length);
    const out = new Uint8Array(length);
    let at = 0;
    for (const [offset, size] of spans) {
      out.set(await this.region.read(this.layout.dataOffset + offset, size), at);
      at += size;
    }
    return out;
  }
}

// Indexes and lengths come from memory another core writes: random values must never make a
// reader or writer throw anything but a typed error, touch memory outside its region, or spin.
import { expect } from 'chai';
import fc from 'fast-check';
import { BufferMemory } from '../../harness/transport/buffer-memory.js';
import { IcmsgError } from '../../harness/wire/errors.js';
import type { PacketReader, PacketWriter } from '../../harness/wire/packet-fifo.js';
import { PbufLayout } from '../../harness/wire/pbuf-layout.js';
import { PbufReader, PbufWriter } from '../../harness/wire/pbuf.js';
import { MemoryWindow } from '../../harness/wire/shared-memory.js';
import { SpscPbufReader, SpscPbufWriter } from '../../harness/wire/spsc-pbuf.js';

const GUARD = 64;
const REGION = 128;

/** A region with guard bytes on both sides; the window throws on any access outside it. */
function guardedRegion() {
  const memory = new BufferMemory(GUARD + REGION + GUARD);
  memory.bytes.fill(0xa5);
  const region = new MemoryWindow(memory, GUARD, REGION);
  return { memory, region };
}

function makeFifo(kind: 'pbuf' | 'pbuf-hs' | 'spsc', region: MemoryWindow): { reader: PacketReader; writer: PacketWriter } {
  if (kind === 'spsc') return { reader: new SpscPbufReader(region), writer: new SpscPbufWriter(region) };
  const layout = new PbufLayout({ size: REGION, dcacheAlignment: kind === 'pbuf-hs' ? 8 : 0, handshake: kind === 'pbuf-hs' });
  return { reader: new PbufReader(region, layout), writer: new PbufWriter(region, layout) };
}

const word = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: REGION }), fc.constantFrom(0, 4, 0xff, 0xffff, 0xfffffffc));

describe('defensive reading of corrupted shared memory', () => {
  for (const kind of ['pbuf', 'pbuf-hs', 'spsc'] as const) {
    it(`${kind}: random header words and data never escape as untyped errors or out-of-region access`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(word, { minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: REGION - 16, maxLength: REGION - 16 }), fc.integer({ min: 1, max: 200 }), async (words, data, sendLength) => {
          const { memory, region } = guardedRegion();
          words.forEach((value, i) => memory.bytes.writeUInt32LE(value >>> 0, GUARD + i * 4));
          memory.bytes.set(data, GUARD + 16);
          const { reader, writer } = makeFifo(kind, region);
          // A reader that keeps returning packets must stop within blen/4 of them: each moves rd_idx on.
          for (let step = 0; step <= REGION / 4 + 1; step++) {
            let packet: Uint8Array | null;
            try {
              packet = await reader.read();
            } catch (error) {
              expect(error).to.be.instanceOf(IcmsgError);
              break;
            }
            if (!packet) break;
            expect(packet.length).to.be.at.most(REGION);
            expect(step, 'reader kept producing packets').to.be.lessThan(REGION / 4 + 1);
          }
          // The batch reader over the same corrupted memory: at most blen/4 packets, or a typed error.
          const batchReader = makeFifo(kind, region).reader;
          try {
            const batch = await batchReader.readBatch();
            expect(batch.length).to.be.at.most(REGION / 4);
            for (const packet of batch) expect(packet.length).to.be.at.most(REGION);
          } catch (error) {
            expect(error).to.be.instanceOf(IcmsgError);
          }
          try {
            await writer.write(new Uint8Array(sendLength).fill(1));
          } catch (error) {
            expect(error).to.be.instanceOf(IcmsgError);
          }
          // Guard bytes untouched: nothing was written outside the region.
          expect(memory.bytes.subarray(0, GUARD).every((b) => b === 0xa5)).to.equal(true);
          expect(memory.bytes.subarray(GUARD + REGION).every((b) => b === 0xa5)).to.equal(true);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('pbuf: a misaligned or out-of-range index names the field and the value', async () => {
    const { memory, region } = guardedRegion();
    const { reader, writer } = makeFifo('pbuf', region);
    memory.bytes.writeUInt32LE(6, GUARD + 4); // wr_idx misaligned
    const misaligned = await reader.read().catch((error: unknown) => error);
    expect(String(misaligned)).to.match(/EINVAL: peer's wr_idx 6 is not a multiple of 4/);
    memory.bytes.writeUInt32LE(4096, GUARD + 4);
    expect(String(await reader.read().catch((error: unknown) => error))).to.match(/wr_idx 4096 is outside the 120-byte data area/);
    memory.bytes.writeUInt32LE(8, GUARD + 4);
    memory.bytes.writeUInt16BE(100, GUARD + 8); // claims 100 bytes, 4 occupied
    expect(String(await reader.read().catch((error: unknown) => error))).to.match(/EBADMSG: packet at rd_idx 0 claims 100 bytes but only 4 are occupied/);
    memory.bytes.writeUInt32LE(0x20000, GUARD); // rd_idx far out
    expect(String(await writer.write(Uint8Array.of(1)).catch((error: unknown) => error))).to.match(/rd_idx 131072 is outside/);
  });
});

// spsc_pbuf's wrap: packets never wrap, a 0xFF byte marks the skipped tail (Zephyr 3.2-3.5).
import { expect } from 'chai';
import { BufferMemory } from '../../harness/transport/buffer-memory.js';
import { isIcmsgError } from '../../harness/wire/errors.js';
import { SpscPbufReader, SpscPbufWriter } from '../../harness/wire/spsc-pbuf.js';

const DATA = 16;

function region(size = 64) {
  const memory = new BufferMemory(size);
  return { memory, writer: new SpscPbufWriter(memory), reader: new SpscPbufReader(memory) };
}

describe('spsc_pbuf edges', () => {
  it('a packet that does not fit at the end leaves 0xFF there, restarts at 0, and the reader follows', async () => {
    const { memory, writer, reader } = region();
    await writer.init();
    await writer.write(new Uint8Array(28).fill(1)); // 4 + 28 = 32: wr = 32 of blen 48
    expect(Array.from((await reader.read()) ?? []).length).to.equal(28); // rd = 32
    await writer.write(new Uint8Array(20).fill(2)); // needs 24, 16 remain at the end, rd 32 > 24
    expect(memory.bytes[DATA + 32]).to.equal(0xff);
    expect(memory.bytes.readUInt32LE(12)).to.equal(24); // wr after the packet written at 0
    expect(Array.from(memory.bytes.subarray(DATA, DATA + 2))).to.deep.equal([0x00, 20]);
    const packet = await reader.read();
    expect(packet && Array.from(packet)).to.deep.equal(new Array(20).fill(2));
    expect(memory.bytes.readUInt32LE(8)).to.equal(24); // rd followed the wrap
  });

  it('like Zephyr 3.3+, the mark and wr_idx = 0 are published even when the packet is then refused', async () => {
    const { memory, writer, reader } = region();
    await writer.init();
    await writer.write(new Uint8Array(24).fill(1)); // wr = 28
    await reader.read(); // rd = 28
    await writer.write(new Uint8Array(4).fill(3)); // wr = 36
    // 40 bytes need 44; 12 remain at the end and rd (28) > 44 is false: no wrap, refused, nothing marked.
    const refused = await writer.write(new Uint8Array(40)).catch((error: unknown) => error);
    expect(isIcmsgError(refused, 'ENOMEM')).to.equal(true);
    expect(memory.bytes.readUInt32LE(12)).to.equal(36);
    // 20 bytes need 24: 12 remain, rd 28 > 24: mark, wr = 0, then free = rd - 4 = 24 -> 20 <= 20 fits.
    await writer.write(new Uint8Array(20).fill(4));
    expect(memory.bytes[DATA + 36]).to.equal(0xff);
    expect((await reader.read())?.[0]).to.equal(3);
    expect((await reader.read())?.[0]).to.equal(4);
    // Now rd = 24 = wr; 24 bytes need 28: 24 remain, rd 24 <= 28: no wrap, free = 24, refused.
    const stuck = await writer.write(new Uint8Array(24)).catch((error: unknown) => error);
    expect(isIcmsgError(stuck, 'ENOMEM')).to.equal(true);
  });

  it('refuses what spsc cannot encode or can never place, naming the limit', async () => {
    const { writer } = region(0x10010);
    await writer.init();
    const tooLong = await writer.write(new Uint8Array(0xff00)).catch((error: unknown) => error);
    expect(String(tooLong)).to.match(/EBADMSG: packet of 65280 bytes exceeds spsc_pbuf's limit of 65279/);
    // With rd = wr = X a packet fits after X or before it; the guaranteed size is the worst X.
    expect(region(64).writer.maxPacketLength).to.equal(20); // blen 48: X = 24 or 28 allows 20, never more
  });

  it('a header len of 0 means "not initialised yet", not corruption', async () => {
    const { reader } = region();
    expect(await reader.read()).to.equal(null);
  });
});

// Every test vector of shared/docs/icmsg-wire-format.md, byte for byte.
import { expect } from 'chai';
import { BufferMemory } from '../../harness/transport/buffer-memory.js';
import { encodeHandshake, decodeHandshake, nextSessionId } from '../../harness/wire/handshake.js';
import { ICMSG_MAGIC } from '../../harness/wire/magic.js';
import { PbufLayout } from '../../harness/wire/pbuf-layout.js';
import { PbufReader, PbufWriter } from '../../harness/wire/pbuf.js';
import { SpscPbufWriter } from '../../harness/wire/spsc-pbuf.js';
import { isIcmsgError } from '../../harness/wire/errors.js';
import { ascii, hex, matchesVector, toHex } from '../helpers/bytes.js';

function pbufRegion(size: number, dcacheAlignment: number, handshake: boolean) {
  const memory = new BufferMemory(size);
  const layout = new PbufLayout({ size, dcacheAlignment, handshake });
  return { memory, layout, writer: new PbufWriter(memory, layout), reader: new PbufReader(memory, layout) };
}

function expectBytes(actual: Uint8Array, vector: string): void {
  const expected = hex(vector);
  expect(matchesVector(actual, expected), `got ${toHex(actual.subarray(0, expected.length))}`).to.equal(true);
}

describe('wire vectors (icmsg-wire-format.md)', () => {
  it('pbuf 64 B, A=0: tx-init then "hello"', async () => {
    const { memory, writer, layout } = pbufRegion(64, 0, false);
    expect(layout.blen).to.equal(56);
    await writer.init();
    await writer.write(ascii('hello'));
    expectBytes(memory.bytes, '00 00 00 00 | 0c 00 00 00 | 00 05 00 00 68 65 6c 6c 6f');
  });

  it('pbuf 64 B, A=0: the magic', async () => {
    const { memory, writer } = pbufRegion(64, 0, false);
    await writer.init();
    await writer.write(ICMSG_MAGIC);
    expect(memory.bytes.readUInt32LE(4)).to.equal(20);
    expectBytes(memory.bytes.subarray(8), '00 0d 00 00 45 6d 31 6c 31 4b 30 72 6e 33 6c 69 34');
  });

  it('pbuf 64 B, A=8, handshake: the magic lands after rd@0, hs@4, wr@8', async () => {
    const { memory, writer, layout } = pbufRegion(64, 8, true);
    expect([layout.rdOffset, layout.handshakeOffset, layout.wrOffset, layout.dataOffset]).to.deep.equal([0, 4, 8, 12]);
    await writer.init();
    await writer.write(ICMSG_MAGIC);
    expectBytes(memory.bytes, '00 00 00 00 | 00 00 00 00 | 14 00 00 00 | 00 0d 00 00 45 6d 31 6c 31 4b 30 72 6e 33 6c 69 34');
  });

  it('pbuf wrap: rd=wr=48, A0..A9 splits across the end, new wr = 8', async () => {
    const { memory, writer, reader, layout } = pbufRegion(64, 0, false);
    await writer.init();
    await writer.write(new Uint8Array(44)); // 4 + 44 = 48
    expect(await reader.read()).to.have.length(44);
    expect(memory.bytes.readUInt32LE(0)).to.equal(48);
    const payload = Uint8Array.from({ length: 10 }, (_, i) => 0xa0 + i);
    await writer.write(payload);
    const data = memory.bytes.subarray(layout.dataOffset);
    expectBytes(data.subarray(48), '00 0a 00 00 a0 a1 a2 a3');
    expectBytes(data.subarray(0), 'a4 a5 a6 a7 a8 a9');
    expect(memory.bytes.readUInt32LE(layout.wrOffset)).to.equal(8);
    expect(Array.from((await reader.read()) ?? [])).to.deep.equal(Array.from(payload));
  });

  it('pbuf header in the last word: rd=wr=52, 11 22 33 goes to data[0], new wr = 4', async () => {
    const { memory, writer, reader, layout } = pbufRegion(64, 0, false);
    await writer.init();
    await writer.write(new Uint8Array(48)); // fills to wr = 52
    await reader.read();
    await writer.write(Uint8Array.of(0x11, 0x22, 0x33));
    const data = memory.bytes.subarray(layout.dataOffset);
    expectBytes(data.subarray(52), '00 03 00 00');
    expectBytes(data.subarray(0), '11 22 33');
    expect(memory.bytes.readUInt32LE(layout.wrOffset)).to.equal(4);
    expect(Array.from((await reader.read()) ?? [])).to.deep.equal([0x11, 0x22, 0x33]);
  });

  it('pbuf capacity: empty blen 56 refuses 49 bytes with ENOMEM, takes 48 and is full at wr = 52', async () => {
    const { memory, writer, layout } = pbufRegion(64, 0, false);
    await writer.init();
    expect(writer.maxPacketLength).to.equal(48);
    const refused = await writer.write(new Uint8Array(49)).catch((error: unknown) => error);
    expect(isIcmsgError(refused, 'ENOMEM'), String(refused)).to.equal(true);
    await writer.write(new Uint8Array(48));
    expect(memory.bytes.readUInt32LE(layout.wrOffset)).to.equal(52);
    const full = await writer.write(new Uint8Array(1)).catch((error: unknown) => error);
    expect(isIcmsgError(full, 'ENOMEM')).to.equal(true);
  });

  it('spsc 64 B: "hello"', async () => {
    const memory = new BufferMemory(64);
    const writer = new SpscPbufWriter(memory);
    await writer.init();
    await writer.write(ascii('hello'));
    expectBytes(memory.bytes, '30 00 00 00 | 01 00 00 00 | 00 00 00 00 | 0c 00 00 00 | 00 05 ?? ?? 68 65 6c 6c 6f');
  });

  it('handshake words: sid 1 no ack, sid 1 acking 2', () => {
    const word = (value: number) => toHex(Uint8Array.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24]));
    expect(word(encodeHandshake({ sid: 1, ack: 0 }))).to.equal('01 00 00 00');
    expect(word(encodeHandshake({ sid: 1, ack: 2 }))).to.equal('01 00 02 00');
    expect(decodeHandshake(0x00020001)).to.deep.equal({ sid: 1, ack: 2 });
  });

  it('session id choice: peer request + 1, skipping 0 and the id the peer acknowledges', () => {
    expect(nextSessionId({ sid: 0, ack: 0 })).to.equal(1);
    expect(nextSessionId({ sid: 1, ack: 0 })).to.equal(2);
    expect(nextSessionId({ sid: 1, ack: 2 })).to.equal(3);
    expect(nextSessionId({ sid: 0xffff, ack: 1 })).to.equal(2);
  });
});

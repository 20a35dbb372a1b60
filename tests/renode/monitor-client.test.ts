import { expect } from 'chai';
import { RenodeCommandError, RenodeConnectionError, RenodeTimeoutError } from '../../harness/engines/renode/errors.js';
import { MonitorClient } from '../../harness/engines/renode/monitor-client.js';
import { parseReply } from '../../harness/engines/renode/monitor-reply.js';
import { MonitorTextBuffer, RED_MARK } from '../../harness/engines/renode/monitor-text.js';
import { monitorCommand, parseBytes, parseDoubleWord } from '../../harness/engines/renode/monitor-format.js';
import { RenodeMemory } from '../../harness/engines/renode/renode-memory.js';
import { NRF5340 } from '../../harness/engines/renode/nrf5340-layout.js';
import { pendingCleanups } from '../../harness/transport/cleanup-registry.js';
import { FakeRenodeMonitor, NEGOTIATION } from './fake-renode-monitor.js';

describe('Renode monitor text', () => {
  it('removes telnet negotiation, doubled 0xFF and escapes, even split byte by byte', () => {
    const stream = Buffer.concat([
      NEGOTIATION,
      Buffer.from('Renode, version 1.16.1.0\r\n'),
      Buffer.from([0xff, 0xff]), // one data byte 0xFF: not valid UTF-8 alone, decoded as U+FFFD
      Buffer.from('\x1b[91m(monitor) \x1b[0m'),
      Buffer.from('nope\n\r\x1b[31mNo such command or device: nope\x1b[0m\r\n\x1b[91m(monitor) \x1b[0m'),
    ]);
    const whole = new MonitorTextBuffer();
    whole.push(stream);
    const split = new MonitorTextBuffer();
    for (const byte of stream) split.push(Uint8Array.of(byte));
    expect(split.text).to.equal(whole.text);
    expect(whole.negotiations).to.equal(5);
    expect(whole.text).to.not.include('\x1b');
    expect(whole.text.startsWith('Renode, version 1.16.1.0\r\n')).to.equal(true);
    expect(whole.text).to.include(`${RED_MARK}No such command or device: nope`);
  });

  it('parses replies: echo removed, lines joined, red or known error lines are errors', () => {
    expect(parseReply('sysbus ReadDoubleWord 0x0', 'sysbus ReadDoubleWord 0x0\n\r0x0000ABCD\r\n')).to.deep.equal({ output: '0x0000ABCD' });
    expect(parseReply('x', `x\n\r${RED_MARK}boom\r\n`).error).to.equal('boom');
    expect(parseReply('foo', 'foo\n\rNo such command or device: foo\r\n').error).to.equal('No such command or device: foo');
    expect(parseReply('start', 'start\n\r')).to.deep.equal({ output: '' });
  });

  it('parses the sysbus output formats exactly', () => {
    expect(parseDoubleWord('c', '0x8000ABCD')).to.equal(0x8000abcd);
    expect(() => parseDoubleWord('c', 'hello')).to.throw(/one hexadecimal double word/);
    expect(Array.from(parseBytes('c', '[\n0x01, 0xFF,\n0x10\n]', 3))).to.deep.equal([1, 255, 16]);
    expect(() => parseBytes('c', '[\n0x01\n]', 2)).to.throw(/2 bytes, got 1/);
    expect(monitorCommand.writeBytes(0x20070000, Uint8Array.of(1, 0xab))).to.equal('sysbus WriteBytes [0x01, 0xab] 0x20070000');
  });
});

describe('MonitorClient against the fake Renode monitor', function () {
  this.timeout(15000);
  let fake: FakeRenodeMonitor;
  let client: MonitorClient | undefined;

  beforeEach(async () => {
    fake = await FakeRenodeMonitor.start();
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    await fake.stop();
  });

  it('connects: negotiation stripped, banner and prompt detected, prompt follows mach create', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    expect(client.banner).to.equal('Renode, version 1.16.1.0 (fake)');
    expect(client.promptName).to.equal('monitor');
    expect(await client.execute('mach create "nrf5340"')).to.equal('');
    expect(client.promptName).to.equal('nrf5340');
  });

  it('reports errors with the command and Renode message, and stays usable', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    const error = await client.execute('nonexisting 1 2').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RenodeCommandError);
    expect((error as RenodeCommandError).command).to.equal('nonexisting 1 2');
    expect((error as RenodeCommandError).renodeMessage).to.equal('No such command or device: nonexisting');
    const multi = await client.execute('sysbus ReadDoubleWord 0x20070000').catch((e: unknown) => e);
    expect((multi as RenodeCommandError).renodeMessage).to.match(/^There was an error executing command.*\nNo machine selected$/s);
    await client.execute('mach create');
    expect(await client.execute('sysbus ReadDoubleWord 0x20070000')).to.equal('0x00000000');
    await client.execute('sysbus WriteDoubleWord 0x20070000 0xCAFEF00D');
    expect(await client.execute('sysbus ReadDoubleWord 0x20070000')).to.equal('0xCAFEF00D');
  });

  it('refuses a command with a line break before sending anything', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    await client.execute('start; x\nquit').then(
      () => expect.fail('accepted'),
      (e: unknown) => expect(String(e)).to.match(/must be one line/),
    );
    expect(fake.commands).to.deep.equal([]);
  });

  it('times out clearly and keeps later replies in step', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    await client.execute('mach create');
    fake.replyDelayMs = 300;
    const late = await client.execute('sysbus ReadDoubleWord 0x20070004', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(late).to.be.instanceOf(RenodeTimeoutError);
    expect((late as RenodeTimeoutError).command).to.equal('sysbus ReadDoubleWord 0x20070004');
    expect((late as RenodeTimeoutError).timeoutMs).to.equal(50);
    expect(String(late)).to.match(/did not complete within 50 ms/);
    fake.replyDelayMs = 0;
    await client.execute('sysbus WriteDoubleWord 0x20070008 0x12345678');
    expect(await client.execute('sysbus ReadDoubleWord 0x20070008')).to.equal('0x12345678');
  });

  it('batches: many commands in one write, outputs split by prompts, in order', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    await client.execute('mach create "nrf5340"');
    const writes = client.stats.writes;
    const commands: string[] = [];
    for (let i = 0; i < 20; i++) commands.push(`sysbus WriteDoubleWord ${0x20070000 + 4 * i} ${i * 3}`, `sysbus ReadDoubleWord ${0x20070000 + 4 * i}`);
    const outputs = await client.batch(commands);
    expect(client.stats.writes - writes).to.equal(1);
    for (let i = 0; i < 20; i++) expect(parseDoubleWord('', outputs[2 * i + 1] ?? '')).to.equal(i * 3);
    const failing = await client.batch(['sysbus ReadDoubleWord 0x20070000', 'bogus', 'sysbus ReadDoubleWord 0x20070004']).catch((e: unknown) => e);
    expect((failing as RenodeCommandError).command).to.equal('bogus');
    expect(fake.commands.slice(-2)).to.deep.equal(['bogus', 'sysbus ReadDoubleWord 0x20070004']);
  });

  it('memory over the monitor matches the backing file (ReadBytes/WriteBytes/words)', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    await client.execute('mach create');
    const memory = new RenodeMemory({ monitor: client, base: NRF5340.sharedSramBase, size: NRF5340.sharedSramSize, maxBytesPerCommand: 100 });
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + 0xf0) & 0xff);
    await memory.write(0x10, data);
    await memory.writeU32(0x200, 0xdeadbeef);
    expect(Array.from(await memory.read(0x10, 300))).to.deep.equal(Array.from(data));
    expect(await memory.readU32(0x200)).to.equal(0xdeadbeef);
    expect(Array.from(fake.memory.readSync(0x10, 300))).to.deep.equal(Array.from(data));
    const outside = await memory.read(NRF5340.sharedSramSize - 2, 4).catch((e: unknown) => e);
    expect(String(outside)).to.match(/outside the 65536-byte window/);
    expect(fake.unmappedAccesses).to.equal(0);
  });

  it('serves one client at a time; the next one gets the monitor when the first leaves', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    const second = await MonitorClient.connect({ port: fake.port, connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(second).to.be.instanceOf(RenodeConnectionError);
    expect(String(second)).to.match(/no prompt within 300 ms.*one at a time/);
    client.close();
    client = await MonitorClient.connect({ port: fake.port });
    expect(await client.execute('mach create "x"')).to.equal('');
  });

  it('skips output Renode queued while no client was connected', async () => {
    const first = await MonitorClient.connect({ port: fake.port });
    fake.replyDelayMs = 100;
    void first.execute('mach create "queued"').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    first.close(); // leaves before the reply: Renode queues it (and its prompt)
    await new Promise((resolve) => setTimeout(resolve, 150));
    fake.replyDelayMs = 0;
    client = await MonitorClient.connect({ port: fake.port });
    expect(await client.execute('sysbus ReadDoubleWord 0x20070000')).to.equal('0x00000000');
    expect(client.promptName).to.equal('queued');
  });

  it('quits cleanly: Renode closes the connection, pending work is not left hanging', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    const quitEvent = new Promise<void>((resolve) => fake.once('quit', () => resolve()));
    expect(await client.quit(2000)).to.equal(true);
    await quitEvent;
    expect(client.closed).to.equal(true);
    const after = await client.execute('start').catch((e: unknown) => e);
    expect(after).to.be.instanceOf(RenodeConnectionError);
  });

  it('fails pending commands when the connection drops', async () => {
    client = await MonitorClient.connect({ port: fake.port });
    fake.replyDelayMs = 200;
    const pending = client.execute('mach create').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.dropClient();
    const error = await pending;
    expect(error).to.be.instanceOf(RenodeConnectionError);
    expect(String(error)).to.match(/closed.*while running 'mach create'/);
  });

  after(() => {
    expect(pendingCleanups()).to.equal(0);
  });
});

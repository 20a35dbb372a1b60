// The C stub against the TypeScript host, on QEMU (real ARM firmware) and as a native peer.
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import type { EngineName } from '../../harness/engines/launch.js';
import type { UnboundMode, WireGeneration } from '../../harness/session/options.js';
import { isIcmsgError } from '../../harness/wire/errors.js';
import { emulationFixture, messageBytes, seededRandom } from '../helpers/engine-fixture.js';
import { collect, once } from '../helpers/session-pair.js';

interface Pairing {
  readonly wire: WireGeneration;
  readonly host: UnboundMode;
  readonly remote: UnboundMode;
}

const PAIRINGS: Pairing[] = [
  { wire: 'pbuf', host: 'disable', remote: 'disable' },
  { wire: 'pbuf', host: 'enable', remote: 'enable' },
  { wire: 'pbuf', host: 'detect', remote: 'disable' },
  { wire: 'pbuf', host: 'disable', remote: 'detect' },
  { wire: 'pbuf', host: 'detect', remote: 'enable' },
  { wire: 'pbuf', host: 'enable', remote: 'detect' },
  { wire: 'pbuf', host: 'detect', remote: 'detect' },
  { wire: 'spsc', host: 'disable', remote: 'disable' },
];

const MESSAGES = 10_000;

for (const engine of ['native', 'qemu'] as EngineName[]) {
  describe(`remote stub on ${engine}`, function () {
    this.timeout(60000);
    const fixture = emulationFixture();

    for (const pairing of PAIRINGS) {
      const title = `${pairing.wire}: host ${pairing.host} <-> remote ${pairing.remote}`;
      it(`${title}: binds and echoes ${MESSAGES} random-size messages intact and in order`, async () => {
        const emu = await fixture.start({
          engine,
          icmsg: { wire: pairing.wire, unbound: pairing.host, remoteUnbound: pairing.remote, dcacheAlignment: pairing.wire === 'pbuf' ? 8 : 0 },
        });
        expect(emu.session.isBound).to.equal(true);
        const random = seededRandom(MESSAGES + pairing.host.length * 7 + pairing.remote.length);
        const sizes = Array.from({ length: MESSAGES }, () => 1 + Math.floor(random() * emu.session.maxMessageLength));
        const echoed = collect(emu.session, MESSAGES, 50000);
        for (let i = 0; i < MESSAGES; i++) await emu.session.send(messageBytes(i, sizes[i] ?? 1), { waitForSpaceMs: 10000 });
        const got = await echoed;
        let mismatches = 0;
        got.forEach((message, i) => {
          if (!Buffer.from(message).equals(messageBytes(i, sizes[i] ?? 1))) mismatches++;
        });
        expect(mismatches).to.equal(0);
        const status = await emu.control?.status();
        expect(status?.rxCount).to.equal(MESSAGES);
        expect(status?.errorCount).to.equal(0);
        expect(emu.session.stats.errors, String(emu.session.lastError)).to.equal(0);
      });
    }

    it('remote close -> unbound; remote open -> bound again', async () => {
      const emu = await fixture.start({ engine, icmsg: { unbound: 'enable', dcacheAlignment: 8 } });
      const unbound = once(emu.session, 'unbound');
      expect(await emu.control?.command('close')).to.equal(0);
      await unbound;
      const bound = once(emu.session, 'bound');
      expect(await emu.control?.command('open')).to.equal(0);
      await bound;
      const echo = collect(emu.session, 1);
      await emu.session.send(Uint8Array.of(1, 2, 3));
      expect(Array.from((await echo)[0] ?? [])).to.deep.equal([1, 2, 3]);
    });

    it('remote reset -> unbound, then re-bind and echo', async () => {
      const emu = await fixture.start({ engine, icmsg: { unbound: 'enable', dcacheAlignment: 8 } });
      const events: string[] = [];
      emu.session.on('unbound', () => events.push('unbound'));
      emu.session.on('bound', () => events.push('bound'));
      const rebound = once(emu.session, 'bound', 5000);
      expect(await emu.control?.command('reset')).to.equal(0);
      await rebound;
      await new Promise((resolve) => setTimeout(resolve, 100)); // no second unbound/bound cycle follows
      expect(events).to.deep.equal(['unbound', 'bound']);
      expect((await emu.control?.waitReady(3000, 2))?.bootCount).to.equal(2);
      const echo = collect(emu.session, 1);
      await emu.session.send(Uint8Array.of(9, 8, 7));
      expect(Array.from((await echo)[0] ?? [])).to.deep.equal([9, 8, 7]);
    });

    it('remote hard-fault -> a clear error, not a hang', async () => {
      const emu = await fixture.start({ engine, icmsg: { unbound: 'enable', dcacheAlignment: 8 } });
      const errors: string[] = [];
      emu.session.on('error', (error) => errors.push(error.message));
      await emu.control?.command('hardFault');
      const failure = await Promise.race([emu.failure, new Promise<undefined>((resolve) => setTimeout(resolve, 5000, undefined))]);
      expect(failure, 'no failure reported within 5 s').not.to.equal(undefined);
      const expected = engine === 'qemu' ? /REMOTE_FAULT: remote core is in its HardFault handler/ : /ENGINE_EXITED: native peer was killed by SIGABRT/;
      expect(String(failure)).to.match(expected);
      const sent = await emu.session.send(Uint8Array.of(1)).catch((error: unknown) => error);
      expect(isIcmsgError(sent, 'EIO'), String(sent)).to.equal(true);
      expect(errors.join('\n')).to.match(expected);
    });

    it('engine killed -> pending operations reject with a clear error', async () => {
      // The host believes the remote takes 1 KiB; the stub really takes 128 B, so a 200-byte
      // message stalls its rx FIFO (as Zephyr's would), the FIFO fills and later sends wait.
      const emu = await fixture.start({ engine, icmsg: { unbound: 'enable', dcacheAlignment: 8, peerRxLimit: 1024, remoteRxBufferSize: 128 } });
      const pending: Array<Promise<unknown>> = [];
      for (let i = 0; i < 20; i++) pending.push(emu.session.send(new Uint8Array(200), { waitForSpaceMs: 20000 }).catch((error: unknown) => error));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const pid = engine === 'qemu' ? findChild('qemu-system-arm') : findChild('icmsg-native-pe');
      expect(pid, 'engine process').to.be.a('number');
      process.kill(pid as number, 'SIGKILL');
      const results = await Promise.race([Promise.all(pending), new Promise<undefined>((resolve) => setTimeout(resolve, 5000, undefined))]);
      expect(results, 'pending sends still hanging 5 s after the kill').not.to.equal(undefined);
      const failures = (results ?? []).filter((result) => result instanceof Error);
      expect(failures.length).to.be.within(10, 19); // ~10 fit the 2 KiB FIFO before the kill
      for (const failure of failures) expect(String(failure)).to.match(/EIO: .*killed by SIGKILL/);
    });
  });
}

/** The pid of our child process whose command name contains `name` (the engine we started). */
function findChild(name: string): number | undefined {
  const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  const line = children.split('\n').find((entry) => entry.includes(name));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

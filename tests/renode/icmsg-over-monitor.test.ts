import { expect } from 'chai';
import { pendingCleanups } from '../../harness/transport/cleanup-registry.js';
import type { RingNotification } from '../../harness/engines/renode/renode-doorbell.js';
import type { UnboundMode } from '../../harness/session/options.js';
import { collect } from '../helpers/session-pair.js';
import { monitorLink, type MonitorLink } from './helpers.js';
import { NATIVE_PEER } from './fake-net-core.js';
import { existsSync } from 'node:fs';

const MODES: { unbound: UnboundMode; dcacheAlignment: number }[] = [
  { unbound: 'enable', dcacheAlignment: 8 },
  { unbound: 'disable', dcacheAlignment: 0 },
];

function message(i: number, size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, k) => (i * 31 + k) & 0xff);
}

/** Sends `count` messages one at a time, each waiting for its echo; returns the measurements. */
async function echoRun(link: MonitorLink, count: number, size: number) {
  const writes = link.client.stats.writes;
  const commands = link.client.stats.commands;
  const reads = link.memory.stats.reads;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const echoed = collect(link.session, 1, 5000);
    await link.session.send(message(i, size));
    const [back] = await echoed;
    expect(Array.from(back ?? [])).to.deep.equal(Array.from(message(i, size)));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    perSecond: count / seconds,
    writesPerMessage: (link.client.stats.writes - writes) / count,
    readsPerMessage: (link.memory.stats.reads - reads) / count,
    commandsPerMessage: (link.client.stats.commands - commands) / count,
  };
}

describe('icmsg over the Renode monitor path (fake Renode, native stub as the net core)', function () {
  this.timeout(30000);
  let link: MonitorLink | undefined;

  before(function () {
    if (!existsSync(NATIVE_PEER)) this.skip(); // built by `make -C firmware-stubs`
  });

  afterEach(async () => {
    await link?.close();
    link = undefined;
  });

  for (const mode of MODES) {
    it(`binds and echoes in ${mode.unbound} mode (A=${mode.dcacheAlignment}), then closes`, async () => {
      link = await monitorLink({ unbound: mode.unbound, dcacheAlignment: mode.dcacheAlignment });
      await link.session.open();
      expect(link.session.isBound).to.equal(true);
      const result = await echoRun(link, 50, 40);
      // Every size up to the stub's 128-byte receive buffer, in one burst, order kept.
      const burst = Array.from({ length: 20 }, (_, i) => message(i, 1 + ((i * 13) % 128)));
      const echoed = collect(link.session, burst.length, 10000);
      for (const m of burst) await link.session.send(m, { waitForSpaceMs: 2000 });
      expect((await echoed).map((m) => Array.from(m))).to.deep.equal(burst.map((m) => Array.from(m)));
      console.log(
        `      ${mode.unbound}: ${result.perSecond.toFixed(0)} msg/s; per echoed message: ${result.readsPerMessage.toFixed(1)} blocking ` +
          `round trips (reads), ${result.writesPerMessage.toFixed(1)} socket writes, ${result.commandsPerMessage.toFixed(1)} commands`,
      );
      await link.session.close();
      await link.memory.flush();
      expect(link.fake.unmappedAccesses).to.equal(0);
      expect(link.fake.ipc.ignoredSends).to.equal(0);
      expect(link.doorbell.stats.lostLogLines).to.equal(0);
    });
  }

  for (const notification of ['log', 'poll'] as RingNotification[]) {
    it(`measures the ${notification} notification of the net core's doorbell`, async () => {
      link = await monitorLink({ unbound: 'enable', dcacheAlignment: 8 }, notification);
      await link.session.open();
      const result = await echoRun(link, 100, 16);
      console.log(
        `      ${notification}: ${result.perSecond.toFixed(0)} msg/s; per echoed message: ${result.readsPerMessage.toFixed(1)} blocking ` +
          `round trips (reads), ${result.writesPerMessage.toFixed(1)} socket writes, ${result.commandsPerMessage.toFixed(1)} commands` +
          (notification === 'poll' ? ` (${link.doorbell.stats.polls} polls)` : ''),
      );
      expect(result.perSecond).to.be.greaterThan(5);
    });
  }

  it('a stub reset (control block) and a re-bind work over the monitor', async () => {
    link = await monitorLink({ unbound: 'enable', dcacheAlignment: 8 });
    await link.session.open();
    // The control block is in shared SRAM: read the stub's status fields over the monitor.
    const control = 0x2007f100 - 0x20070000;
    expect(await link.memory.readU32(control)).to.equal(0x4c52544e);
    expect(await link.memory.readU32(control + 0x1c)).to.equal(6); // CONNECTED_SID_ENABLED
    const echoed = collect(link.session, 1);
    await link.session.send(Uint8Array.of(1, 2, 3));
    await echoed;
    expect(await link.memory.readU32(control + 0x20)).to.equal(1); // rx_count
  });

  after(() => {
    expect(pendingCleanups()).to.equal(0);
  });
});

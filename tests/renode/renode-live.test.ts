/**
 * Against a real Renode (run only when `renode` is on PATH, else reported as SKIPPED).
 * Boots platforms/renode/nrf5340.repl with the nRF5340 network-core stub, binds the host
 * session (as the app core), echoes and closes.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchRenode, type RenodeRun } from '../../harness/engines/renode/renode-engine.js';
import { renodePlatformFiles } from '../../harness/engines/renode/platform-files.js';
import { pendingCleanups } from '../../harness/transport/cleanup-registry.js';
import { collect } from '../helpers/session-pair.js';

function renodeOnPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v renode'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

describe('live Renode: nRF5340 network-core stub', function () {
  this.timeout(180000);
  let run: RenodeRun | undefined;

  before(function () {
    const renode = renodeOnPath();
    if (!renode) {
      this.test!.parent!.title += ' (SKIPPED: `renode` is not on PATH)';
      console.log('      SKIPPED: `renode` is not on PATH; install the portable package to run these tests');
      this.skip();
    }
    if (!existsSync(renodePlatformFiles().defaultFirmware)) {
      throw new Error(`build the stub first: make -C firmware-stubs nrf5340 (missing ${renodePlatformFiles().defaultFirmware})`);
    }
  });

  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });

  after(() => {
    expect(pendingCleanups()).to.equal(0);
  });

  for (const unbound of ['enable', 'disable'] as const) {
    it(`boots, binds (${unbound}), echoes and closes`, async () => {
      run = await launchRenode({
        icmsg: { unbound, dcacheAlignment: unbound === 'enable' ? 8 : 0, openTimeoutMs: 60000, resignalIntervalMs: 200 },
        startTimeoutMs: 120000,
        commandTimeoutMs: 30000,
      });
      const messages = Array.from({ length: 10 }, (_, i) => Uint8Array.from({ length: 1 + i * 12 }, (_, k) => (i + k) & 0xff));
      const echoed = collect(run.session, messages.length, 60000);
      for (const m of messages) await run.session.send(m, { waitForSpaceMs: 10000 });
      expect((await echoed).map((m) => Array.from(m))).to.deep.equal(messages.map((m) => Array.from(m)));
      expect(run.doorbell.stats.lostLogLines).to.equal(0);
      await run.session.close();
    });
  }
});

import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { RenodeStartError } from '../../harness/engines/renode/errors.js';
import { launchRenode, type RenodeRun } from '../../harness/engines/renode/renode-engine.js';
import { renodePlatformFiles } from '../../harness/engines/renode/platform-files.js';
import { pendingCleanups } from '../../harness/transport/cleanup-registry.js';
import { collect } from '../helpers/session-pair.js';
import { NATIVE_PEER } from './fake-net-core.js';
import { fakeRenodeExecutable } from './helpers.js';

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('launchRenode with a fake `renode` executable', function () {
  this.timeout(30000);
  let executable: ReturnType<typeof fakeRenodeExecutable> | undefined;
  let run: RenodeRun | undefined;

  before(function () {
    const firmware = renodePlatformFiles().defaultFirmware;
    if (!existsSync(NATIVE_PEER) || !existsSync(firmware)) this.skip(); // `make -C firmware-stubs`
    executable = fakeRenodeExecutable();
  });

  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });

  after(() => {
    executable?.remove();
    expect(pendingCleanups()).to.equal(0);
  });

  for (const unbound of ['enable', 'disable'] as const) {
    it(`starts, loads platform and ELF, binds (${unbound}), echoes, and stops leaving nothing behind`, async () => {
      run = await launchRenode({
        renodePath: executable?.path,
        icmsg: { unbound, dcacheAlignment: unbound === 'enable' ? 8 : 0, resignalIntervalMs: 20 },
        startTimeoutMs: 15000,
      });
      expect(run.session.isBound).to.equal(true);
      const echoed = collect(run.session, 3);
      for (const text of ['one', 'two', 'three']) await run.session.send(new TextEncoder().encode(text));
      expect((await echoed).map((m) => new TextDecoder().decode(m))).to.deep.equal(['one', 'two', 'three']);
      const pid = run.process.pid;
      await run.stop();
      expect(run.process.exited).to.equal(true);
      expect(alive(pid)).to.equal(false);
    });
  }

  it('names a missing firmware file', async () => {
    const error = await launchRenode({ renodePath: executable?.path, firmware: '/nonexistent/net.elf' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RenodeStartError);
    expect(String(error)).to.match(/firmware not found: \/nonexistent\/net\.elf/);
  });

  it('reports a renode executable that cannot start', async () => {
    const error = await launchRenode({ renodePath: '/nonexistent/renode', startTimeoutMs: 3000 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RenodeStartError);
    expect(String(error)).to.match(/exited before its monitor came up|did not come up/);
  });
});

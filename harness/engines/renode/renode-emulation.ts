import { MemoryWindow } from '../../wire/shared-memory.js';
import { type Emulation, saveArtifacts } from '../emulation.js';
import { EngineError } from '../errors.js';
import { type LaunchOptions, remoteSettings, sessionSettings } from '../launch-options.js';
import { CONTROL_BLOCK_SIZE, StubControl } from '../stub-control.js';
import { NRF5340, STUB_LAYOUT } from './nrf5340-layout.js';
import { launchRenode } from './renode-engine.js';

/** launch() for the nRF5340 on Renode: the same Emulation as QEMU and native peers give. */
export async function launchOnRenode(options: LaunchOptions, stub: boolean): Promise<Emulation> {
  const link = options.icmsg ?? {};
  if (link.regionSize !== undefined && link.regionSize !== STUB_LAYOUT.regionSize) {
    throw new EngineError('PLATFORM', `the nRF5340 layout has 0x${STUB_LAYOUT.regionSize.toString(16)}-byte regions; regionSize 0x${link.regionSize.toString(16)} is not possible`);
  }
  const remote = remoteSettings(link);
  const run = await launchRenode({
    ...(options.firmware ? { firmware: options.firmware } : {}),
    ...(options.renodePath ? { renodePath: options.renodePath } : {}),
    icmsg: sessionSettings(link),
    stub: stub ? remote : false,
    open: false,
  });
  let reportFailure: (error: EngineError) => void = () => undefined;
  const failure = new Promise<EngineError>((resolve) => (reportFailure = resolve));
  let stopping = false;
  run.process.once('exit', (code, signal) => {
    if (!stopping) reportFailure(new EngineError('ENGINE_EXITED', `renode ${signal ? `was killed by ${signal}` : `exited with code ${code}`}; log: ${run.process.recentLines.slice(-5).join(' | ')}`));
  });
  void failure.then((error) => run.session.abort(error));
  const window = (address: number, size: number) => new MemoryWindow(run.memory, address - NRF5340.sharedSramBase, size);
  const control = stub ? new StubControl(window(STUB_LAYOUT.controlBlock, CONTROL_BLOCK_SIZE), { ring: () => run.doorbell.doorbell(2, 3).ring(), onAck: (listener) => run.doorbell.doorbell(2, 3).onRing(listener) }) : undefined;
  const hostTx = { address: STUB_LAYOUT.hostTx, size: STUB_LAYOUT.regionSize };
  const hostRx = { address: STUB_LAYOUT.hostRx, size: STUB_LAYOUT.regionSize };
  const emulation: Emulation = {
    engine: 'renode',
    session: run.session,
    control,
    failure,
    hostTx,
    hostRx,
    dumpRegions: async () => ({
      hostTx: await run.memory.read(hostTx.address - NRF5340.sharedSramBase, hostTx.size),
      hostRx: await run.memory.read(hostRx.address - NRF5340.sharedSramBase, hostRx.size),
    }),
    log: () => run.process.recentLines.join('\n'),
    ringsSent: () => run.doorbell.stats.rings,
    diagnose: async () => undefined,
    saveArtifacts: (directory, label) => saveArtifacts(emulation, directory, label),
    stop: async () => {
      stopping = true;
      await run.stop();
    },
  };
  return emulation;
}

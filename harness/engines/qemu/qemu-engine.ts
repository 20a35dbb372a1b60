import { existsSync } from 'node:fs';
import { registerPaths } from '../../transport/cleanup-registry.js';
import { CoalescingDoorbell } from '../../transport/coalescing-doorbell.js';
import { DoorbellSocketServer } from '../../transport/doorbell-socket.js';
import { FileMemory } from '../../transport/file-memory.js';
import { DOORBELL_CHANNELS } from '../../transport/peer-contract.js';
import { runPaths } from '../../transport/run-paths.js';
import { TrackedProcess } from '../child-process.js';
import { EngineError } from '../errors.js';
import type { Platform } from '../platform.js';
import type { RunningPeer } from '../running-peer.js';
import { describeFault, parseCpuState } from './cpu-state.js';
import { QemuWaker } from './qemu-waker.js';
import { qemuArguments } from './qemu-command.js';
import { QmpClient } from './qmp-client.js';

export interface QemuOptions {
  readonly platform: Platform;
  readonly firmware: string;
  /** Bytes to place in shared RAM before the core boots (e.g. the stub's config block). */
  readonly preload?: ReadonlyArray<{ readonly address: number; readonly bytes: Uint8Array }>;
  readonly startTimeoutMs?: number;
  /** How often the watchdog looks at QEMU (status, and the core's registers). Default 250 ms. */
  readonly watchdogMs?: number;
  readonly binary?: string;
}

/** Launches QEMU with the firmware on the platform's remote core and attaches to it. */
export async function startQemu(options: QemuOptions): Promise<RunningPeer> {
  const { platform } = options;
  if (!existsSync(options.firmware)) throw new EngineError('ENGINE_START', `firmware '${options.firmware}' does not exist (run: make -C firmware-stubs)`);
  const paths = runPaths();
  const cleanupFiles = registerPaths(paths.sharedMemory, paths.doorbellSocket, paths.qmpSocket);
  const memory = FileMemory.create(paths.sharedMemory, platform.sharedMemory.size);
  for (const { address, bytes } of options.preload ?? []) memory.writeSync(address - platform.sharedMemory.address, bytes);
  const doorbells = await DoorbellSocketServer.listen(paths.doorbellSocket);
  const timeoutMs = options.startTimeoutMs ?? 10000;
  let qemu: TrackedProcess | undefined;
  let qmp: QmpClient | undefined;
  try {
    qemu = await TrackedProcess.spawn('qemu', options.binary ?? platform.qemu?.binary ?? 'qemu-system-arm', qemuArguments({ ...options, sharedMemoryPath: paths.sharedMemory, doorbellSocket: paths.doorbellSocket, qmpSocket: paths.qmpSocket }));
    const started = qemu;
    const exitedEarly = qemu.exited.then((info) => {
      throw new EngineError('ENGINE_START', `${started.describeExit(info)} during start-up`);
    });
    exitedEarly.catch(() => undefined);
    await Promise.race([doorbells.waitForPeer(timeoutMs), exitedEarly]);
    qmp = await Promise.race([QmpClient.connect(paths.qmpSocket, timeoutMs), exitedEarly]);
    await qmp.status(); // the first kick: wakes the UART input path after boot
  } catch (error) {
    qmp?.close();
    await qemu?.stop(500);
    await doorbells.close();
    memory.close();
    cleanupFiles();
    throw error;
  }
  return attach(qemu, qmp, memory, doorbells, options, cleanupFiles);
}

function attach(qemu: TrackedProcess, qmp: QmpClient, memory: FileMemory, doorbells: DoorbellSocketServer, options: QemuOptions, cleanupFiles: () => void): RunningPeer {
  const { platform } = options;
  const waker = new QemuWaker(qmp, doorbells);
  let stopping = false;
  let reportFailure: (error: EngineError) => void = () => undefined;
  const failed = new Promise<EngineError>((resolve) => (reportFailure = resolve));
  void qemu.exited.then((info) => {
    if (!stopping) reportFailure(new EngineError('ENGINE_EXITED', qemu.describeExit(info)));
  });

  const diagnose = async (): Promise<string | undefined> => {
    const state = parseCpuState(await qmp.hmp('info registers'));
    return state ? describeFault(state) : undefined;
  };
  // Watchdog: keeps QEMU's main loop awake (its UART input stall) and notices a dead core.
  let faultSamples = 0;
  const watchdog = setInterval(() => {
    diagnose().then(
      (fault) => {
        faultSamples = fault ? faultSamples + 1 : 0;
        // Two samples in a row: a handler that is merely passing through does not count.
        if (fault && faultSamples >= 2 && !stopping) reportFailure(new EngineError('REMOTE_FAULT', `remote ${fault}`));
      },
      () => undefined,
    );
  }, options.watchdogMs ?? 250);
  watchdog.unref();

  const base = platform.sharedMemory.address;
  return {
    engine: 'qemu',
    memory,
    memoryBase: base,
    doorbells,
    icmsgDoorbell: new CoalescingDoorbell(doorbells.doorbell(DOORBELL_CHANNELS.hostToPeer, DOORBELL_CHANNELS.peerToHost), () => waker.afterRing()),
    controlDoorbell: new CoalescingDoorbell(doorbells.doorbell(DOORBELL_CHANNELS.control, DOORBELL_CHANNELS.controlAck), () => waker.afterRing()),
    hostTx: platform.hostTx,
    hostRx: platform.hostRx,
    controlBlock: platform.controlBlock,
    failed,
    log: () => qemu.stderr,
    diagnose,
    stop: async () => {
      stopping = true;
      clearInterval(watchdog);
      waker.dispose();
      if (!qemu.exit) {
        await qmp.execute('quit', undefined, 1000).catch(() => undefined);
        const quit = await Promise.race([qemu.exited, new Promise((resolve) => setTimeout(resolve, 2000, undefined))]);
        if (!quit) await qemu.stop(500);
      }
      qmp.close();
      await doorbells.close();
      memory.close();
      cleanupFiles();
    },
  };
}

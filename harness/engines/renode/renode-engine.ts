import { existsSync } from 'node:fs';
import { IcmsgSession } from '../../session/icmsg-session.js';
import type { IcmsgSessionOptions, UnboundMode, WireGeneration } from '../../session/options.js';
import { MemoryWindow } from '../../wire/shared-memory.js';
import { encodeStubConfig } from '../stub-config.js';
import { RenodeStartError } from './errors.js';
import { hex32 } from './monitor-format.js';
import type { LogLineSource } from './monitor-port.js';
import type { MonitorClient } from './monitor-client.js';
import { NRF5340, STUB_LAYOUT } from './nrf5340-layout.js';
import { monitorPath, renodePlatformFiles } from './platform-files.js';
import { RenodeDoorbell, type RingNotification } from './renode-doorbell.js';
import { RenodeMemory } from './renode-memory.js';
import { RenodeProcess } from './renode-process.js';

export type RenodeIcmsgOptions = Omit<IcmsgSessionOptions, 'tx' | 'rx' | 'doorbell'>;

export interface LaunchRenodeOptions {
  /** Network-core ELF; default firmware-stubs/build/nrf5340-net/icmsg-echo.elf. */
  readonly firmware?: string;
  readonly icmsg?: RenodeIcmsgOptions;
  readonly renodePath?: string;
  /** Directory holding nrf5340.repl and NRF5340_IPC.cs; default platforms/renode. */
  readonly platformDir?: string;
  /**
   * What to tell our stub through its config block (wire, unbound mode, alignment, receive
   * buffer); default: the session's own settings. `false` for foreign firmware: write nothing.
   */
  readonly stub?: StubSettings | false;
  readonly notification?: RingNotification;
  readonly startTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
  /** Open the session (and wait for bound) before returning. Default true. */
  readonly open?: boolean;
  /** Machine name (the monitor prompt). Default `nrf5340`. */
  readonly machineName?: string;
}

export interface RenodeRun {
  readonly session: IcmsgSession;
  /** The shared SRAM (0x20070000, 64 KiB) over the monitor. */
  readonly memory: RenodeMemory;
  /** The session's doorbell (host channel 0 -> net, net channel 1 -> host). */
  readonly doorbell: RenodeDoorbell;
  readonly monitor: MonitorClient;
  readonly process: RenodeProcess;
  /** Closes the session and Renode; nothing is left running. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Boots the nRF5340 platform in Renode with the given network-core image, plays the
 * application core from the host (its IPC and the shared SRAM over the monitor), writes
 * the stub's config block, starts the emulation and binds an IcmsgSession.
 */
export async function launchRenode(options: LaunchRenodeOptions = {}): Promise<RenodeRun> {
  const files = options.platformDir
    ? { ...renodePlatformFiles(), repl: `${options.platformDir}/nrf5340.repl`, ipcModel: `${options.platformDir}/NRF5340_IPC.cs` }
    : renodePlatformFiles();
  const firmware = options.firmware ?? files.defaultFirmware;
  for (const [what, path] of [['firmware', firmware], ['platform description', files.repl], ['IPC model', files.ipcModel]] as const) {
    if (!existsSync(path)) {
      throw new RenodeStartError(`${what} not found: ${path}${what === 'firmware' ? ' (build it with `make -C firmware-stubs nrf5340`)' : ''}`);
    }
  }
  const icmsg = options.icmsg ?? {};
  const renode = await RenodeProcess.start({
    renodePath: options.renodePath,
    startTimeoutMs: options.startTimeoutMs,
    commandTimeoutMs: options.commandTimeoutMs,
  });
  let doorbell: RenodeDoorbell | undefined;
  let session: IcmsgSession | undefined;
  const stop = once(async () => {
    await session?.close().catch(() => undefined);
    doorbell?.dispose();
    await renode.stop();
  });
  try {
    const monitor = renode.monitor as MonitorClient;
    const machine = options.machineName ?? 'nrf5340';
    // Loading is slow (C# compilation, ELF parsing): a generous limit for these commands.
    const slow = { timeoutMs: Math.max(options.commandTimeoutMs ?? 0, 120_000) };
    await monitor.execute(`include ${monitorPath(files.ipcModel)}`, slow);
    await monitor.execute(`mach create "${machine}"`);
    await monitor.execute(`machine LoadPlatformDescription ${monitorPath(files.repl)}`, slow);
    await monitor.execute(`sysbus LoadELF ${monitorPath(firmware)} cpu=sysbus.${NRF5340.netCpuName}`, slow);
    await monitor.batch([
      `sysbus.${NRF5340.netCpuName} VectorTableOffset ${hex32(NRF5340.netFlashBase)}`,
      `sysbus.${NRF5340.appCpuName} IsHalted true`,
    ]);

    const memory = new RenodeMemory({ monitor, base: NRF5340.sharedSramBase, size: NRF5340.sharedSramSize });
    if (options.stub !== false) await writeStubConfig(memory, options.stub ?? stubSettingsFrom(icmsg));
    doorbell = new RenodeDoorbell({ monitor, log: renode as LogLineSource, notification: options.notification });
    await doorbell.configure();
    await memory.flush();
    await monitor.execute('start');

    session = new IcmsgSession({
      ...icmsg,
      tx: new MemoryWindow(memory, STUB_LAYOUT.hostTx - NRF5340.sharedSramBase, STUB_LAYOUT.regionSize),
      rx: new MemoryWindow(memory, STUB_LAYOUT.hostRx - NRF5340.sharedSramBase, STUB_LAYOUT.regionSize),
      doorbell: doorbell.doorbell(0, 1),
    });
    if (options.open ?? true) await session.open();
    return { session, memory, doorbell, monitor, process: renode, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface StubSettings {
  readonly wire: WireGeneration;
  readonly unbound: UnboundMode;
  readonly dcacheAlignment: number;
  /** The stub's receive buffer (CONFIG_PBUF_RX_READ_BUF_SIZE); 0 means 128. */
  readonly rxBufferSize: number;
}

export function stubSettingsFrom(icmsg: RenodeIcmsgOptions): StubSettings {
  return { wire: icmsg.wire ?? 'pbuf', unbound: icmsg.unbound ?? 'disable', dcacheAlignment: icmsg.dcacheAlignment ?? 0, rxBufferSize: icmsg.peerRxLimit ?? 0 };
}

/** Writes the config block and clears the control block's magic so the stub starts fresh. */
export async function writeStubConfig(memory: RenodeMemory, stub: StubSettings): Promise<void> {
  const block = encodeStubConfig({
    ...stub,
    stubRx: { address: STUB_LAYOUT.hostTx, size: STUB_LAYOUT.regionSize },
    stubTx: { address: STUB_LAYOUT.hostRx, size: STUB_LAYOUT.regionSize },
    controlBlock: STUB_LAYOUT.controlBlock,
  });
  await memory.write(STUB_LAYOUT.configBlock - NRF5340.sharedSramBase, block);
  await memory.write(STUB_LAYOUT.controlBlock - NRF5340.sharedSramBase, new Uint8Array(0x34));
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

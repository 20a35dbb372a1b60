import { IcmsgSession } from '../session/icmsg-session.js';
import { MemoryWindow } from '../wire/shared-memory.js';
import { type Emulation, saveArtifacts } from './emulation.js';
import { EngineError } from './errors.js';
import { startNativePeer } from './native/native-engine.js';
import { loadPlatform, type Platform } from './platform.js';
import { startQemu } from './qemu/qemu-engine.js';
import { launchOnRenode } from './renode/renode-emulation.js';
import { stubBuilds } from './repository.js';
import type { RunningPeer } from './running-peer.js';
import { encodeStubConfig } from './stub-config.js';
import { CONTROL_BLOCK_SIZE, StubControl } from './stub-control.js';

import { type IcmsgLinkOptions, type LaunchOptions, remoteSettings, sessionSettings } from './launch-options.js';

export type { Emulation, EngineName } from './emulation.js';
export type { IcmsgLinkOptions, LaunchOptions } from './launch-options.js';

function withRegionSize(platform: Platform, size: number | undefined): Platform {
  if (size === undefined) return platform;
  const resized = { ...platform, hostTx: { ...platform.hostTx, size }, hostRx: { ...platform.hostRx, size } };
  const [first, second] = [resized.hostTx, resized.hostRx].sort((a, b) => a.address - b.address);
  if (first && second && first.address + first.size > second.address) {
    throw new EngineError('PLATFORM', `regionSize 0x${size.toString(16)} makes the icmsg regions of '${platform.name}' overlap (at most 0x${(second.address - first.address).toString(16)})`);
  }
  return resized;
}

async function startPeer(options: LaunchOptions, link: IcmsgLinkOptions, stub: boolean): Promise<RunningPeer> {
  const remote = remoteSettings(link);
  if (options.engine === 'native') {
    return startNativePeer({
      command: options.peer ?? [stubBuilds.native()],
      wire: remote.wire,
      unbound: remote.unbound,
      dcacheAlignment: remote.dcacheAlignment,
      ...(link.regionSize !== undefined ? { regionSize: link.regionSize } : {}),
      ...(stub ? { rxBufferSize: remote.rxBufferSize, withControl: true } : {}),
    });
  }
  const platform = withRegionSize(typeof options.platform === 'object' ? options.platform : loadPlatform(options.platform ?? 'mps2-an521'), link.regionSize);
  if (platform.engine !== 'qemu') throw new EngineError('PLATFORM', `platform '${platform.name}' is for ${platform.engine}, not qemu`);
  const preload = [];
  if (stub && platform.configBlock !== undefined) {
    const config = encodeStubConfig({ ...remote, stubRx: platform.hostTx, stubTx: platform.hostRx, controlBlock: platform.controlBlock ?? 0 });
    preload.push({ address: platform.configBlock, bytes: config });
  }
  return startQemu({ platform, firmware: options.firmware ?? stubBuilds.an521(), preload });
}

/** QEMU and native peers: a shared-memory file plus a doorbell socket. */
async function launchOnFile(options: LaunchOptions, stub: boolean): Promise<Emulation> {
  const link = options.icmsg ?? {};
  const peer = await startPeer(options, link, stub);
  const window = (address: number, size: number) => new MemoryWindow(peer.memory, address - peer.memoryBase, size);
  let session: IcmsgSession;
  try {
    session = new IcmsgSession({
      tx: window(peer.hostTx.address, peer.hostTx.size),
      rx: window(peer.hostRx.address, peer.hostRx.size),
      doorbell: peer.icmsgDoorbell,
      ...sessionSettings(link),
    });
  } catch (error) {
    await peer.stop();
    throw error;
  }
  void peer.failed.then((error) => session.abort(error));
  const control = stub && peer.controlBlock !== undefined ? new StubControl(window(peer.controlBlock, CONTROL_BLOCK_SIZE), { ring: () => peer.controlDoorbell.ring(), onAck: (listener) => peer.controlDoorbell.onRing(listener) }) : undefined;
  let stopped: Promise<void> | undefined;
  const emulation: Emulation = {
    engine: peer.engine,
    session,
    control,
    failure: peer.failed,
    hostTx: peer.hostTx,
    hostRx: peer.hostRx,
    dumpRegions: async () => ({
      hostTx: peer.memory.readSync(peer.hostTx.address - peer.memoryBase, peer.hostTx.size),
      hostRx: peer.memory.readSync(peer.hostRx.address - peer.memoryBase, peer.hostRx.size),
    }),
    log: () => peer.log(),
    ringsSent: () => peer.doorbells.sentCount,
    diagnose: () => peer.diagnose(),
    saveArtifacts: (directory, label) => saveArtifacts(emulation, directory, label),
    stop: () =>
      (stopped ??= (async () => {
        await Promise.race([session.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
        await peer.stop();
      })()),
  };
  return emulation;
}

/** Starts an engine with the remote firmware, attaches to its memory and doorbells, and binds. */
export async function launch(options: LaunchOptions = {}): Promise<Emulation> {
  const stub = options.stub ?? (options.firmware === undefined && options.peer === undefined);
  const emulation = options.engine === 'renode' ? await launchOnRenode(options, stub) : await launchOnFile(options, stub);
  if (options.bind ?? true) {
    try {
      await Promise.race([emulation.session.open(), emulation.failure.then((error) => Promise.reject(error))]);
    } catch (error) {
      await emulation.stop();
      throw error;
    }
  }
  return emulation;
}

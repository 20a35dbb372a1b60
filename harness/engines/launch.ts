import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IcmsgSession } from '../session/icmsg-session.js';
import { DEFAULT_PEER_RX_LIMIT, type IcmsgSessionOptions, type UnboundMode, type WireGeneration } from '../session/options.js';
import { MemoryWindow } from '../wire/shared-memory.js';
import { EngineError } from './errors.js';
import { startNativePeer } from './native/native-engine.js';
import { loadPlatform, type Platform } from './platform.js';
import { startQemu } from './qemu/qemu-engine.js';
import { stubBuilds } from './repository.js';
import type { RunningPeer } from './running-peer.js';
import { encodeStubConfig } from './stub-config.js';
import { CONTROL_BLOCK_SIZE, StubControl } from './stub-control.js';

export type EngineName = 'qemu' | 'native';

export interface IcmsgLinkOptions {
  readonly wire?: WireGeneration;
  readonly unbound?: UnboundMode;
  readonly dcacheAlignment?: number;
  /** The remote's receive buffer (CONFIG_PBUF_RX_READ_BUF_SIZE); our stub is configured to match. */
  readonly peerRxLimit?: number;
  /**
   * Size of both regions. Native: any size up to 0x8000. QEMU: overrides the platform's sizes
   * (the regions keep their addresses, so they must not overlap).
   */
  readonly regionSize?: number;
  /** The remote stub's unbound mode when it differs from ours (pairing tests). Default: ours. */
  readonly remoteUnbound?: UnboundMode;
  /** The stub's real receive buffer when it should differ from `peerRxLimit` (stall tests). */
  readonly remoteRxBufferSize?: number;
  readonly openTimeoutMs?: number;
  readonly resignalIntervalMs?: number;
  readonly reopenOnUnbound?: boolean;
}

export interface LaunchOptions {
  readonly engine?: EngineName;
  /** Platform name (platforms/NAME.json) or description; QEMU default: mps2-an521. */
  readonly platform?: string | Platform;
  /** The remote core's ELF (QEMU). Default: our echo stub. */
  readonly firmware?: string;
  /** The peer program (native engine). Default: our native stub. */
  readonly peer?: readonly string[];
  readonly icmsg?: IcmsgLinkOptions;
  /**
   * Configure and control our stub (config block / env, control block). Default: true when
   * the firmware or peer is our stub; a foreign firmware is left alone.
   */
  readonly stub?: boolean;
  /** Open the session and wait for `bound` before resolving. Default true. */
  readonly bind?: boolean;
}

export interface Emulation {
  readonly session: IcmsgSession;
  readonly peer: RunningPeer;
  /** The stub's control channel; undefined for foreign firmware. */
  readonly control: StubControl | undefined;
  /** Rejects... never; resolves with the reason when the engine dies or the core faults. */
  readonly failure: Promise<EngineError>;
  /** Raw bytes of both icmsg regions right now. */
  dumpRegions(): { hostTx: Uint8Array; hostRx: Uint8Array };
  /** Writes engine log, region dumps and a diagnosis into `directory`; returns the files. */
  saveArtifacts(directory: string, label: string): Promise<string[]>;
  stop(): Promise<void>;
}

async function startPeer(options: LaunchOptions, link: IcmsgLinkOptions, stub: boolean): Promise<RunningPeer> {
  const wire = link.wire ?? 'pbuf';
  const unbound = link.remoteUnbound ?? link.unbound ?? 'disable';
  const dcacheAlignment = link.dcacheAlignment ?? 0;
  const rxBufferSize = link.remoteRxBufferSize ?? link.peerRxLimit ?? DEFAULT_PEER_RX_LIMIT;
  if ((options.engine ?? 'qemu') === 'native') {
    return startNativePeer({
      command: options.peer ?? [stubBuilds.native()],
      wire,
      unbound,
      dcacheAlignment,
      ...(link.regionSize !== undefined ? { regionSize: link.regionSize } : {}),
      ...(stub ? { rxBufferSize, withControl: true } : {}),
    });
  }
  const platform = withRegionSize(typeof options.platform === 'object' ? options.platform : loadPlatform(options.platform ?? 'mps2-an521'), link.regionSize);
  if (platform.engine !== 'qemu') throw new EngineError('PLATFORM', `platform '${platform.name}' is for ${platform.engine}, not qemu`);
  const preload = [];
  if (stub && platform.configBlock !== undefined) {
    const config = encodeStubConfig({ wire, unbound, dcacheAlignment, stubRx: platform.hostTx, stubTx: platform.hostRx, rxBufferSize, controlBlock: platform.controlBlock ?? 0 });
    preload.push({ address: platform.configBlock, bytes: config });
  }
  return startQemu({ platform, firmware: options.firmware ?? stubBuilds.an521(), preload });
}

function withRegionSize(platform: Platform, size: number | undefined): Platform {
  if (size === undefined) return platform;
  const resized = { ...platform, hostTx: { ...platform.hostTx, size }, hostRx: { ...platform.hostRx, size } };
  const [first, second] = [resized.hostTx, resized.hostRx].sort((a, b) => a.address - b.address);
  if (first && second && first.address + first.size > second.address) {
    throw new EngineError('PLATFORM', `regionSize 0x${size.toString(16)} makes the icmsg regions of '${platform.name}' overlap (at most 0x${(second.address - first.address).toString(16)})`);
  }
  return resized;
}

/** Starts an engine with the remote firmware, attaches to its memory and doorbells, and binds. */
export async function launch(options: LaunchOptions = {}): Promise<Emulation> {
  const link = options.icmsg ?? {};
  const stub = options.stub ?? (options.firmware === undefined && options.peer === undefined);
  const peer = await startPeer(options, link, stub);
  const window = (address: number, size: number) => new MemoryWindow(peer.memory, address - peer.memoryBase, size);
  const { regionSize: _size, remoteUnbound: _remote, remoteRxBufferSize: _buffer, ...linkOptions } = link;
  const sessionOptions: IcmsgSessionOptions = {
    tx: window(peer.hostTx.address, peer.hostTx.size),
    rx: window(peer.hostRx.address, peer.hostRx.size),
    doorbell: peer.icmsgDoorbell,
    ...linkOptions,
  };
  let session: IcmsgSession;
  try {
    session = new IcmsgSession(sessionOptions);
  } catch (error) {
    await peer.stop();
    throw error;
  }
  const failure = peer.failed;
  void failure.then((error) => session.abort(error));
  const control =
    stub && peer.controlBlock !== undefined
      ? new StubControl(window(peer.controlBlock, CONTROL_BLOCK_SIZE), {
          ring: () => peer.controlDoorbell.ring(),
          onAck: (listener) => peer.controlDoorbell.onRing(listener),
        })
      : undefined;
  let stopped: Promise<void> | undefined;
  const emulation: Emulation = {
    session,
    peer,
    control,
    failure,
    dumpRegions: () => ({
      hostTx: peer.memory.readSync(peer.hostTx.address - peer.memoryBase, peer.hostTx.size),
      hostRx: peer.memory.readSync(peer.hostRx.address - peer.memoryBase, peer.hostRx.size),
    }),
    saveArtifacts: async (directory, label) => saveArtifacts(emulation, directory, label),
    stop: () =>
      (stopped ??= (async () => {
        await Promise.race([session.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
        await peer.stop();
      })()),
  };
  if (options.bind ?? true) {
    try {
      await Promise.race([session.open(), failure.then((error) => Promise.reject(error))]);
    } catch (error) {
      await emulation.stop();
      throw error;
    }
  }
  return emulation;
}

function hexdump(bytes: Uint8Array, base: number): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push(`${(base + i).toString(16).padStart(8, '0')}  ${Array.from(bytes.subarray(i, i + 16), (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  }
  return lines.join('\n');
}

async function saveArtifacts(emulation: Emulation, directory: string, label: string): Promise<string[]> {
  mkdirSync(directory, { recursive: true });
  const safe = label.replace(/[^a-z0-9._-]+/gi, '_').slice(0, 100);
  const { peer, session } = emulation;
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(directory, `${safe}.${name}`);
    writeFileSync(path, text);
    files.push(path);
  };
  write(`${peer.engine}.log`, peer.log());
  try {
    const { hostTx, hostRx } = emulation.dumpRegions();
    write('regions.txt', `host tx-region\n${hexdump(hostTx, peer.hostTx.address)}\n\nhost rx-region\n${hexdump(hostRx, peer.hostRx.address)}\n`);
  } catch (error) {
    write('regions.txt', `regions unavailable: ${String(error)}\n`);
  }
  const diagnosis = await peer.diagnose().catch((error: unknown) => `unavailable: ${String(error)}`);
  const status = await emulation.control?.status().catch(() => undefined);
  write('session.json', `${JSON.stringify({ state: session.state, stats: session.stats, lastError: session.lastError?.message, diagnosis, stub: status }, null, 2)}\n`);
  return files;
}

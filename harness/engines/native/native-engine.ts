import { existsSync } from 'node:fs';
import type { UnboundMode, WireGeneration } from '../../session/options.js';
import { registerPaths } from '../../transport/cleanup-registry.js';
import { CoalescingDoorbell } from '../../transport/coalescing-doorbell.js';
import { DoorbellSocketServer } from '../../transport/doorbell-socket.js';
import { FileMemory } from '../../transport/file-memory.js';
import { DOORBELL_CHANNELS, peerEnvironment } from '../../transport/peer-contract.js';
import { runPaths } from '../../transport/run-paths.js';
import { TrackedProcess } from '../child-process.js';
import { EngineError } from '../errors.js';
import type { RunningPeer } from '../running-peer.js';

export interface NativePeerOptions {
  /** The peer program and its arguments (the command line of `--peer`). */
  readonly command: readonly string[];
  readonly wire: WireGeneration;
  readonly unbound: UnboundMode;
  readonly dcacheAlignment: number;
  readonly regionSize?: number;
  readonly rxBufferSize?: number;
  /** Tell the peer where our stub's control block is (only our stub uses it). */
  readonly withControl?: boolean;
  readonly connectTimeoutMs?: number;
}

/** File layout for native peers: host tx at 0, host rx at 32 KiB, control block at 60 KiB. */
const HOST_TX = 0x0000;
const HOST_RX = 0x8000;
const CONTROL = 0xf000;
const FILE_SIZE = 0x10000;

/** Spawns a peer program under the peer contract (README): shared file + doorbell socket. */
export async function startNativePeer(options: NativePeerOptions): Promise<RunningPeer> {
  const [binary, ...args] = options.command;
  if (!binary) throw new EngineError('ENGINE_START', 'native peer: empty --peer command');
  const regionSize = options.regionSize ?? 0x800;
  if (regionSize > HOST_RX - HOST_TX || regionSize > CONTROL - HOST_RX) {
    throw new EngineError('PLATFORM', `native peer: regionSize 0x${regionSize.toString(16)} exceeds the 0x${(HOST_RX - HOST_TX).toString(16)} bytes each region has`);
  }
  const paths = runPaths();
  const cleanupFiles = registerPaths(paths.sharedMemory, paths.doorbellSocket);
  const memory = FileMemory.create(paths.sharedMemory, FILE_SIZE);
  const doorbells = await DoorbellSocketServer.listen(paths.doorbellSocket);
  let peer: TrackedProcess | undefined;
  try {
    const env = peerEnvironment({
      sharedMemoryPath: paths.sharedMemory,
      doorbellSocket: paths.doorbellSocket,
      peerRx: { offset: HOST_TX, size: regionSize },
      peerTx: { offset: HOST_RX, size: regionSize },
      wire: options.wire,
      unbound: options.unbound,
      dcacheAlignment: options.dcacheAlignment,
      ...(options.rxBufferSize !== undefined ? { rxBufferSize: options.rxBufferSize } : {}),
      ...(options.withControl ? { controlOffset: CONTROL } : {}),
    });
    peer = await TrackedProcess.spawn('native peer', binary, args, env);
    const running = peer;
    const exitedEarly = peer.exited.then((info) => {
      throw new EngineError('ENGINE_START', `${running.describeExit(info)} before connecting to the doorbell socket`);
    });
    await Promise.race([doorbells.waitForPeer(options.connectTimeoutMs ?? 5000), exitedEarly]);
    exitedEarly.catch(() => undefined);
  } catch (error) {
    await peer?.stop(500);
    await doorbells.close();
    memory.close();
    cleanupFiles();
    throw error;
  }
  const process_ = peer;
  let stopping = false;
  const failed = process_.exited.then((info) => new EngineError('ENGINE_EXITED', process_.describeExit(info)));
  return {
    engine: 'native',
    memory,
    memoryBase: 0,
    doorbells,
    icmsgDoorbell: new CoalescingDoorbell(doorbells.doorbell(DOORBELL_CHANNELS.hostToPeer, DOORBELL_CHANNELS.peerToHost)),
    controlDoorbell: doorbells.doorbell(DOORBELL_CHANNELS.control, DOORBELL_CHANNELS.controlAck),
    hostTx: { address: HOST_TX, size: regionSize },
    hostRx: { address: HOST_RX, size: regionSize },
    controlBlock: options.withControl ? CONTROL : undefined,
    failed: failed.then((error) => (stopping ? new Promise<never>(() => undefined) : error)),
    log: () => process_.stderr,
    diagnose: async () => (process_.exit ? process_.describeExit(process_.exit) : undefined),
    stop: async () => {
      stopping = true;
      await doorbells.close(); // EOF: the contract says the peer exits 0
      await process_.stop(1000);
      memory.close();
      cleanupFiles();
    },
  };
}

export function nativeStubPath(root: string): string | undefined {
  const path = `${root}/firmware-stubs/build/native/icmsg-native-peer`;
  return existsSync(path) ? path : undefined;
}

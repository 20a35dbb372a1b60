/**
 * The fake's network core: on `start`, the native stub (same core/ and app/ code as the
 * nRF5340 image) is spawned with the peer contract, its regions being the file offsets of
 * the addresses in the config block, as the net image would read them. Its doorbell bytes
 * stand for IPC sends: byte n from the stub = net TASKS_SEND[n].
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { decodeStubConfig, type StubConfig } from '../../harness/engines/stub-config.js';
import { NRF5340, STUB_LAYOUT } from '../../harness/engines/renode/nrf5340-layout.js';
import { registerProcess } from '../../harness/transport/cleanup-registry.js';
import { DoorbellSocketServer } from '../../harness/transport/doorbell-socket.js';
import type { FileMemory } from '../../harness/transport/file-memory.js';
import { peerEnvironment } from '../../harness/transport/peer-contract.js';

export const NATIVE_PEER = new URL('../../../firmware-stubs/build/native/icmsg-native-peer', import.meta.url).pathname;

/** The stub's defaults when the host wrote no config block (cfgblock.c). */
const DEFAULT_CONFIG: StubConfig = {
  wire: 'pbuf',
  unbound: 'enable',
  dcacheAlignment: 8,
  stubRx: { address: STUB_LAYOUT.hostTx, size: STUB_LAYOUT.regionSize },
  stubTx: { address: STUB_LAYOUT.hostRx, size: STUB_LAYOUT.regionSize },
  rxBufferSize: 0,
  controlBlock: STUB_LAYOUT.controlBlock,
};

export class FakeNetCore {
  private child: ChildProcess | undefined;
  private unregister: (() => void) | undefined;
  exitCode: number | null | undefined;

  private constructor(
    private readonly doorbells: DoorbellSocketServer,
    private readonly memory: FileMemory,
  ) {}

  static async create(memory: FileMemory, socketPath: string, onSend: (channel: number) => void): Promise<FakeNetCore> {
    const doorbells = await DoorbellSocketServer.listen(socketPath);
    for (const channel of [1, 3]) doorbells.onRing(channel, () => onSend(channel));
    return new FakeNetCore(doorbells, memory);
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  /** An IPC send of the app core that the net core's RECEIVE_CNF accepts (0 icmsg, 2 control). */
  deliver(channel: number): void {
    void this.doorbells.ring(channel);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const offset = (address: number) => address - NRF5340.sharedSramBase;
    const config = decodeStubConfig(this.memory.readSync(offset(STUB_LAYOUT.configBlock), 0x2c)) ?? DEFAULT_CONFIG;
    const env = peerEnvironment({
      sharedMemoryPath: this.memory.path,
      doorbellSocket: this.doorbells.path,
      peerRx: { offset: offset(config.stubRx.address), size: config.stubRx.size },
      peerTx: { offset: offset(config.stubTx.address), size: config.stubTx.size },
      wire: config.wire,
      unbound: config.unbound,
      dcacheAlignment: config.dcacheAlignment,
      rxBufferSize: config.rxBufferSize || undefined,
      controlOffset: config.controlBlock ? offset(config.controlBlock) : undefined,
    });
    this.exitCode = undefined;
    const child = spawn(NATIVE_PEER, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    this.child = child;
    this.unregister = registerProcess(child.pid);
    child.on('exit', (code) => {
      this.exitCode = code;
      this.unregister?.();
    });
    await this.doorbells.waitForPeer(5000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && this.exitCode === undefined) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    await this.doorbells.close();
  }
}

import type { SharedMemory } from '../wire/shared-memory.js';
import { EngineError } from './errors.js';

/**
 * The side channel of our firmware stub (firmware-stubs/README.md, "Control block"): a block
 * of words in shared RAM plus doorbell channels 2 (command) and 3 (ack). It lets tests make
 * the stub misbehave; the icmsg channel itself stays what any echo firmware would do.
 */
export const CONTROL_MAGIC = 0x4c52544e;
export const CONTROL_BLOCK_SIZE = 0x34;

export const StubCommand = {
  nop: 0,
  close: 1,
  open: 2,
  reset: 3,
  echoOff: 4,
  echoOn: 5,
  burst: 6,
  hardFault: 7,
} as const;
export type StubCommandName = keyof typeof StubCommand;

const OFF = { magic: 0x00, cmd: 0x04, arg0: 0x08, arg1: 0x0c, seq: 0x10, ackSeq: 0x14, result: 0x18, state: 0x1c, rxCount: 0x20, txCount: 0x24, errorCount: 0x28, bootCount: 0x2c, echoEnabled: 0x30 };

/** Zephyr's icmsg state numbers as the stub reports them. */
export const STUB_STATES = ['off', 'initializing-disable', 'initializing-enable', 'initializing-detect', 'disconnected', 'connected-disable', 'connected-enable'] as const;

export interface StubStatus {
  readonly ready: boolean;
  readonly state: string;
  readonly rxCount: number;
  readonly txCount: number;
  readonly errorCount: number;
  readonly bootCount: number;
  readonly echoEnabled: boolean;
}

export interface ControlDoorbell {
  ring(): Promise<void>;
  onAck(listener: () => void): () => void;
}

export class StubControl {
  constructor(
    private readonly block: SharedMemory,
    private readonly doorbell: ControlDoorbell,
  ) {}

  async status(): Promise<StubStatus> {
    const bytes = Buffer.from(await this.block.read(0, CONTROL_BLOCK_SIZE));
    const stateCode = bytes.readUInt32LE(OFF.state);
    return {
      ready: bytes.readUInt32LE(OFF.magic) === CONTROL_MAGIC,
      state: STUB_STATES[stateCode] ?? (stateCode === 0xffffffff ? 'config-rejected' : `unknown(${stateCode})`),
      rxCount: bytes.readUInt32LE(OFF.rxCount),
      txCount: bytes.readUInt32LE(OFF.txCount),
      errorCount: bytes.readUInt32LE(OFF.errorCount),
      bootCount: bytes.readUInt32LE(OFF.bootCount),
      echoEnabled: bytes.readUInt32LE(OFF.echoEnabled) !== 0,
    };
  }

  /** Runs one command; resolves to the stub's result code (0 = ok, negative errno otherwise). */
  async command(name: StubCommandName, arg0 = 0, arg1 = 0, timeoutMs = 3000): Promise<number> {
    const seq = ((await this.block.readU32(OFF.seq)) + 1) >>> 0;
    await this.block.writeU32(OFF.cmd, StubCommand[name]);
    await this.block.writeU32(OFF.arg0, arg0);
    await this.block.writeU32(OFF.arg1, arg1);
    await this.block.writeU32(OFF.seq, seq); // last: the stub acts on a changed seq
    const acked = this.waitForAck(seq, timeoutMs, name);
    await this.doorbell.ring();
    await acked;
    return (await this.block.readU32(OFF.result)) | 0;
  }

  /** Waits for ack_seq = seq, woken by the ack doorbell and by polling (a ring can be lost in a reset). */
  private waitForAck(seq: number, timeoutMs: number, name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        clearInterval(poll);
        clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        this.block.readU32(OFF.ackSeq).then((ack) => ack === seq && finish(), (error: unknown) => finish(error as Error));
      };
      const unsubscribe = this.doorbell.onAck(check);
      const poll = setInterval(check, 20);
      const timer = setTimeout(() => finish(new EngineError('CONTROL', `stub did not acknowledge '${name}' (seq ${seq}) within ${timeoutMs} ms`)), timeoutMs);
    });
  }

  /** Waits until the stub has (re)booted and written its magic, e.g. after a reset. */
  async waitReady(timeoutMs = 5000, minBootCount = 1): Promise<StubStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status();
      if (status.ready && status.bootCount >= minBootCount) return status;
      if (Date.now() > deadline) throw new EngineError('CONTROL', `stub control block not ready within ${timeoutMs} ms (boot count ${status.bootCount})`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

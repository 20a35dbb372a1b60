/**
 * A FAKE Renode: its telnet monitor, byte for byte as /work/shared/docs/renode-notes.md
 * describes it, and its stdout log. Behind it, the shared SRAM is a real file
 * (0x20070000..0x2007FFFF) and the network core is the native stub (FakeNetCore), so the
 * harness's monitor path can be tested end to end without Renode.
 *
 * Monitor bytes reproduced: telnet negotiation on connect, `Renode, version ...`, prompt
 * `(monitor) ` in red / `(<machine>) ` in dark yellow without newline, echo of every input
 * character, `\n\r` for every Enter (`\r` and `\n` each count), output lines ending
 * `\r\n`, errors in red ending `\r\n`, one client at a time (others wait), output made
 * while no client is connected queued for the next one.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { formatIpcSendLine } from '../../harness/engines/renode/ipc-log.js';
import { NRF5340 } from '../../harness/engines/renode/nrf5340-layout.js';
import { registerPath } from '../../harness/transport/cleanup-registry.js';
import { FileMemory } from '../../harness/transport/file-memory.js';
import { runPaths } from '../../harness/transport/run-paths.js';
import { FakeAppIpc } from './fake-app-ipc.js';
import { FakeNetCore } from './fake-net-core.js';

export const NEGOTIATION = Buffer.from([0xff, 0xfd, 0x00, 0xff, 0xfd, 0x1f, 0xff, 0xfb, 0x01, 0xff, 0xfb, 0x03, 0xff, 0xfc, 0x22]);
const RED = '\x1b[91m';
const ERROR_RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

export interface FakeRenodeOptions {
  /** TCP port; 0 picks one. */
  readonly port?: number;
  readonly version?: string;
}

export interface FakeRenodeEvents {
  /** One line of Renode's stdout (its log). */
  line: [line: string];
  quit: [];
}

class CommandFailure extends Error {}

export class FakeRenodeMonitor extends EventEmitter<FakeRenodeEvents> {
  /** The shared SRAM, 0x20070000 + offset. */
  readonly memory: FileMemory;
  readonly ipc: FakeAppIpc;
  readonly stdout: string[] = [];
  /** Every command executed, in order. */
  readonly commands: string[] = [];
  /** Added before each reply (to test timeouts). */
  replyDelayMs = 0;
  unmappedAccesses = 0;
  machine: string | undefined;
  started = false;
  connections = 0;

  private server: Server | undefined;
  private client: Socket | undefined;
  private readonly waiting: Socket[] = [];
  private queuedOutput: Buffer[] = [];
  private line = '';
  private input: Buffer[] = [];
  private processing = false;
  private netSends = 0;
  private readonly cleanups: (() => void)[] = [];
  private net!: FakeNetCore;

  private constructor(private readonly version: string) {
    super();
    const paths = runPaths();
    this.memory = FileMemory.create(paths.sharedMemory, NRF5340.sharedSramSize);
    this.cleanups.push(registerPath(paths.sharedMemory), registerPath(paths.doorbellSocket));
    this.ipc = new FakeAppIpc((channel) => this.net.deliver(channel));
    this.socketPath = paths.doorbellSocket;
  }

  private readonly socketPath: string;

  static async start(options: FakeRenodeOptions = {}): Promise<FakeRenodeMonitor> {
    const fake = new FakeRenodeMonitor(options.version ?? '1.16.1.0');
    fake.net = await FakeNetCore.create(fake.memory, fake.socketPath, (channel) => fake.netSend(channel));
    await fake.listen(options.port ?? 0);
    return fake;
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  get netRunning(): boolean {
    return this.net.running;
  }

  onLine(listener: (line: string) => void): () => void {
    this.on('line', listener);
    return () => this.off('line', listener);
  }

  async stop(): Promise<void> {
    await this.net.stop();
    this.client?.destroy();
    for (const socket of this.waiting.splice(0)) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.memory.close();
    for (const undo of this.cleanups.splice(0)) undo();
  }

  /** Disconnects the current client abruptly (as a crash of the harness would). */
  dropClient(): void {
    this.client?.destroy();
  }

  log(level: 'INFO' | 'WARNING' | 'ERROR', source: string, message: string): void {
    const time = new Date().toISOString().slice(11, 23).replace(/\.(\d{3})$/, '.$10');
    const line = `${time} [${level}] ${source}: ${message}`;
    this.stdout.push(line);
    this.emit('line', line);
  }

  // --- network side ---------------------------------------------------------------------

  /** The network core wrote TASKS_SEND[channel] (its IPC is configured as the stub does). */
  private netSend(channel: number): void {
    this.netSends++;
    this.log('INFO', `${this.machine ?? 'machine-0'}/ipc_net`, formatIpcSendLine('net', channel, this.netSends));
    this.ipc.receiveFromNet(channel);
  }

  // --- socket -------------------------------------------------------------------------------

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.server = server;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    socket.on('error', () => undefined);
    if (this.client) {
      // One client at a time: later ones wait, silent, until the current one leaves.
      this.waiting.push(socket);
      socket.on('close', () => this.waiting.splice(this.waiting.indexOf(socket) >>> 0, 1));
      return;
    }
    this.serve(socket);
  }

  private serve(socket: Socket): void {
    this.client = socket;
    this.connections++;
    // The fake reproduces Renode's bytes, not its TCP timing: without this, Nagle's algorithm
    // and delayed ACKs add ~40 ms to replies written in several pieces.
    socket.setNoDelay(true);
    this.line = '';
    socket.write(NEGOTIATION);
    for (const queued of this.queuedOutput.splice(0)) socket.write(queued);
    this.send(`Renode, version ${this.version} (fake)\r\n\r\n`);
    this.sendPrompt();
    socket.on('data', (chunk: Buffer) => {
      this.input.push(chunk);
      void this.pump();
    });
    socket.on('close', () => {
      if (this.client !== socket) return;
      this.client = undefined;
      const next = this.waiting.shift();
      if (next) this.serve(next);
    });
  }

  /** Output goes to the client, or is queued while none is connected. */
  private send(text: string): void {
    // Telnet doubles 0xFF in data; Renode's text never contains it, but keep the rule.
    const bytes = Buffer.from(text, 'utf8');
    const out = bytes.includes(0xff) ? Buffer.from(Array.from(bytes).flatMap((b) => (b === 0xff ? [b, b] : [b]))) : bytes;
    if (this.client && !this.client.destroyed) this.client.write(out);
    else this.queuedOutput.push(out);
  }

  private sendPrompt(): void {
    this.send(this.machine ? `${YELLOW}(${this.machine}) ${RESET}` : `${RED}(monitor) ${RESET}`);
  }

  /** Processes input strictly in order, one character at a time, as Renode's line editor does. */
  private async pump(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.input.length) {
        const chunk = this.input.shift() as Buffer;
        let echo = '';
        for (const byte of chunk) {
          const char = String.fromCharCode(byte);
          if (char === '\r' || char === '\n') {
            if (echo) this.send(echo);
            echo = '';
            this.send('\n\r');
            const command = this.line;
            this.line = '';
            await this.run(command);
          } else {
            echo += char;
            this.line += char;
          }
        }
        if (echo) this.send(echo);
      }
    } finally {
      this.processing = false;
    }
  }

  private async run(command: string): Promise<void> {
    if (this.replyDelayMs) await new Promise((resolve) => setTimeout(resolve, this.replyDelayMs));
    const trimmed = command.trim();
    if (trimmed === '') {
      this.sendPrompt();
      return;
    }
    this.commands.push(trimmed);
    try {
      const output = await this.execute(trimmed);
      if (output === QUIT) return;
      for (const line of output) this.send(`${line}\r\n`);
    } catch (error) {
      const message = error instanceof CommandFailure ? error.message : `There was an error executing command '${trimmed}'\r\n${String(error)}`;
      this.send(`${ERROR_RED}${message}${RESET}\r\n`);
    }
    this.sendPrompt();
  }

  // --- commands -------------------------------------------------------------------------------

  private async execute(command: string): Promise<string[] | typeof QUIT> {
    const words = tokenize(command);
    const [head = '', ...args] = words;
    if (head === 'quit' || head === 'q') {
      this.send('Renode is quitting\r\n');
      this.log('INFO', 'Renode', 'Renode is quitting');
      await this.net.stop();
      this.client?.end();
      this.emit('quit');
      return QUIT;
    }
    if (head === 'mach' && args[0] === 'create') {
      this.machine = (args[1] ?? 'machine-0').replace(/^"|"$/g, '');
      return [];
    }
    if (head === 'using') return [];
    if (head === 'include') return this.needFile(args[0], command);
    if (head === 'machine' && args[0] === 'LoadPlatformDescription') {
      this.needMachine(command);
      return this.needFile(args[1], command);
    }
    if (head === 'start') {
      this.needMachine(command);
      if (!this.started) {
        this.started = true;
        await this.net.start();
        this.log('INFO', this.machine ?? 'machine-0', 'Machine started.');
      }
      return [];
    }
    if (head === 'pause') {
      this.started = false;
      return [];
    }
    if (head === 'emulation' && args[0] === 'RunFor') {
      if (this.started) throw new CommandFailure(`There was an error executing command '${command}'\r\nThis action is not available while the emulation is running`);
      return [];
    }
    if (/^(sysbus\.)?cpu_(app|net)$/.test(head)) {
      this.needMachine(command);
      return [];
    }
    if (head === 'sysbus') {
      this.needMachine(command);
      return this.sysbus(command, args);
    }
    throw new CommandFailure(`No such command or device: ${head}`);
  }

  private sysbus(command: string, args: string[]): string[] {
    const [method = '', ...rest] = args;
    const number = (text: string | undefined, what: string): number => {
      const value = text === undefined ? Number.NaN : Number(text);
      if (!Number.isFinite(value)) throw new CommandFailure(`There was an error executing command '${command}'\r\nParameters did not match the signature (${what})`);
      return value;
    };
    switch (method) {
      case 'LoadELF':
        if (this.started) throw new CommandFailure(`There was an error executing command '${command}'\r\nCannot load ELF while the machine is running`);
        return this.needFile(rest[0], command);
      case 'ReadDoubleWord':
        return [`0x${this.readWord(number(rest[0], 'address')).toString(16).toUpperCase().padStart(8, '0')}`];
      case 'WriteDoubleWord':
        this.writeWord(number(rest[0], 'address'), number(rest[1], 'value'));
        return [];
      case 'ReadBytes': {
        const address = number(rest[0], 'address');
        const count = number(rest[1], 'count');
        const bytes = Array.from({ length: count }, (_, i) => this.readByte(address + i));
        const lines: string[] = ['['];
        for (let at = 0; at < bytes.length; at += 16) {
          const row = bytes.slice(at, at + 16).map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);
          lines.push(row.join(', ') + (at + 16 < bytes.length ? ',' : ''));
        }
        lines.push(']');
        return lines;
      }
      case 'WriteBytes': {
        const list = /^\[(.*)\]$/.exec(rest[0] ?? '');
        if (!list) throw new CommandFailure(`There was an error executing command '${command}'\r\nParameters did not match the signature (bytes)`);
        const bytes = (list[1] ?? '').split(',').filter((s) => s.trim() !== '').map((s) => number(s.trim(), 'byte'));
        const address = number(rest[1], 'address');
        bytes.forEach((b, i) => this.writeByte(address + i, b));
        return [];
      }
      default:
        throw new CommandFailure(`There was an error executing command '${command}'\r\nNo such method: ${method}`);
    }
  }

  private needMachine(command: string): void {
    if (!this.machine) throw new CommandFailure(`There was an error executing command '${command}'\r\nNo machine selected`);
  }

  private needFile(argument: string | undefined, command: string): string[] {
    const path = (argument ?? '').replace(/^@/, '').replace(/\\ /g, ' ');
    if (!path || !existsSync(path)) throw new CommandFailure(`There was an error executing command '${command}'\r\nFile does not exist: ${path}`);
    return [];
  }

  // --- the bus ----------------------------------------------------------------------------------

  private sram(address: number, length: number): number | undefined {
    const offset = address - NRF5340.sharedSramBase;
    return offset >= 0 && offset + length <= NRF5340.sharedSramSize ? offset : undefined;
  }

  private ipcOffset(address: number): number | undefined {
    for (const base of [NRF5340.appIpcBase, NRF5340.appIpcBase - 0x10000000]) {
      if (address >= base && address < base + 0x1000) return address - base;
    }
    return undefined;
  }

  private readWord(address: number): number {
    const sram = this.sram(address, 4);
    if (sram !== undefined) return Buffer.from(this.memory.readSync(sram, 4)).readUInt32LE(0);
    const ipc = this.ipcOffset(address);
    if (ipc !== undefined) return this.ipc.read(ipc) >>> 0;
    this.unmapped('ReadDoubleWord', address);
    return 0;
  }

  private writeWord(address: number, value: number): void {
    const sram = this.sram(address, 4);
    if (sram !== undefined) {
      const word = Buffer.alloc(4);
      word.writeUInt32LE(value >>> 0, 0);
      this.memory.writeSync(sram, word);
      return;
    }
    const ipc = this.ipcOffset(address);
    if (ipc !== undefined) {
      this.ipc.write(ipc, value >>> 0);
      return;
    }
    this.unmapped('WriteDoubleWord', address);
  }

  private readByte(address: number): number {
    const sram = this.sram(address, 1);
    if (sram !== undefined) return this.memory.readSync(sram, 1)[0] ?? 0;
    this.unmapped('ReadByte', address);
    return 0;
  }

  private writeByte(address: number, value: number): void {
    const sram = this.sram(address, 1);
    if (sram !== undefined) this.memory.writeSync(sram, Uint8Array.of(value & 0xff));
    else this.unmapped('WriteByte', address);
  }

  private unmapped(access: string, address: number): void {
    // What Renode does: a warning in the log, reads give 0, the command succeeds.
    this.unmappedAccesses++;
    this.log('WARNING', 'sysbus', `${access} from non existing peripheral at 0x${address.toString(16).toUpperCase()}.`);
  }
}

const QUIT = Symbol('quit');

/** Splits on spaces outside "..." and [...]; `\ ` stays inside a word. */
function tokenize(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = false;
  let bracket = 0;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === '\\' && command[i + 1] === ' ') {
      word += '\\ ';
      i++;
    } else if (c === '"') {
      quote = !quote;
      word += c;
    } else if (c === '[') {
      bracket++;
      word += c;
    } else if (c === ']') {
      bracket--;
      word += c;
    } else if (c === ' ' && !quote && bracket === 0) {
      if (word) words.push(word);
      word = '';
    } else word += c;
  }
  if (word) words.push(word);
  return words;
}

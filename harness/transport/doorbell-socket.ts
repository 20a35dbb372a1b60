import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Doorbell } from '../session/doorbell.js';
import { ChannelListeners } from './channel-listeners.js';

export interface DoorbellSocketEvents {
  connected: [];
  /** The peer hung up (it exited, or the emulator died). */
  disconnected: [];
  error: [error: Error];
}

/**
 * The host end of the doorbell socket of the peer contract: the host listens on a unix
 * socket, one peer connects; one byte is one ring and its value is the channel number.
 * Incoming bytes are always drained (a peer blocked on a full socket would lose doorbells).
 */
export class DoorbellSocketServer extends EventEmitter<DoorbellSocketEvents> {
  private server: Server | undefined;
  private peer: Socket | undefined;
  private readonly ringListeners = new ChannelListeners();
  /** Bytes received per channel, for traces and tests. */
  readonly received = new Map<number, number>();
  sentCount = 0;

  private constructor(readonly path: string) {
    super();
  }

  static async listen(path: string): Promise<DoorbellSocketServer> {
    const doorbells = new DoorbellSocketServer(path);
    await doorbells.start();
    return doorbells;
  }

  private start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      server.once('error', reject);
      server.listen(this.path, () => {
        server.off('error', reject);
        server.on('error', (error) => this.emit('error', error));
        this.server = server;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    if (this.peer) {
      socket.destroy(); // one peer per doorbell socket
      return;
    }
    this.peer = socket;
    socket.setNoDelay?.(true);
    socket.on('data', (bytes: Buffer) => {
      for (const channel of bytes) this.deliver(channel);
    });
    socket.on('error', () => undefined); // 'close' follows and reports it
    socket.on('close', () => {
      if (this.peer === socket) this.peer = undefined;
      this.emit('disconnected');
    });
    this.emit('connected');
  }

  get connected(): boolean {
    return this.peer !== undefined;
  }

  /** Resolves when a peer has connected, or rejects after `timeoutMs`. */
  waitForPeer(timeoutMs: number): Promise<void> {
    if (this.peer) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('connected', onConnected);
        reject(new Error(`no peer connected to doorbell socket ${this.path} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onConnected = () => {
        clearTimeout(timer);
        resolve();
      };
      this.once('connected', onConnected);
    });
  }

  private deliver(channel: number): void {
    this.received.set(channel, (this.received.get(channel) ?? 0) + 1);
    this.ringListeners.deliver(channel);
  }

  /** Rings `channel`. A ring with no peer connected is lost, like an IPC event nobody enabled. */
  ring(channel: number): Promise<void> {
    const peer = this.peer;
    if (!peer || peer.destroyed) return Promise.resolve();
    this.sentCount++;
    return new Promise((resolve) => {
      peer.write(Uint8Array.of(channel), () => resolve());
    });
  }

  onRing(channel: number, listener: () => void): () => void {
    return this.ringListeners.add(channel, listener);
  }

  /** A Doorbell for a session: it rings `txChannel` and listens on `rxChannel`. */
  doorbell(txChannel: number, rxChannel: number): Doorbell {
    return {
      ring: () => this.ring(txChannel),
      onRing: (listener) => this.onRing(rxChannel, listener),
    };
  }

  async close(): Promise<void> {
    this.peer?.destroy();
    this.peer = undefined;
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

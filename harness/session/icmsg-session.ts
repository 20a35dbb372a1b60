import { EventEmitter } from 'node:events';
import { IcmsgError, isIcmsgError } from '../wire/errors.js';
import { decodeHandshake, encodeHandshake, nextSessionId, SESSION_CLOSED } from '../wire/handshake.js';
import { ICMSG_MAGIC, isExactMagic, startsWithMagic } from '../wire/magic.js';
import type { Doorbell } from './doorbell.js';
import { type IcmsgSessionOptions, type ResolvedSessionOptions, resolveSessionOptions } from './options.js';
import { SerialQueue } from './serial-queue.js';
import { bindWire, type WireBinding } from './wire-binding.js';

/** Zephyr 4.1+'s icmsg states, named as in icmsg.c. */
export type IcmsgState =
  | 'off'
  | 'initializing-disable'
  | 'initializing-enable'
  | 'initializing-detect'
  | 'connected-disable'
  | 'connected-enable'
  | 'disconnected';

export interface IcmsgSessionEvents {
  bound: [];
  received: [data: Uint8Array];
  unbound: [];
  error: [error: IcmsgError];
  /** Every state change, for tracing tools. */
  state: [state: IcmsgState, previous: IcmsgState];
}

export interface SendOptions {
  /**
   * Wait this many milliseconds for room when the tx FIFO is full (back-pressure) instead of
   * failing with ENOMEM at once; on expiry the send fails with ENOBUFS.
   */
  readonly waitForSpaceMs?: number;
}

export interface SessionStats {
  sent: number;
  sentBytes: number;
  received: number;
  receivedBytes: number;
  /** Sends accepted while disconnected and dropped, as Zephyr does. */
  droppedWhileDisconnected: number;
  doorbellsIn: number;
  doorbellsOut: number;
  /** Times a send found the tx FIFO full and waited (back-pressure). */
  txFullWaits: number;
  errors: number;
}

interface PendingOpen {
  resolve(): void;
  reject(error: IcmsgError): void;
}

const MAX_BACKOFF_MS = 4;

/**
 * The host side of one icmsg link, mirroring Zephyr's icmsg.c: open() resolves on `bound`,
 * send() resolves to the byte count, close() lets the peer see `unbound`. Every ring of the
 * doorbell drains the rx FIFO; nothing thrown by a corrupted peer escapes the doorbell handler.
 */
export class IcmsgSession extends EventEmitter<IcmsgSessionEvents> {
  readonly options: ResolvedSessionOptions;
  readonly stats: SessionStats = {
    sent: 0,
    sentBytes: 0,
    received: 0,
    receivedBytes: 0,
    droppedWhileDisconnected: 0,
    doorbellsIn: 0,
    doorbellsOut: 0,
    txFullWaits: 0,
    errors: 0,
  };
  /** The most recent error, also kept when nobody listens for `error`. */
  lastError: IcmsgError | undefined;

  private currentState: IcmsgState = 'off';
  private readonly wire: WireBinding;
  private readonly doorbell: Doorbell;
  private readonly queue = new SerialQueue();
  private readonly txOrder = new SerialQueue();
  private localSid = SESSION_CLOSED;
  private remoteSid = SESSION_CLOSED;
  private unsubscribe: (() => void) | undefined;
  private resignalTimer: NodeJS.Timeout | undefined;
  private pendingOpen: PendingOpen | undefined;
  private processScheduled = false;
  /**
   * False from the moment bonding is requested until startBonding() has written the new
   * session id: a drain pass queued in between must not run the handshake with the old ids.
   */
  private bondingReady = false;
  private abortedWith: IcmsgError | undefined;
  /** Wakes sends that wait for tx space; called on every doorbell and on close. */
  private spaceWaiters = new Set<() => void>();

  constructor(options: IcmsgSessionOptions) {
    super();
    this.options = resolveSessionOptions(options);
    this.wire = bindWire(options.tx, options.rx, this.options);
    this.doorbell = options.doorbell;
  }

  get state(): IcmsgState {
    return this.currentState;
  }

  get isBound(): boolean {
    return this.currentState === 'connected-disable' || this.currentState === 'connected-enable';
  }

  /** Largest message send() accepts: the smaller of the peer's receive buffer and the FIFO. */
  get maxMessageLength(): number {
    return Math.min(this.options.peerRxLimit, this.wire.writer.maxPacketLength);
  }

  /** Starts bonding; resolves when bound, rejects with ETIMEDOUT after `openTimeoutMs`. */
  open(): Promise<void> {
    if (this.abortedWith) return Promise.reject(this.abortedWith);
    if (this.currentState !== 'off' && this.currentState !== 'disconnected') {
      return Promise.reject(new IcmsgError('EALREADY', `session is already open (state ${this.currentState})`));
    }
    const bound = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingOpen = undefined;
        const error = new IcmsgError(
          'ETIMEDOUT',
          `not bound after ${this.options.openTimeoutMs} ms (state ${this.currentState}, wire ${this.options.wire}, ` +
            `unbound ${this.options.unbound}, dcache-alignment ${this.options.dcacheAlignment}); ` +
            'check that the peer runs, uses the same wire generation and dcache-alignment, and a compatible unbound mode',
          { field: 'openTimeoutMs', limit: this.options.openTimeoutMs },
        );
        void this.close().finally(() => reject(error));
      }, this.options.openTimeoutMs);
      this.pendingOpen = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    this.unsubscribe ??= this.doorbell.onRing(() => this.onDoorbell());
    this.beginBonding();
    return bound;
  }

  /**
   * Sends one message. Resolves to its length; while disconnected (peer closed, enable mode)
   * the message is dropped and its length returned, exactly as Zephyr's icmsg_send().
   */
  send(data: Uint8Array, options: SendOptions = {}): Promise<number> {
    return this.txOrder.run(async () => {
      const deadline = options.waitForSpaceMs === undefined ? undefined : Date.now() + options.waitForSpaceMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.queue.run(() => this.trySend(data));
        } catch (error) {
          if (!isIcmsgError(error, 'ENOMEM') || deadline === undefined) throw error;
          if (Date.now() >= deadline) {
            throw new IcmsgError('ENOBUFS', `tx FIFO stayed full for ${options.waitForSpaceMs} ms (${error.message})`, {
              field: 'waitForSpaceMs',
              limit: options.waitForSpaceMs,
              cause: error,
            });
          }
          if (attempt === 0) this.stats.txFullWaits++;
          await this.waitForSpace(Math.min(2 ** attempt / 4, MAX_BACKOFF_MS, deadline - Date.now()));
        }
      }
    });
  }

  /** Ends the session: the peer sees `unbound` (enable/detect). Pending sends and open() fail. */
  async close(): Promise<void> {
    const wasOpen = this.currentState !== 'off';
    this.stopResignal();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.rejectOpen(new IcmsgError('ECANCELED', 'session closed before it was bound'));
    this.wakeSpaceWaiters();
    if (!wasOpen || this.abortedWith) {
      this.setState('off');
      return;
    }
    await this.queue.run(async () => {
      if (this.options.unbound !== 'disable') {
        await this.wire.writeOwnHandshake(encodeHandshake({ sid: SESSION_CLOSED, ack: SESSION_CLOSED }));
      }
      this.setState('off');
      await this.ring();
    });
  }

  /**
   * The transport underneath failed (emulator exited, socket closed): fail everything pending
   * and refuse further use, with the cause attached.
   */
  abort(cause: Error): void {
    if (this.abortedWith) return;
    const error = isIcmsgError(cause) ? cause : new IcmsgError('EIO', `transport failed: ${cause.message}`, { cause });
    this.abortedWith = error;
    this.stopResignal();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.rejectOpen(error);
    this.wakeSpaceWaiters();
    this.setState('off');
    this.report(error);
  }

  // --- bonding ------------------------------------------------------------------------------

  /** The state changes at once (a second open() sees EALREADY); memory work is queued. */
  private beginBonding(): void {
    const initial = ({ disable: 'initializing-disable', enable: 'initializing-enable', detect: 'initializing-detect' } as const)[
      this.options.unbound
    ];
    this.setState(initial);
    this.bondingReady = false;
    this.queue.run(() => this.startBonding()).catch((error: unknown) => this.fail(error));
  }

  private async startBonding(): Promise<void> {
    this.wire.reader.init();
    if (this.options.unbound === 'disable') {
      await this.initTxWithMagic();
    } else {
      const peer = decodeHandshake(await this.wire.readPeerHandshake());
      this.localSid = nextSessionId(peer);
      this.remoteSid = SESSION_CLOSED;
      await this.wire.writeOwnHandshake(encodeHandshake({ sid: this.localSid, ack: SESSION_CLOSED }));
    }
    this.bondingReady = true;
    this.startResignal();
    await this.ring();
    // The peer may have bound before we listened; look at memory once without a doorbell.
    this.scheduleProcess();
  }

  private async initTxWithMagic(): Promise<void> {
    await this.wire.writer.init();
    await this.wire.writer.write(ICMSG_MAGIC);
  }

  private startResignal(): void {
    this.stopResignal();
    this.resignalTimer = setInterval(() => {
      if (this.isBound || this.currentState === 'off' || this.currentState === 'disconnected') return this.stopResignal();
      this.ring().catch((error: unknown) => this.fail(error));
    }, this.options.resignalIntervalMs);
    this.resignalTimer.unref();
  }

  private stopResignal(): void {
    if (this.resignalTimer) clearInterval(this.resignalTimer);
    this.resignalTimer = undefined;
  }

  // --- doorbell processing -----------------------------------------------------------------

  private onDoorbell(): void {
    this.stats.doorbellsIn++;
    this.wakeSpaceWaiters();
    this.scheduleProcess();
  }

  /** Coalesces doorbells: one drain pass is queued at a time, and it drains everything. */
  private scheduleProcess(): void {
    if (this.processScheduled) return;
    this.processScheduled = true;
    this.queue
      .run(async () => {
        this.processScheduled = false;
        for (let step = 0; await this.processStep(); step++) {
          // Yield now and then so a peer that writes as fast as we read cannot starve timers.
          if (step % 64 === 63) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      })
      .catch((error: unknown) => this.fail(error));
  }

  /** One pass of Zephyr's callback_process(); returns true to run again. */
  private async processStep(): Promise<boolean> {
    if (!this.bondingReady) return false;
    switch (this.currentState) {
      case 'initializing-detect':
        if (await this.detectDisableModePeer()) return true;
        return this.stepHandshake();
      case 'initializing-enable':
        return this.stepHandshake();
      case 'initializing-disable':
      case 'connected-disable':
      case 'connected-enable':
        return this.stepReceive();
      default:
        return false;
    }
  }

  /** Detect mode: a first rx packet that is exactly the magic means a disable-mode peer. */
  private async detectDisableModePeer(): Promise<boolean> {
    const initial = await this.wire.reader.peekInitial();
    if (!initial || !isExactMagic(initial)) return false;
    await this.initTxWithMagic();
    this.setState('initializing-disable');
    await this.ring();
    return true;
  }

  private async stepHandshake(): Promise<boolean> {
    const peer = decodeHandshake(await this.wire.readPeerHandshake());
    let notify = false;
    let rerun = false;
    if (peer.sid !== this.remoteSid && peer.sid !== SESSION_CLOSED) {
      // A new peer session: our FIFO starts afresh for it, then we acknowledge it.
      await this.wire.writer.init();
      this.remoteSid = peer.sid;
      await this.wire.writeOwnHandshake(encodeHandshake({ sid: this.localSid, ack: this.remoteSid }));
      notify = true;
    }
    if (peer.ack === this.localSid && this.remoteSid !== SESSION_CLOSED) {
      this.becomeBound('connected-enable');
      notify = true;
      rerun = true;
    } else if (this.currentState === 'initializing-enable') {
      await this.warnIfPeerSpeaksMagic();
    }
    if (notify) await this.ring();
    return rerun;
  }

  /** An enable-mode side never binds with a disable-mode peer; say so instead of timing out mutely. */
  private async warnIfPeerSpeaksMagic(): Promise<void> {
    const initial = await this.wire.reader.peekInitial();
    if (initial && startsWithMagic(initial)) {
      this.report(
        new IcmsgError('EINVAL', "peer sent the bonding magic: it runs unbound 'disable' (or Zephyr < 4.1); use unbound 'detect' or 'disable' on this side", {
          field: 'unbound',
        }),
      );
    }
  }

  private async stepReceive(): Promise<boolean> {
    const state = this.currentState;
    if (state === 'initializing-disable') {
      // One packet at a time: each one until the magic is judged on its own, as in Zephyr.
      const first = await this.wire.reader.read();
      return first ? this.acceptMagic(first) : false;
    }
    const packets = await this.wire.reader.readBatch();
    if (state === 'connected-enable') {
      // Packets count only if the peer's session did not change while we read them.
      const peer = decodeHandshake(await this.wire.readPeerHandshake());
      if (peer.sid !== this.remoteSid) {
        this.becomeUnbound();
        return false;
      }
    }
    for (const packet of packets) {
      this.stats.received++;
      this.stats.receivedBytes += packet.length;
      this.emitSafely('received', packet);
    }
    // No second look: the batch took everything published before this pass began, and a
    // writer rings after each publish, which schedules the next pass. Over a monitor socket
    // that look would cost two round trips per drain.
    return false;
  }

  private async acceptMagic(packet: Uint8Array): Promise<boolean> {
    const valid = this.options.wire === 'spsc' ? isExactMagic(packet) : startsWithMagic(packet);
    if (!valid) {
      this.report(new IcmsgError('EBADMSG', `first packet (${packet.length} bytes) is not the bonding magic; dropped`, { field: 'magic' }));
      return false;
    }
    this.becomeBound('connected-disable');
    await this.ring();
    return true; // as Zephyr: packets behind the magic are read in the same pass
  }

  private becomeBound(state: 'connected-disable' | 'connected-enable'): void {
    this.stopResignal();
    this.setState(state);
    this.emitSafely('bound');
    const pending = this.pendingOpen;
    this.pendingOpen = undefined;
    pending?.resolve();
  }

  private becomeUnbound(): void {
    this.setState('disconnected');
    this.emitSafely('unbound');
    this.wakeSpaceWaiters();
    if (this.options.reopenOnUnbound) {
      // Like an application calling icmsg_open() from its unbound callback.
      this.beginBonding();
    }
  }

  // --- sending -------------------------------------------------------------------------------

  private async trySend(data: Uint8Array): Promise<number> {
    if (this.abortedWith) throw this.abortedWith;
    if (!this.isBound) {
      if (this.currentState === 'disconnected') {
        this.stats.droppedWhileDisconnected++;
        return data.length;
      }
      throw new IcmsgError('EBUSY', `not bound (state ${this.currentState})`);
    }
    if (data.length === 0) throw new IcmsgError('ENODATA', 'empty messages are not allowed');
    this.checkLength(data.length);
    await this.wire.writer.write(data);
    this.stats.sent++;
    this.stats.sentBytes += data.length;
    // Not awaited: the next queued send may write its packet before this ring leaves, so a
    // coalescing doorbell can carry several packets (the peer drains everything per ring).
    this.ring().catch((error: unknown) => this.fail(error));
    return data.length;
  }

  private checkLength(length: number): void {
    const { peerRxLimit } = this.options;
    if (length > peerRxLimit) {
      throw new IcmsgError(
        'EBADMSG',
        `message of ${length} bytes exceeds the peer's receive buffer of ${peerRxLimit} bytes (CONFIG_PBUF_RX_READ_BUF_SIZE); a Zephyr peer would never consume it`,
        { field: 'peerRxLimit', limit: peerRxLimit, value: length },
      );
    }
    const fifoLimit = this.wire.writer.maxPacketLength;
    if (length > fifoLimit) {
      throw new IcmsgError('EBADMSG', `message of ${length} bytes can never fit the tx FIFO (max ${fifoLimit} bytes)`, {
        field: 'txRegionSize',
        limit: fifoLimit,
        value: length,
      });
    }
  }

  /** Resolves after `ms`, or earlier on a doorbell from the peer (it may have read), or close. */
  private waitForSpace(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.spaceWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(ms, 0));
      this.spaceWaiters.add(wake);
    });
  }

  private wakeSpaceWaiters(): void {
    for (const wake of [...this.spaceWaiters]) wake();
  }

  // --- plumbing ------------------------------------------------------------------------------

  private async ring(): Promise<void> {
    this.stats.doorbellsOut++;
    await this.doorbell.ring();
  }

  private setState(state: IcmsgState): void {
    const previous = this.currentState;
    if (previous === state) return;
    this.currentState = state;
    this.emitSafely('state', state, previous);
  }

  private rejectOpen(error: IcmsgError): void {
    const pending = this.pendingOpen;
    this.pendingOpen = undefined;
    pending?.reject(error);
  }

  /** Whatever went wrong in a doorbell pass becomes an `error` event, never an exception. */
  private fail(error: unknown): void {
    if (this.abortedWith) return;
    const typed = isIcmsgError(error)
      ? error
      : new IcmsgError('EIO', `shared memory or doorbell failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    this.report(typed);
  }

  private report(error: IcmsgError): void {
    this.stats.errors++;
    this.lastError = error;
    if (this.listenerCount('error') > 0) this.emitSafely('error', error);
  }

  /** A listener that throws must not break the state machine; its error is reported instead. */
  private emitSafely<K extends keyof IcmsgSessionEvents>(event: K, ...args: IcmsgSessionEvents[K]): void {
    try {
      (this.emit as (event: K, ...args: IcmsgSessionEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      if (event === 'error') return;
      this.report(new IcmsgError('EIO', `a '${String(event)}' listener threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    }
  }
}

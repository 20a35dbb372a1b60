import type { Doorbell } from '../../session/doorbell.js';
import { ChannelListeners } from '../../transport/channel-listeners.js';
import { parseIpcSendLine } from './ipc-log.js';
import { monitorCommand } from './monitor-format.js';
import type { LogLineSource, MonitorPort } from './monitor-port.js';
import { IPC_CHANNELS, IPC_REG, NRF5340 } from './nrf5340-layout.js';

/**
 * How the host learns that the network core rang:
 * - `log`: the net IPC model logs each TASKS_SEND on Renode's stdout; we watch the lines.
 *   No monitor traffic, and the ring arrives as soon as Renode's logger prints it.
 * - `poll`: read the app IPC's EVENTS_RECEIVE over the monitor every `pollIntervalMs`
 *   and clear what is set. Works without the log, costs a round trip per poll and adds
 *   up to one interval of latency.
 */
export type RingNotification = 'log' | 'poll';

export interface RenodeDoorbellOptions {
  readonly monitor: MonitorPort;
  /** Renode's stdout lines; required for `log`. */
  readonly log?: LogLineSource;
  readonly notification?: RingNotification;
  readonly pollIntervalMs?: number;
  /** App IPC base address. Default 0x5002A000. */
  readonly appIpcBase?: number;
  /** Net channels listened to (default 1 icmsg, 3 control ack). */
  readonly listenChannels?: readonly number[];
  /** Channels the host sends on (default 0 icmsg, 2 control). */
  readonly sendChannels?: readonly number[];
}

/**
 * The doorbells of the application core's IPC, played by the host over the monitor:
 * ring(n) writes TASKS_SEND[n]; onRing(n) fires when the network core sends on channel n.
 * Like DoorbellSocketServer, `doorbell(tx, rx)` gives the Doorbell of one session.
 */
export class RenodeDoorbell {
  readonly stats = { rings: 0, received: 0, polls: 0, lostLogLines: 0 };
  /** The first failed ring (reported by the next ring). */
  failure: Error | undefined;

  private readonly monitor: MonitorPort;
  private readonly base: number;
  private readonly notification: RingNotification;
  private readonly pollIntervalMs: number;
  private readonly listenChannels: readonly number[];
  private readonly sendChannels: readonly number[];
  private readonly listeners = new ChannelListeners();
  private unsubscribeLog: (() => void) | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private lastCount = 0;
  private disposed = false;

  constructor(options: RenodeDoorbellOptions) {
    this.monitor = options.monitor;
    this.base = options.appIpcBase ?? NRF5340.appIpcBase;
    this.notification = options.notification ?? 'log';
    this.pollIntervalMs = options.pollIntervalMs ?? 2;
    this.listenChannels = options.listenChannels ?? [1, 3];
    this.sendChannels = options.sendChannels ?? [0, 2];
    for (const channel of [...this.listenChannels, ...this.sendChannels]) checkChannel(channel);
    if (this.notification === 'log') {
      if (!options.log) throw new TypeError("RenodeDoorbell: notification 'log' needs options.log (Renode's stdout lines)");
      this.unsubscribeLog = options.log.onLine((line) => this.onLogLine(line));
    }
  }

  /**
   * Configures the app IPC as Zephyr's mbox driver on the app core would
   * (SEND_CNF[n] = RECEIVE_CNF[n] = 1 << n), then starts polling if asked.
   * Without SEND_CNF the IPC ignores our TASKS_SEND, as the hardware does.
   */
  async configure(): Promise<void> {
    const writes: string[] = [];
    for (const n of this.sendChannels) writes.push(monitorCommand.writeDoubleWord(this.base + IPC_REG.sendCnf(n), 1 << n));
    for (const n of this.listenChannels) {
      writes.push(monitorCommand.writeDoubleWord(this.base + IPC_REG.receiveCnf(n), 1 << n));
      writes.push(monitorCommand.writeDoubleWord(this.base + IPC_REG.eventsReceive(n), 0));
    }
    await Promise.all(writes.map((command) => this.monitor.execute(command)));
    if (this.notification === 'poll') this.schedulePoll();
  }

  /** Writes 1 to TASKS_SEND[channel]; resolves once the command is queued to Renode. */
  async ring(channel: number): Promise<void> {
    checkChannel(channel);
    if (this.failure) throw this.failure;
    this.stats.rings++;
    this.monitor.execute(monitorCommand.writeDoubleWord(this.base + IPC_REG.tasksSend(channel), 1)).catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  onRing(channel: number, listener: () => void): () => void {
    checkChannel(channel);
    return this.listeners.add(channel, listener);
  }

  doorbell(txChannel: number, rxChannel: number): Doorbell {
    return {
      ring: () => this.ring(txChannel),
      onRing: (listener) => this.onRing(rxChannel, listener),
    };
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribeLog?.();
    clearTimeout(this.pollTimer);
    this.listeners.clear();
  }

  private onLogLine(line: string): void {
    const send = parseIpcSendLine(line);
    if (!send || send.side !== 'net') return;
    // The count is the model's running total: a jump means the log lost lines. Doorbells
    // carry no data, so one delivery covers any number of lost rings on its channel.
    if (this.lastCount && send.count > this.lastCount + 1) this.stats.lostLogLines += send.count - this.lastCount - 1;
    this.lastCount = send.count;
    this.deliver(send.channel);
  }

  private deliver(channel: number): void {
    this.stats.received++;
    // Like an interrupt: never inside the caller's stack (a log line may arrive mid-call).
    setImmediate(() => {
      this.listeners.deliver(channel);
    });
  }

  private schedulePoll(): void {
    if (this.disposed) return;
    this.pollTimer = setTimeout(() => void this.poll(), this.pollIntervalMs);
  }

  private async poll(): Promise<void> {
    this.stats.polls++;
    try {
      const reads = this.listenChannels.map((n) => this.monitor.execute(monitorCommand.readDoubleWord(this.base + IPC_REG.eventsReceive(n))));
      const values = await Promise.all(reads);
      for (const [i, value] of values.entries()) {
        if ((Number.parseInt(value.trim(), 16) & 1) === 0) continue;
        const channel = this.listenChannels[i] ?? 0;
        // Clear before delivering: a send after the clear sets the event again.
        void this.monitor.execute(monitorCommand.writeDoubleWord(this.base + IPC_REG.eventsReceive(channel), 0)).catch(() => undefined);
        this.deliver(channel);
      }
    } catch (error) {
      if (this.disposed) return;
      this.failure ??= error instanceof Error ? error : new Error(String(error));
      return; // the monitor is gone or broken: stop polling, the next ring reports it
    }
    this.schedulePoll();
  }
}

function checkChannel(channel: number): void {
  if (!Number.isInteger(channel) || channel < 0 || channel >= IPC_CHANNELS) {
    throw new RangeError(`IPC channel must be an integer from 0 to ${IPC_CHANNELS - 1}, got ${channel}`);
  }
}

/**
 * The application core's IPC registers as NRF5340_IPC.cs models them, for the fake
 * monitor. The network core behind it is a real peer (the native stub): a send the host
 * makes here reaches `toNet`; a send of the net core arrives through `receiveFromNet`.
 */
const CHANNELS = 16;

export class FakeAppIpc {
  readonly events = new Array<boolean>(CHANNELS).fill(false);
  readonly sendCnf = new Array<number>(CHANNELS).fill(0);
  readonly receiveCnf = new Array<number>(CHANNELS).fill(0);
  readonly subscribe = new Array<number>(CHANNELS).fill(0);
  readonly publish = new Array<number>(CHANNELS).fill(0);
  readonly gpmem = [0, 0];
  inten = 0;
  /** Sends that had no effect because SEND_CNF[n] lacked bit n. */
  ignoredSends = 0;

  constructor(private readonly toNet: (channel: number) => void) {}

  read(offset: number): number {
    const n = (offset & 0x7f) >> 2;
    if (offset < 0x080) return 0; // TASKS are write-only
    if (offset < 0x100) return this.subscribe[n] ?? 0;
    if (offset < 0x180) return this.events[n] ? 1 : 0;
    if (offset < 0x200) return this.publish[n] ?? 0;
    switch (offset) {
      case 0x300:
      case 0x304:
      case 0x308:
        return this.inten;
      case 0x30c:
        return this.pending();
    }
    if (offset >= 0x510 && offset < 0x550) return this.sendCnf[(offset - 0x510) >> 2] ?? 0;
    if (offset >= 0x590 && offset < 0x5d0) return this.receiveCnf[(offset - 0x590) >> 2] ?? 0;
    if (offset === 0x610 || offset === 0x614) return this.gpmem[(offset - 0x610) >> 2] ?? 0;
    return 0;
  }

  write(offset: number, value: number): void {
    const n = (offset & 0x7f) >> 2;
    if (offset < 0x080) {
      if (value & 1) this.send(n);
    } else if (offset < 0x100) this.subscribe[n] = value >>> 0;
    else if (offset < 0x180) this.events[n] = (value & 1) === 1;
    else if (offset < 0x200) this.publish[n] = value >>> 0;
    else if (offset === 0x300) this.inten = value & 0xffff;
    else if (offset === 0x304) this.inten |= value & 0xffff;
    else if (offset === 0x308) this.inten &= ~value & 0xffff;
    else if (offset >= 0x510 && offset < 0x550) this.sendCnf[(offset - 0x510) >> 2] = value & 0xffff;
    else if (offset >= 0x590 && offset < 0x5d0) this.receiveCnf[(offset - 0x590) >> 2] = value & 0xffff;
    else if (offset === 0x610 || offset === 0x614) this.gpmem[(offset - 0x610) >> 2] = value >>> 0;
  }

  /** TASKS_SEND[n] on the network core. */
  receiveFromNet(channel: number): void {
    for (let m = 0; m < CHANNELS; m++) {
      if ((this.receiveCnf[m] ?? 0) & (1 << channel)) this.events[m] = true;
    }
  }

  private send(channel: number): void {
    if (((this.sendCnf[channel] ?? 0) & (1 << channel)) === 0) {
      this.ignoredSends++;
      return;
    }
    this.toNet(channel);
  }

  private pending(): number {
    let mask = 0;
    this.events.forEach((set, m) => {
      if (set) mask |= 1 << m;
    });
    return mask & this.inten;
  }
}

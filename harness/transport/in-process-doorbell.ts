import type { Doorbell } from '../session/doorbell.js';

/**
 * One end of an in-process doorbell pair. A ring is delivered on a later turn of the event
 * loop, like an interrupt, never inside the ringer's call stack. A ring with no listener on
 * the other end is lost, as a real IPC event is when the peer has not enabled it yet.
 */
export class InProcessDoorbell implements Doorbell {
  private readonly listeners = new Set<() => void>();
  private peer: InProcessDoorbell | undefined;
  /** Rings this end has delivered to its listeners. */
  delivered = 0;

  static pair(): [InProcessDoorbell, InProcessDoorbell] {
    const a = new InProcessDoorbell();
    const b = new InProcessDoorbell();
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  async ring(): Promise<void> {
    const target = this.peer;
    if (target) setImmediate(() => target.deliver());
  }

  onRing(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private deliver(): void {
    this.delivered++;
    for (const listener of [...this.listeners]) listener();
  }
}

import type { Doorbell } from '../session/doorbell.js';

/**
 * Folds rings issued in the same event-loop turn into one. icmsg allows it (the receiver
 * drains everything per ring), and a one-byte UART doorbell cannot take bursts anyway.
 */
export class CoalescingDoorbell implements Doorbell {
  private pending: Promise<void> | undefined;
  /** Rings asked for, and rings actually sent. */
  requested = 0;
  sent = 0;

  constructor(
    private readonly inner: Doorbell,
    private readonly afterRing?: () => void,
  ) {}

  ring(): Promise<void> {
    this.requested++;
    this.pending ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.pending = undefined;
        this.sent++;
        this.inner.ring().then(resolve, reject);
        this.afterRing?.();
      });
    });
    return this.pending;
  }

  onRing(listener: () => void): () => void {
    return this.inner.onRing(listener);
  }
}

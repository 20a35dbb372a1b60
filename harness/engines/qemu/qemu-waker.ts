import type { DoorbellSocketServer } from '../../transport/doorbell-socket.js';
import type { QmpClient } from './qmp-client.js';

/**
 * Works around QEMU 7.2's cmsdk-apb-uart bug (shared/docs/qemu-notes.md): once the UART's
 * receive register was full, QEMU stops reading the chardev until its main loop wakes for some
 * other reason, so a doorbell can sit in the socket for up to a second. Any QMP command wakes
 * it. We send one when a doorbell we rang is not answered within a millisecond.
 */
export class QemuWaker {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private lastIncoming = 0;
  private unsubscribe: () => void;
  kicks = 0;

  constructor(
    private readonly qmp: QmpClient,
    doorbells: DoorbellSocketServer,
  ) {
    // Any byte from the core shows its UART path is alive.
    const seen = () => (this.lastIncoming = performance.now());
    const offs = [0, 1, 2, 3, 4, 5, 6, 7].map((channel) => doorbells.onRing(channel, seen));
    this.unsubscribe = () => offs.forEach((off) => off());
  }

  afterRing(): void {
    if (this.timer) return;
    const rangAt = performance.now();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.lastIncoming >= rangAt) return;
      this.kick();
    }, 1);
  }

  kick(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    this.kicks++;
    this.qmp.execute('query-status', undefined, 2000).then(
      () => (this.inFlight = false),
      () => (this.inFlight = false),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
  }
}

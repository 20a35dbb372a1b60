import type { Doorbell } from '../../harness/session/doorbell.js';

/** Wraps a doorbell so a test can hold incoming rings (a peer that stops servicing its IRQ). */
export class GatedDoorbell implements Doorbell {
  private paused = false;
  private missed = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly inner: Doorbell) {
    inner.onRing(() => {
      if (this.paused) this.missed = true;
      else for (const listener of [...this.listeners]) listener();
    });
  }

  ring(): Promise<void> {
    return this.inner.ring();
  }

  onRing(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pause(): void {
    this.paused = true;
  }

  /** Delivers one ring for everything held, as a pending interrupt fires once when unmasked. */
  resume(): void {
    this.paused = false;
    if (this.missed) {
      this.missed = false;
      for (const listener of [...this.listeners]) listener();
    }
  }
}

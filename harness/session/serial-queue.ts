/**
 * Runs async tasks one at a time in call order. Every shared-memory transaction of a session
 * goes through one queue, so a tx-init can never land in the middle of a packet write.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

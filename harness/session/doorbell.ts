/**
 * A doorbell carries no data: one ring tells the peer "look at shared memory". The session
 * drains everything on each ring, so rings may be coalesced, duplicated or spurious.
 */
export interface Doorbell {
  /** Ring the peer. Resolves once the ring has left this side. */
  ring(): Promise<void>;
  /** Call `listener` on every ring from the peer. Returns a function that unsubscribes. */
  onRing(listener: () => void): () => void;
}

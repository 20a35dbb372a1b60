/** What the memory and doorbell need from a monitor connection (MonitorClient, or a test double). */
export interface MonitorPort {
  execute(command: string, options?: { readonly timeoutMs?: number }): Promise<string>;
}

/** A source of Renode's stdout lines (its log), e.g. RenodeProcess or the fake monitor. */
export interface LogLineSource {
  /** Calls `listener` for each complete line; returns a function that unsubscribes. */
  onLine(listener: (line: string) => void): () => void;
}

/**
 * Listeners per doorbell channel: what every multi-channel doorbell (a socket, an emulator's
 * IPC peripheral) needs to hand out one `Doorbell` per pair of channels.
 */
export class ChannelListeners {
  private readonly byChannel = new Map<number, Set<() => void>>();

  add(channel: number, listener: () => void): () => void {
    let set = this.byChannel.get(channel);
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls every listener of `channel`; a listener added or removed meanwhile waits for the next ring. */
  deliver(channel: number): void {
    for (const listener of [...(this.byChannel.get(channel) ?? [])]) listener();
  }

  clear(): void {
    this.byChannel.clear();
  }
}

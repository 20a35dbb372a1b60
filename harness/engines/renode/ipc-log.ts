/**
 * The line the network core's IPC model (platforms/renode/NRF5340_IPC.cs, `logSends`)
 * logs on each TASKS_SEND, wherever Renode's log format puts it in the line:
 *   `12:00:00.0000 [INFO] nrf5340/ipc_net: NRF5340_IPC: net TASKS_SEND[1] #7`
 */
const SEND_LINE = /NRF5340_IPC: (\w+) TASKS_SEND\[(\d+)\] #(\d+)/;

export interface IpcSendLog {
  readonly side: string;
  readonly channel: number;
  /** The model's running count of sends (1-based); a gap means lost log lines. */
  readonly count: number;
}

export function parseIpcSendLine(line: string): IpcSendLog | undefined {
  const match = SEND_LINE.exec(line);
  if (!match) return undefined;
  return { side: match[1] ?? '', channel: Number(match[2]), count: Number(match[3]) };
}

/** The same line, as the model writes it (used by the fake monitor in tests). */
export function formatIpcSendLine(side: string, channel: number, count: number): string {
  return `NRF5340_IPC: ${side} TASKS_SEND[${channel}] #${count}`;
}

import { chmodSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MonitorClient } from '../../harness/engines/renode/monitor-client.js';
import { RenodeDoorbell, type RingNotification } from '../../harness/engines/renode/renode-doorbell.js';
import { stubSettingsFrom, writeStubConfig, type RenodeIcmsgOptions } from '../../harness/engines/renode/renode-engine.js';
import { RenodeMemory } from '../../harness/engines/renode/renode-memory.js';
import { NRF5340, STUB_LAYOUT } from '../../harness/engines/renode/nrf5340-layout.js';
import { IcmsgSession } from '../../harness/session/icmsg-session.js';
import { registerPath } from '../../harness/transport/cleanup-registry.js';
import { runTag } from '../../harness/transport/run-paths.js';
import { MemoryWindow } from '../../harness/wire/shared-memory.js';
import { FakeRenodeMonitor } from './fake-renode-monitor.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An executable that behaves like `renode` on the command line, backed by the fake. */
export function fakeRenodeExecutable(): { path: string; remove: () => void } {
  const cli = fileURLToPath(new URL('./fake-renode-cli.js', import.meta.url));
  const path = join(tmpdir(), `${runTag()}.fake-renode.sh`);
  writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
  chmodSync(path, 0o700);
  return { path, remove: registerPath(path) };
}

export interface MonitorLink {
  readonly fake: FakeRenodeMonitor;
  readonly client: MonitorClient;
  readonly memory: RenodeMemory;
  readonly doorbell: RenodeDoorbell;
  readonly session: IcmsgSession;
  close(): Promise<void>;
}

/**
 * The engine's steps, by hand, against the fake: machine, config block, app IPC, start,
 * then an IcmsgSession over RenodeMemory + RenodeDoorbell (native stub behind the fake).
 */
export async function monitorLink(icmsg: RenodeIcmsgOptions, notification: RingNotification = 'log'): Promise<MonitorLink> {
  const fake = await FakeRenodeMonitor.start();
  let client: MonitorClient | undefined;
  let doorbell: RenodeDoorbell | undefined;
  let session: IcmsgSession | undefined;
  const close = async () => {
    await session?.close().catch(() => undefined);
    doorbell?.dispose();
    if (client && !client.closed) await client.quit(2000);
    await fake.stop();
  };
  try {
    client = await MonitorClient.connect({ port: fake.port });
    await client.execute('mach create "nrf5340"');
    const memory = new RenodeMemory({ monitor: client, base: NRF5340.sharedSramBase, size: NRF5340.sharedSramSize });
    await writeStubConfig(memory, stubSettingsFrom(icmsg));
    doorbell = new RenodeDoorbell({ monitor: client, log: fake, notification });
    await doorbell.configure();
    await memory.flush();
    await client.execute('start');
    session = new IcmsgSession({
      resignalIntervalMs: 20,
      openTimeoutMs: 5000,
      ...icmsg,
      tx: new MemoryWindow(memory, STUB_LAYOUT.hostTx - NRF5340.sharedSramBase, STUB_LAYOUT.regionSize),
      rx: new MemoryWindow(memory, STUB_LAYOUT.hostRx - NRF5340.sharedSramBase, STUB_LAYOUT.regionSize),
      doorbell: doorbell.doorbell(0, 1),
    });
    return { fake, client, memory, doorbell, session, close };
  } catch (error) {
    await close();
    throw error;
  }
}

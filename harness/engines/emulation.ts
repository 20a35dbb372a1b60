import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IcmsgSession } from '../session/icmsg-session.js';
import type { EngineError } from './errors.js';
import type { AddressSpan } from './platform.js';
import type { StubControl } from './stub-control.js';

export type EngineName = 'qemu' | 'native' | 'renode';

/** A running remote core with a host session attached: what launch() gives a test. */
export interface Emulation {
  readonly engine: EngineName;
  readonly session: IcmsgSession;
  /** The stub's control channel; undefined for foreign firmware. */
  readonly control: StubControl | undefined;
  /** Resolves with the reason when the engine dies or the core faults (never rejects). */
  readonly failure: Promise<EngineError>;
  readonly hostTx: AddressSpan;
  readonly hostRx: AddressSpan;
  /** Raw bytes of both icmsg regions right now. */
  dumpRegions(): Promise<{ hostTx: Uint8Array; hostRx: Uint8Array }>;
  /** Doorbells the host has rung so far (after coalescing), all channels. */
  ringsSent(): number;
  /** The engine's own output (stderr, Renode log), for artifacts. */
  log(): string;
  /** A description of the remote core's state (e.g. a fault), when the engine can tell. */
  diagnose(): Promise<string | undefined>;
  /** Writes engine log, region dumps and a diagnosis into `directory`; returns the files. */
  saveArtifacts(directory: string, label: string): Promise<string[]>;
  /** Closes the session and the engine; nothing is left running. Safe to call twice. */
  stop(): Promise<void>;
}

function hexdump(bytes: Uint8Array, base: number): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push(`${(base + i).toString(16).padStart(8, '0')}  ${Array.from(bytes.subarray(i, i + 16), (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  }
  return lines.join('\n');
}

export async function saveArtifacts(emulation: Emulation, directory: string, label: string): Promise<string[]> {
  mkdirSync(directory, { recursive: true });
  const safe = label.replace(/[^a-z0-9._-]+/gi, '_').slice(0, 100);
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(directory, `${safe}.${name}`);
    writeFileSync(path, text);
    files.push(path);
  };
  write(`${emulation.engine}.log`, emulation.log());
  try {
    const { hostTx, hostRx } = await emulation.dumpRegions();
    write('regions.txt', `host tx-region\n${hexdump(hostTx, emulation.hostTx.address)}\n\nhost rx-region\n${hexdump(hostRx, emulation.hostRx.address)}\n`);
  } catch (error) {
    write('regions.txt', `regions unavailable: ${String(error)}\n`);
  }
  const { session } = emulation;
  const diagnosis = await emulation.diagnose().catch((error: unknown) => `unavailable: ${String(error)}`);
  const status = await emulation.control?.status().catch(() => undefined);
  write('session.json', `${JSON.stringify({ state: session.state, stats: session.stats, lastError: session.lastError?.message, diagnosis, stub: status }, null, 2)}\n`);
  return files;
}

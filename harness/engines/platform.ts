import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from './errors.js';

export interface AddressSpan {
  readonly address: number;
  readonly size: number;
}

/** A platform description from platforms/*.json, with every number parsed and checked. */
export interface Platform {
  readonly name: string;
  readonly engine: 'qemu' | 'renode';
  readonly qemu?: { readonly binary: string; readonly machine: string };
  readonly sharedMemory: AddressSpan;
  readonly hostTx: AddressSpan;
  readonly hostRx: AddressSpan;
  readonly configBlock?: number;
  readonly controlBlock?: number;
}

/** The repository's platforms/ folder, found from this module's location (src or dist). */
export function platformsDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'platforms');
    try {
      readFileSync(join(candidate, 'mps2-an521.json'));
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new EngineError('PLATFORM', 'cannot find the platforms/ directory next to the harness');
}

function number(value: unknown, field: string): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new EngineError('PLATFORM', `${field} must be a non-negative integer or 0x hex string, got ${JSON.stringify(value)}`);
  return parsed;
}

function span(value: unknown, field: string): AddressSpan {
  const record = (value ?? {}) as Record<string, unknown>;
  return { address: number(record.address, `${field}.address`), size: number(record.size, `${field}.size`) };
}

function inside(inner: AddressSpan, outer: AddressSpan, field: string): void {
  if (inner.address < outer.address || inner.address + inner.size > outer.address + outer.size) {
    throw new EngineError('PLATFORM', `${field} (0x${inner.address.toString(16)}+0x${inner.size.toString(16)}) lies outside the shared memory`);
  }
}

export function parsePlatform(json: unknown, source: string): Platform {
  const raw = json as Record<string, unknown>;
  const icmsg = (raw.icmsg ?? {}) as Record<string, unknown>;
  const stub = (raw.stub ?? {}) as Record<string, unknown>;
  const engine = raw.engine;
  if (engine !== 'qemu' && engine !== 'renode') throw new EngineError('PLATFORM', `${source}: engine must be "qemu" or "renode"`);
  const platform: Platform = {
    name: String(raw.name),
    engine,
    ...(raw.qemu ? { qemu: raw.qemu as { binary: string; machine: string } } : {}),
    sharedMemory: span(raw.sharedMemory, `${source}: sharedMemory`),
    hostTx: span(icmsg.hostTx, `${source}: icmsg.hostTx`),
    hostRx: span(icmsg.hostRx, `${source}: icmsg.hostRx`),
    ...(stub.configBlock !== undefined ? { configBlock: number(stub.configBlock, `${source}: stub.configBlock`) } : {}),
    ...(stub.controlBlock !== undefined ? { controlBlock: number(stub.controlBlock, `${source}: stub.controlBlock`) } : {}),
  };
  inside(platform.hostTx, platform.sharedMemory, 'icmsg.hostTx');
  inside(platform.hostRx, platform.sharedMemory, 'icmsg.hostRx');
  return platform;
}

/** Loads a platform by name (platforms/NAME.json) or by path. */
export function loadPlatform(nameOrPath: string): Platform {
  const path = nameOrPath.endsWith('.json') ? resolve(nameOrPath) : join(platformsDirectory(), `${nameOrPath}.json`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EngineError('PLATFORM', `unknown platform '${nameOrPath}' (no ${path})`, { cause: error });
  }
  return parsePlatform(JSON.parse(text), path);
}

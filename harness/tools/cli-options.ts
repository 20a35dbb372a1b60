import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { LaunchOptions } from '../engines/launch.js';
import { UNBOUND_MODES, WIRE_GENERATIONS, type UnboundMode, type WireGeneration } from '../session/options.js';

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Flags every command that talks to a peer understands. */
export const LINK_FLAGS = {
  engine: { type: 'string', default: 'qemu' },
  platform: { type: 'string' },
  firmware: { type: 'string' },
  peer: { type: 'string' },
  renode: { type: 'string' },
  wire: { type: 'string', default: 'pbuf' },
  unbound: { type: 'string', default: 'enable' },
  'remote-unbound': { type: 'string' },
  'dcache-alignment': { type: 'string', default: '8' },
  'peer-rx-limit': { type: 'string', default: '128' },
  'region-size': { type: 'string' },
  'open-timeout': { type: 'string', default: '5000' },
  stub: { type: 'boolean' },
  'no-stub': { type: 'boolean' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export const LINK_USAGE = `
  --engine qemu|native|renode where the remote runs (default qemu; renode = nRF5340 net core)
  --platform NAME|FILE.json   QEMU platform (default mps2-an521)
  --firmware ELF              remote firmware for QEMU or Renode (default: our echo stub)
  --peer "CMD ARGS"           peer program for --engine native (default: our native stub)
  --renode PATH               the renode executable (default: renode on PATH)
  --wire pbuf|spsc            pbuf = Zephyr 3.6+, spsc = Zephyr 3.2-3.5 (default pbuf)
  --unbound disable|enable|detect   this side's devicetree unbound mode (default enable)
  --remote-unbound MODE       our stub's mode when it should differ (pairing checks)
  --dcache-alignment N        devicetree dcache-alignment, both sides (default 8)
  --peer-rx-limit N           the remote's CONFIG_PBUF_RX_READ_BUF_SIZE (default 128)
  --region-size N             size of each icmsg region (default: the platform's)
  --open-timeout MS           how long to wait for bound (default 5000)
  --stub / --no-stub          write our stub's config block (default: only for our stub)
  --json                      one JSON object on stdout instead of a table`;

export function integer(name: string, text: string | undefined, min: number, max: number): number {
  const value = text === undefined ? NaN : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(text as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${text}'`);
  return text as T;
}

export type LinkValues = { [K in keyof typeof LINK_FLAGS]?: string | boolean };

/** Turns parsed flags into launch options, refusing anything ambiguous with a UsageError. */
export function launchOptionsFrom(values: LinkValues): LaunchOptions {
  const text = (name: keyof typeof LINK_FLAGS) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const engine = oneOf('engine', text('engine'), ['qemu', 'native', 'renode'] as const);
  if (engine === 'native' && text('firmware')) throw new UsageError('--firmware is for --engine qemu or renode; use --peer with --engine native');
  if (engine !== 'native' && text('peer')) throw new UsageError('--peer is for --engine native');
  if (engine !== 'renode' && text('renode')) throw new UsageError('--renode is for --engine renode');
  if (engine !== 'qemu' && text('platform')) throw new UsageError('--platform is for --engine qemu (Renode always runs platforms/renode/nrf5340.repl)');
  const wire = oneOf<WireGeneration>('wire', text('wire'), WIRE_GENERATIONS);
  const unbound = oneOf<UnboundMode>('unbound', text('unbound'), UNBOUND_MODES);
  const remote = text('remote-unbound');
  const regionSize = text('region-size');
  const stub = values.stub === true ? true : values['no-stub'] === true ? false : undefined;
  return {
    engine,
    ...(text('platform') ? { platform: text('platform') } : {}),
    ...(text('firmware') ? { firmware: text('firmware') } : {}),
    ...(text('peer') ? { peer: (text('peer') ?? '').split(/\s+/).filter(Boolean) } : {}),
    ...(text('renode') ? { renodePath: text('renode') } : {}),
    ...(stub !== undefined ? { stub } : {}),
    icmsg: {
      wire,
      unbound,
      ...(remote ? { remoteUnbound: oneOf<UnboundMode>('remote-unbound', remote, UNBOUND_MODES) } : {}),
      dcacheAlignment: integer('dcache-alignment', text('dcache-alignment'), 0, 4096),
      peerRxLimit: integer('peer-rx-limit', text('peer-rx-limit'), 1, 65535),
      ...(regionSize ? { regionSize: integer('region-size', regionSize, 24, 0x100000) } : {}),
      openTimeoutMs: integer('open-timeout', text('open-timeout'), 1, 600000),
    },
  };
}

export type FlagValues = Record<string, string | boolean | undefined>;

export function parseLinkArgs(args: string[], extra: ParseArgsConfig['options'] = {}): FlagValues {
  try {
    return parseArgs({ args, options: { ...LINK_FLAGS, ...extra }, allowPositionals: false, strict: true }).values as FlagValues;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

import { IcmsgError } from '../wire/errors.js';
import type { SharedMemory } from '../wire/shared-memory.js';
import type { Doorbell } from './doorbell.js';

/** `pbuf`: Zephyr 3.6+; `spsc`: spsc_pbuf of Zephyr 3.2-3.5. */
export type WireGeneration = 'pbuf' | 'spsc';
/** Devicetree `unbound` of Zephyr 4.1+; `disable` is also how 3.2-4.0 behave. */
export type UnboundMode = 'disable' | 'enable' | 'detect';

export const WIRE_GENERATIONS: readonly WireGeneration[] = ['pbuf', 'spsc'];
export const UNBOUND_MODES: readonly UnboundMode[] = ['disable', 'enable', 'detect'];

export interface IcmsgSessionOptions {
  /** The region this side writes (its devicetree `tx-region`). */
  readonly tx: SharedMemory;
  /** The region the peer writes (this side's `rx-region`). */
  readonly rx: SharedMemory;
  readonly doorbell: Doorbell;
  readonly wire?: WireGeneration;
  readonly unbound?: UnboundMode;
  /** Devicetree `dcache-alignment`; both sides must use the same value. Default 0. */
  readonly dcacheAlignment?: number;
  /**
   * The peer's receive buffer (Zephyr's CONFIG_PBUF_RX_READ_BUF_SIZE, default 128). A Zephyr
   * peer never consumes a larger packet and the link stalls, so larger sends are refused.
   */
  readonly peerRxLimit?: number;
  /** How often to ring while not bound; 4.1+ peers ring only once. Default 50 ms. */
  readonly resignalIntervalMs?: number;
  /** open() rejects with ETIMEDOUT after this long without binding. Default 5000 ms. */
  readonly openTimeoutMs?: number;
  /**
   * After the peer closes or re-opens (enable/detect), open again so that a new peer session
   * binds without help, as an application that calls icmsg_open() from `unbound` would.
   * Zephyr itself stays disconnected; set false for that. Default true.
   */
  readonly reopenOnUnbound?: boolean;
}

export interface ResolvedSessionOptions {
  readonly wire: WireGeneration;
  readonly unbound: UnboundMode;
  readonly dcacheAlignment: number;
  readonly peerRxLimit: number;
  readonly resignalIntervalMs: number;
  readonly openTimeoutMs: number;
  readonly reopenOnUnbound: boolean;
}

export const DEFAULT_PEER_RX_LIMIT = 128;

function invalid(field: string, message: string, value?: number): IcmsgError {
  return new IcmsgError('EINVAL', `${field}: ${message}`, value === undefined ? { field } : { field, value });
}

function positiveInteger(field: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(field, `must be an integer from 1 to ${max}, got ${value}`, value);
  }
  return value;
}

/** Applies defaults and refuses every combination Zephyr refuses, naming the field at fault. */
export function resolveSessionOptions(options: IcmsgSessionOptions): ResolvedSessionOptions {
  const wire = options.wire ?? 'pbuf';
  const unbound = options.unbound ?? 'disable';
  const dcacheAlignment = options.dcacheAlignment ?? 0;
  if (!WIRE_GENERATIONS.includes(wire)) throw invalid('wire', `must be one of ${WIRE_GENERATIONS.join(', ')}, got ${String(wire)}`);
  if (!UNBOUND_MODES.includes(unbound)) throw invalid('unbound', `must be one of ${UNBOUND_MODES.join(', ')}, got ${String(unbound)}`);
  if (wire === 'spsc' && unbound !== 'disable') {
    throw invalid('unbound', `'${unbound}' needs the 4.1+ handshake word, which the spsc generation (Zephyr 3.2-3.5) does not have`);
  }
  if (unbound !== 'disable' && dcacheAlignment < 8) {
    throw invalid('dcacheAlignment', `unbound '${unbound}' requires dcache-alignment >= 8 (Zephyr refuses it otherwise), got ${dcacheAlignment}`, dcacheAlignment);
  }
  if (wire === 'spsc' && dcacheAlignment !== 0) {
    throw invalid('dcacheAlignment', `the spsc generation has no dcache-alignment, got ${dcacheAlignment}`, dcacheAlignment);
  }
  return {
    wire,
    unbound,
    dcacheAlignment,
    peerRxLimit: positiveInteger('peerRxLimit', options.peerRxLimit ?? DEFAULT_PEER_RX_LIMIT, 0xffff),
    resignalIntervalMs: positiveInteger('resignalIntervalMs', options.resignalIntervalMs ?? 50),
    openTimeoutMs: positiveInteger('openTimeoutMs', options.openTimeoutMs ?? 5000),
    reopenOnUnbound: options.reopenOnUnbound ?? true,
  };
}

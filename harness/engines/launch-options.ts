import { DEFAULT_PEER_RX_LIMIT, type IcmsgSessionOptions, type UnboundMode, type WireGeneration } from '../session/options.js';
import type { EngineName } from './emulation.js';
import type { Platform } from './platform.js';

export interface IcmsgLinkOptions {
  readonly wire?: WireGeneration;
  readonly unbound?: UnboundMode;
  readonly dcacheAlignment?: number;
  /** The remote's receive buffer (CONFIG_PBUF_RX_READ_BUF_SIZE); our stub is configured to match. */
  readonly peerRxLimit?: number;
  /**
   * Size of both regions. Native: any size up to 0x8000. QEMU: overrides the platform's sizes
   * (the regions keep their addresses, so they must not overlap). Renode: fixed 0x800.
   */
  readonly regionSize?: number;
  /** The remote stub's unbound mode when it differs from ours (pairing tests). Default: ours. */
  readonly remoteUnbound?: UnboundMode;
  /** The stub's real receive buffer when it should differ from `peerRxLimit` (stall tests). */
  readonly remoteRxBufferSize?: number;
  readonly openTimeoutMs?: number;
  readonly resignalIntervalMs?: number;
  readonly reopenOnUnbound?: boolean;
}

export interface LaunchOptions {
  readonly engine?: EngineName;
  /** Platform name (platforms/NAME.json) or description; QEMU default: mps2-an521. */
  readonly platform?: string | Platform;
  /** The remote core's ELF (QEMU, Renode). Default: our echo stub for that platform. */
  readonly firmware?: string;
  /** The peer program (native engine). Default: our native stub. */
  readonly peer?: readonly string[];
  /** The `renode` executable (Renode engine). Default: `renode` on PATH. */
  readonly renodePath?: string;
  readonly icmsg?: IcmsgLinkOptions;
  /**
   * Configure and control our stub (config block / env, control block). Default: true when
   * the firmware or peer is our stub; a foreign firmware is left alone.
   */
  readonly stub?: boolean;
  /** Open the session and wait for `bound` before resolving. Default true. */
  readonly bind?: boolean;
}

/** What the stub is told; the session's own options are the rest. */
export interface RemoteSettings {
  readonly wire: WireGeneration;
  readonly unbound: UnboundMode;
  readonly dcacheAlignment: number;
  readonly rxBufferSize: number;
}

export function remoteSettings(link: IcmsgLinkOptions): RemoteSettings {
  return {
    wire: link.wire ?? 'pbuf',
    unbound: link.remoteUnbound ?? link.unbound ?? 'disable',
    dcacheAlignment: link.dcacheAlignment ?? 0,
    rxBufferSize: link.remoteRxBufferSize ?? link.peerRxLimit ?? DEFAULT_PEER_RX_LIMIT,
  };
}

/** The session options in a link description (engine-only fields removed). */
export function sessionSettings(link: IcmsgLinkOptions): Omit<IcmsgSessionOptions, 'tx' | 'rx' | 'doorbell'> {
  const { regionSize: _size, remoteUnbound: _remote, remoteRxBufferSize: _buffer, ...session } = link;
  return session;
}

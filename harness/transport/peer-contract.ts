import type { UnboundMode, WireGeneration } from '../session/options.js';

/** A span of the shared-memory file. */
export interface FileSpan {
  readonly offset: number;
  readonly size: number;
}

/**
 * What the harness tells a peer program it spawns (README, "Peer contract"). Regions are
 * named from the peer's side: the peer's rx-region is the host's tx-region.
 */
export interface PeerContract {
  readonly sharedMemoryPath: string;
  readonly doorbellSocket: string;
  readonly peerRx: FileSpan;
  readonly peerTx: FileSpan;
  readonly wire: WireGeneration;
  readonly unbound: UnboundMode;
  readonly dcacheAlignment: number;
  /** The peer's receive buffer (CONFIG_PBUF_RX_READ_BUF_SIZE). */
  readonly rxBufferSize?: number;
  /** Where our stub's control block lives, if the peer is our stub. */
  readonly controlOffset?: number;
}

const hex = (value: number) => `0x${value.toString(16)}`;

/** The environment variables of the peer contract. */
export function peerEnvironment(contract: PeerContract): Record<string, string> {
  const env: Record<string, string> = {
    ICMSG_SHM_PATH: contract.sharedMemoryPath,
    ICMSG_DOORBELL_SOCKET: contract.doorbellSocket,
    ICMSG_RX_OFFSET: hex(contract.peerRx.offset),
    ICMSG_RX_SIZE: hex(contract.peerRx.size),
    ICMSG_TX_OFFSET: hex(contract.peerTx.offset),
    ICMSG_TX_SIZE: hex(contract.peerTx.size),
    ICMSG_WIRE: contract.wire,
    ICMSG_UNBOUND: contract.unbound,
    ICMSG_DCACHE_ALIGNMENT: String(contract.dcacheAlignment),
  };
  if (contract.rxBufferSize !== undefined) env.ICMSG_RX_BUF_SIZE = String(contract.rxBufferSize);
  if (contract.controlOffset !== undefined) env.ICMSG_CONTROL_OFFSET = hex(contract.controlOffset);
  return env;
}

/** Doorbell channel numbers of the contract: one byte per ring, its value is the channel. */
export const DOORBELL_CHANNELS = {
  /** host -> peer: icmsg */
  hostToPeer: 0,
  /** peer -> host: icmsg */
  peerToHost: 1,
  /** host -> stub: control command */
  control: 2,
  /** stub -> host: control acknowledged */
  controlAck: 3,
} as const;

// The public API: the host-side icmsg session, the wire formats, and launch() for engines.
export { IcmsgSession, type IcmsgSessionEvents, type IcmsgState, type SendOptions, type SessionStats } from './session/icmsg-session.js';
export type { Doorbell } from './session/doorbell.js';
export { DEFAULT_PEER_RX_LIMIT, type IcmsgSessionOptions, type UnboundMode, type WireGeneration } from './session/options.js';
export * from './wire/index.js';
export { BufferMemory } from './transport/buffer-memory.js';
export { FileMemory } from './transport/file-memory.js';
export { DoorbellSocketServer } from './transport/doorbell-socket.js';
export { InProcessDoorbell } from './transport/in-process-doorbell.js';
export { createInProcessLink } from './transport/in-process-link.js';
export { peerEnvironment, DOORBELL_CHANNELS, type PeerContract } from './transport/peer-contract.js';
export { launch, type Emulation, type EngineName, type IcmsgLinkOptions, type LaunchOptions } from './engines/launch.js';
export { EngineError, type EngineErrorCode } from './engines/errors.js';
export { StubControl, type StubStatus, type StubCommandName } from './engines/stub-control.js';
export { loadPlatform, type Platform } from './engines/platform.js';

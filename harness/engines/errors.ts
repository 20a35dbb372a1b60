/** Errors of the engine layer: each names the engine, what it was doing, and the evidence. */
export type EngineErrorCode =
  | 'ENGINE_NOT_FOUND' // the emulator or peer binary is missing
  | 'ENGINE_START' // it did not come up (no doorbell connection, no QMP, bad arguments)
  | 'ENGINE_EXITED' // it exited while in use
  | 'REMOTE_FAULT' // the emulated core is stuck in a fault handler or locked up
  | 'PLATFORM' // the platform description is invalid
  | 'CONTROL' // the stub's control block did not answer
  | 'TIMEOUT';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

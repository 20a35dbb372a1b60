/**
 * Typed errors for icmsg. The codes are Zephyr's errno names so that a firmware engineer
 * can map a host-side failure to what `icmsg_send()` / `icmsg_open()` would have returned.
 */
export type IcmsgErrorCode =
  | 'EBUSY' // not bound yet
  | 'ENODATA' // empty message
  | 'EBADMSG' // message larger than the wire or the peer can take
  | 'ENOMEM' // the tx FIFO has no room for the packet now
  | 'ENOBUFS' // no tx buffer (lock/back-pressure timeout)
  | 'EALREADY' // open while already open
  | 'EINVAL' // bad configuration, or corrupted shared memory
  | 'ETIMEDOUT' // open() did not bind in time
  | 'ECANCELED' // the session was closed while an operation waited
  | 'EIO'; // the transport underneath failed (emulator gone, socket closed)

export interface IcmsgErrorDetails {
  /** The configuration field, limit or shared-memory word at fault. */
  readonly field?: string;
  /** The limit that was exceeded, when there is one. */
  readonly limit?: number;
  /** The offending value, when there is one. */
  readonly value?: number;
  readonly cause?: unknown;
}

export class IcmsgError extends Error {
  override readonly name = 'IcmsgError';
  readonly code: IcmsgErrorCode;
  readonly field: string | undefined;
  readonly limit: number | undefined;
  readonly value: number | undefined;

  constructor(code: IcmsgErrorCode, message: string, details: IcmsgErrorDetails = {}) {
    super(`${code}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.field = details.field;
    this.limit = details.limit;
    this.value = details.value;
  }
}

/** True when `error` is an IcmsgError with the given code. */
export function isIcmsgError(error: unknown, code?: IcmsgErrorCode): error is IcmsgError {
  return error instanceof IcmsgError && (code === undefined || error.code === code);
}

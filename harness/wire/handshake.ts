/**
 * The 4.1+ session handshake word. A side writes its word in its rx-region and reads the
 * peer's in its tx-region: low 16 bits = the writer's session id, high 16 bits = the peer
 * session id the writer acknowledges. Session id 0 means closed.
 */
export const SESSION_CLOSED = 0;

export interface HandshakeWord {
  /** The writer's own session id (its request). */
  readonly sid: number;
  /** The peer session id the writer acknowledges. */
  readonly ack: number;
}

export function encodeHandshake(word: HandshakeWord): number {
  return ((word.sid & 0xffff) | ((word.ack & 0xffff) << 16)) >>> 0;
}

export function decodeHandshake(value: number): HandshakeWord {
  return { sid: value & 0xffff, ack: (value >>> 16) & 0xffff };
}

/**
 * The session id a side picks at open, as Zephyr does: the peer's current request plus one,
 * skipping 0 and the id the peer still acknowledges (so the peer sees a change).
 */
export function nextSessionId(peerWord: HandshakeWord): number {
  let sid = peerWord.sid;
  do {
    sid = (sid + 1) & 0xffff;
  } while (sid === SESSION_CLOSED || sid === peerWord.ack);
  return sid;
}

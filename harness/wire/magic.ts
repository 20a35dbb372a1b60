/** The 13-byte bonding magic of disable-mode (and pre-4.1) icmsg: ASCII "Em1l1K0rn3li4". */
export const ICMSG_MAGIC: Uint8Array = Uint8Array.from([
  0x45, 0x6d, 0x31, 0x6c, 0x31, 0x4b, 0x30, 0x72, 0x6e, 0x33, 0x6c, 0x69, 0x34,
]);

/** Disable mode accepts the magic followed by extra bytes (room for future protocol versions). */
export function startsWithMagic(packet: Uint8Array): boolean {
  return packet.length >= ICMSG_MAGIC.length && ICMSG_MAGIC.every((byte, i) => packet[i] === byte);
}

/** Detect mode and the spsc generation require the magic and nothing else. */
export function isExactMagic(packet: Uint8Array): boolean {
  return packet.length === ICMSG_MAGIC.length && startsWithMagic(packet);
}

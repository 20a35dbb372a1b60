/** Parses "00 0d 00 00" into bytes; "??" (an unwritten byte) becomes null. */
export function hex(text: string): Array<number | null> {
  return text
    .split(/[\s|]+/)
    .filter((token) => token.length > 0)
    .map((token) => (token === '??' ? null : Number.parseInt(token, 16)));
}

/** Compares memory against a vector in which null means "don't care". */
export function matchesVector(actual: Uint8Array, expected: Array<number | null>): boolean {
  return expected.every((byte, i) => byte === null || actual[i] === byte);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (seed * 31 + i * 7) & 0xff;
  return out;
}

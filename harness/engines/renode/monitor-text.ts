import { StringDecoder } from 'node:string_decoder';
import { TelnetDecoder } from './telnet-decoder.js';

/** Stands for "the text switched to red here" after escapes are removed. */
export const RED_MARK = '\u0001';

// SGR selecting a red foreground (31 or 91 among its parameters).
// eslint-disable-next-line no-control-regex
const RED_SGR = /\x1b\[(?:[0-9;]*;)?(?:31|91)(?:;[0-9;]*)?m/g;
// Every other escape sequence: CSI, OSC, two-byte.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/**
 * Bytes from the monitor socket -> clean text: telnet negotiation removed, UTF-8 decoded
 * across chunk boundaries, escape sequences removed (red kept as RED_MARK). An escape
 * sequence cut by a chunk boundary is held back until it is complete.
 */
export class MonitorTextBuffer {
  private readonly telnet = new TelnetDecoder();
  private readonly utf8 = new StringDecoder('utf8');
  private heldBack = '';
  text = '';

  get negotiations(): number {
    return this.telnet.negotiations;
  }

  push(chunk: Uint8Array): void {
    let raw = this.heldBack + this.utf8.write(this.telnet.push(chunk));
    this.heldBack = '';
    const escape = raw.lastIndexOf('\x1b');
    if (escape >= 0 && isIncomplete(raw.slice(escape))) {
      this.heldBack = raw.slice(escape);
      raw = raw.slice(0, escape);
    }
    this.text += raw.replace(RED_SGR, RED_MARK).replace(ESCAPES, '');
  }

  /** Removes and returns the first `length` characters. */
  take(length: number): string {
    const head = this.text.slice(0, length);
    this.text = this.text.slice(length);
    return head;
  }
}

function isIncomplete(tail: string): boolean {
  // A complete sequence matches one of the patterns starting at 0.
  ESCAPES.lastIndex = 0;
  const match = ESCAPES.exec(tail);
  ESCAPES.lastIndex = 0;
  if (match && match.index === 0) return false;
  // ESC alone, ESC [ params..., or ESC ] ... without terminator: wait for more. A 200-char
  // limit keeps a stray ESC from holding back output forever.
  return tail.length < 200 && /^\x1b(?:$|\[[0-?]*[ -/]*$|\][^\x07\x1b]*$)/.test(tail);
}

/**
 * Removes telnet protocol bytes from the monitor stream. Renode opens every connection
 * with option negotiation (IAC DO/WILL/WONT ...) and doubles any 0xFF data byte; neither
 * is text. Stateful, because a sequence may be split across TCP chunks. We never answer
 * the negotiation: Renode works with clients that ignore it (as netcat does).
 */
const IAC = 0xff;
const SB = 0xfa;
const SE = 0xf0;
const WILL = 0xfb;
const DONT = 0xfe;

type State = 'data' | 'iac' | 'option' | 'sub' | 'sub-iac';

export class TelnetDecoder {
  private state: State = 'data';
  /** Negotiation commands seen (for tests and traces). */
  negotiations = 0;

  /** Returns the data bytes of `chunk`. */
  push(chunk: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(chunk.length);
    let n = 0;
    for (const byte of chunk) {
      switch (this.state) {
        case 'data':
          if (byte === IAC) this.state = 'iac';
          else out[n++] = byte;
          break;
        case 'iac':
          if (byte === IAC) {
            out[n++] = IAC; // doubled 0xFF is one data byte
            this.state = 'data';
          } else if (byte >= WILL && byte <= DONT) {
            this.negotiations++;
            this.state = 'option';
          } else if (byte === SB) {
            this.state = 'sub';
          } else {
            this.state = 'data'; // two-byte command (NOP, GA, ...)
          }
          break;
        case 'option':
          this.state = 'data'; // the option byte of WILL/WONT/DO/DONT
          break;
        case 'sub':
          if (byte === IAC) this.state = 'sub-iac';
          break;
        case 'sub-iac':
          this.state = byte === SE ? 'data' : 'sub';
          break;
      }
    }
    return out.subarray(0, n);
  }
}

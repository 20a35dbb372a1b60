/**
 * Finding the monitor prompt in clean text. The prompt is `(monitor) ` before a machine
 * exists and `(<machine>) ` after `mach create`; it starts a line (Renode answers each
 * Enter with `\n\r`, the output lines end in `\r\n`) and has no newline after it.
 *
 * Several replies may arrive in one chunk when commands are pipelined, so a prompt is
 * accepted where the text ends, or where the echo of the next command sent follows it.
 * A prompt-like line inside output that happens to end a chunk could be mistaken for the
 * prompt; none of the commands the harness sends prints such a line.
 */
import { RED_MARK } from './monitor-text.js';

const PROMPT = new RegExp(`(^|[\\r\\n])${RED_MARK}?\\(([^()\\r\\n]{1,128})\\) `, 'g');

export interface PromptMatch {
  /** The name in parentheses: `monitor` or the current machine. */
  readonly name: string;
  /** Where the reply before the prompt ends. */
  readonly replyEnd: number;
  /** Where the text after the prompt starts. */
  readonly end: number;
}

export type PromptSearch = { readonly found: PromptMatch } | { readonly found?: undefined; readonly waitForMore: boolean };

/**
 * The first prompt in `text` that ends the current reply. `nextEcho` is the next command
 * already sent (its echo follows the prompt), or undefined if none was sent.
 */
export function findPrompt(text: string, nextEcho: string | undefined): PromptSearch {
  PROMPT.lastIndex = 0;
  let waitForMore = false;
  for (let match = PROMPT.exec(text); match; match = PROMPT.exec(text)) {
    const lead = match[1] ?? '';
    const end = match.index + match[0].length;
    const after = text.slice(end).replaceAll(RED_MARK, '');
    const found: PromptMatch = { name: match[2] ?? '', replyEnd: match.index + lead.length, end };
    if (after === '') return { found };
    if (nextEcho !== undefined && nextEcho !== '') {
      if (after.startsWith(nextEcho)) return { found };
      if (nextEcho.startsWith(after)) waitForMore = true; // the echo is still arriving
    }
    PROMPT.lastIndex = match.index + 1;
  }
  return { waitForMore };
}

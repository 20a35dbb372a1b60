/**
 * Turns the monitor text of one command (between two prompts) into its output and
 * decides whether Renode reported an error. The text comes from MonitorTextBuffer:
 * ANSI removed, except that each switch to red is kept as RED_MARK.
 */
import { RED_MARK } from './monitor-text.js';

// Lines Renode's monitor prints on failure (Monitor.cs and the platform loader). Used
// when colours are absent; any red text is an error regardless.
const ERROR_LINE =
  /^(There was an error executing command|No such command or device:|No such variable:|Error E\d+:|Bad parameters|Internal error|Parameters did not match|Could not find|Unhandled exception)/m;

export interface MonitorReply {
  /** Output lines joined with `\n`, without the echo, trailing newlines trimmed. */
  readonly output: string;
  /** Renode's error message, when the command failed. */
  readonly error?: string;
}

/**
 * `segment` starts with the echo of `command` (Renode echoes what it reads), then `\n\r`
 * for the Enter, then the output. If the echo is missing or altered by line editing,
 * everything up to the first `\n` is taken as the echo.
 */
export function parseReply(command: string, segment: string): MonitorReply {
  let rest = segment;
  if (command !== '') {
    if (rest.startsWith(command)) {
      rest = rest.slice(command.length);
    } else {
      const newline = rest.indexOf('\n');
      rest = newline < 0 ? '' : rest.slice(newline);
    }
  }
  const red = rest.includes(RED_MARK);
  const text = rest
    .replaceAll(RED_MARK, '')
    .replace(/^\n?\r?/, '') // the Enter's `\n\r`
    .replace(/\r\n|\n\r/g, '\n')
    .replace(/\r/g, '')
    .replace(/\n+$/, '');
  if (red || ERROR_LINE.test(text)) return { output: text, error: text.trim() || 'error (no message)' };
  return { output: text };
}

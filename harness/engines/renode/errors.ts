/** Errors of the Renode engine. Each names what failed: the command, the limit, the field. */

/** Renode answered a monitor command with an error (red output or a known error line). */
export class RenodeCommandError extends Error {
  override readonly name = 'RenodeCommandError';
  constructor(
    readonly command: string,
    /** Renode's own message, ANSI stripped. */
    readonly renodeMessage: string,
  ) {
    super(`Renode rejected '${command}': ${renodeMessage}`);
  }
}

/** No prompt came back for a command within its time limit. */
export class RenodeTimeoutError extends Error {
  override readonly name = 'RenodeTimeoutError';
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
    /** What had arrived for this command so far (ANSI stripped), to show where it hung. */
    readonly partialOutput: string,
  ) {
    super(
      `Renode monitor command '${command}' did not complete within ${timeoutMs} ms` +
        (partialOutput ? ` (output so far: ${JSON.stringify(partialOutput.slice(-200))})` : ''),
    );
  }
}

/** The monitor connection could not be made, or it closed while commands were pending. */
export class RenodeConnectionError extends Error {
  override readonly name = 'RenodeConnectionError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(command === undefined ? message : `${message} (while running '${command}')`);
  }
}

/** Renode's output for a command did not have the expected shape. */
export class RenodeOutputError extends Error {
  override readonly name = 'RenodeOutputError';
  constructor(
    readonly command: string,
    readonly expected: string,
    readonly output: string,
  ) {
    super(`unexpected output of '${command}': expected ${expected}, got ${JSON.stringify(output.slice(0, 200))}`);
  }
}

/** Renode could not be started (not installed, exited early, monitor never came up). */
export class RenodeStartError extends Error {
  override readonly name = 'RenodeStartError';
  constructor(
    message: string,
    /** The last lines Renode printed, if any. */
    readonly output: readonly string[] = [],
  ) {
    super(output.length ? `${message}\n--- Renode output (last lines) ---\n${output.join('\n')}` : message);
  }
}

#!/usr/bin/env node
import { EngineError } from '../engines/errors.js';
import { IcmsgError } from '../wire/errors.js';
import { formatReport, runChecks } from './check/run-checks.js';
import { integer, launchOptionsFrom, LINK_USAGE, parseLinkArgs, UsageError } from './cli-options.js';
import { formatDemo, runDemo } from './demo.js';

const USAGE = `usage: icmsg-harness <command> [options]

commands:
  run      launch the remote, bind, exchange messages, print a summary (the main job)
  check    compatibility suite against a firmware or peer that echoes; exit 0 only if all pass

options:${LINK_USAGE}
  --messages N                messages in the run command's stream (default 2000)
  --timeout MS                per-check timeout for check (default 30000)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const values = parseLinkArgs(rest, { messages: { type: 'string', default: '2000' }, timeout: { type: 'string', default: '30000' } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = launchOptionsFrom(values);
  if (command === 'check') {
    const report = await runChecks(options, integer('timeout', values.timeout as string, 100, 3600000));
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.passed ? 0 : 1;
  }
  if (command === 'run') {
    const summary = await runDemo(options, integer('messages', values.messages as string, 1, 10_000_000));
    process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatDemo(summary)}\n`);
    return summary.stream.intact ? 0 : 1;
  }
  throw new UsageError(`unknown command '${command}'`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`icmsg-harness: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof IcmsgError || error instanceof EngineError) {
      process.stderr.write(`icmsg-harness: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`icmsg-harness: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);

import { launch, type LaunchOptions } from '../../engines/launch.js';
import { CHECKS, type CheckStatus } from './checks.js';

export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly status: CheckStatus;
  readonly pass: boolean;
  readonly durationMs: number;
  readonly detail: string;
}

export interface CheckReport {
  readonly engine: string;
  readonly options: LaunchOptions;
  readonly checks: CheckResult[];
  readonly passed: boolean;
}

/** Launches the peer, runs the suite in order, and always stops the peer. */
export async function runChecks(options: LaunchOptions, timeoutMs = 30000): Promise<CheckReport> {
  const emulation = await launch({ ...options, bind: false });
  const results: CheckResult[] = [];
  try {
    const context = { session: emulation.session, regionSize: emulation.hostTx.size, timeoutMs };
    for (const check of CHECKS) {
      const started = performance.now();
      const bindFailed = results[0] !== undefined && results[0].status !== 'pass';
      let status: CheckStatus;
      let detail: string;
      if (bindFailed) {
        status = 'skip';
        detail = 'not bound';
      } else {
        try {
          ({ status, detail } = await check.run(context));
        } catch (error) {
          status = 'fail';
          detail = error instanceof Error ? error.message : String(error);
        }
      }
      results.push({ name: check.name, description: check.description, status, pass: status !== 'fail', durationMs: Math.round(performance.now() - started), detail });
    }
  } finally {
    await emulation.stop();
  }
  const passed = results.every((result) => result.status !== 'fail') && results[0]?.status === 'pass';
  return { engine: options.engine ?? 'qemu', options, checks: results, passed };
}

export function formatReport(report: CheckReport): string {
  const rows = report.checks.map((check) => [check.name, check.status.toUpperCase(), `${check.durationMs} ms`, check.detail]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length), ['check', 'result', 'time'][column]?.length ?? 0));
  const line = (row: string[]) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ');
  const count = (status: CheckStatus) => report.checks.filter((check) => check.status === status).length;
  return [line(['check', 'result', 'time', 'detail']), ...rows.map(line), '', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`].join('\n');
}

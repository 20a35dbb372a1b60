// The command line as a user runs it: a real process, real exit codes, real engines.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { execa } from 'execa';
import { repositoryRoot } from '../../harness/engines/repository.js';
import { RESOURCE_PREFIX, sharedMemoryDirectory } from '../../harness/transport/run-paths.js';
import { fakeRenodeExecutable } from '../renode/helpers.js';

const cli = join(repositoryRoot(), 'dist/harness/tools/cli.js');
const run = (args: string[]) => execa('node', [cli, ...args], { reject: false, timeout: 60000 });

interface JsonReport {
  passed: boolean;
  checks: Array<{ name: string; status: string; pass: boolean; detail: string }>;
}

describe('icmsg-harness CLI', function () {
  this.timeout(90000);

  it('check --engine native --json: one JSON object, every check passes, exit 0', async () => {
    const result = await run(['check', '--engine', 'native', '--json']);
    expect(result.exitCode, result.stderr).to.equal(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.passed).to.equal(true);
    expect(report.checks.map((c) => [c.name, c.status])).to.deep.equal([
      ['bind', 'pass'],
      ['echo-sizes', 'pass'],
      ['wrap-around', 'pass'],
      ['back-pressure', 'pass'],
      ['ordering-under-load', 'pass'],
      ['close-unbound', 'pass'],
    ]);
  });

  it('check on QEMU prints a table and a summary line, exit 0', async () => {
    const result = await run(['check', '--engine', 'qemu', '--unbound', 'detect', '--remote-unbound', 'disable']);
    expect(result.exitCode, result.stderr + result.stdout).to.equal(0);
    expect(result.stdout).to.match(/^check\s+result\s+time\s+detail/m);
    expect(result.stdout).to.match(/^bind\s+PASS/m);
    // detect fell back to the disable-mode peer: there is no unbound to check
    expect(result.stdout).to.match(/^close-unbound\s+SKIP/m);
    expect(result.stdout).to.match(/5 passed, 0 failed, 1 skipped/);
  });

  it('check of a firmware given by path is treated as foreign: no config block, its own defaults', async () => {
    // Our ELF without its config block behaves like a fixed build of the nRF sample: pbuf, enable, A=8.
    const elf = join(repositoryRoot(), 'firmware-stubs/build/an521/icmsg-echo.elf');
    const result = await run(['check', '--engine', 'qemu', '--firmware', elf, '--json']);
    expect(result.exitCode, result.stderr + result.stdout).to.equal(0);
    expect((JSON.parse(result.stdout) as JsonReport).checks.every((c) => c.status === 'pass')).to.equal(true);
    const mismatched = await run(['check', '--engine', 'qemu', '--firmware', elf, '--unbound', 'disable', '--open-timeout', '1000', '--json']);
    expect(mismatched.exitCode).to.equal(1);
    expect((JSON.parse(mismatched.stdout) as JsonReport).checks[0]?.detail).to.match(/ETIMEDOUT/);
  });

  it('check of the spsc generation (Zephyr 3.2-3.5)', async () => {
    const result = await run(['check', '--engine', 'native', '--wire', 'spsc', '--unbound', 'disable', '--dcache-alignment', '0', '--json']);
    expect(result.exitCode, result.stderr).to.equal(0);
    expect((JSON.parse(result.stdout) as JsonReport).checks.filter((c) => c.status === 'pass')).to.have.length(5);
  });

  it('a pairing that cannot bind fails bind, skips the rest, exit 1', async () => {
    const result = await run(['check', '--engine', 'native', '--unbound', 'enable', '--remote-unbound', 'disable', '--open-timeout', '500', '--json']);
    expect(result.exitCode).to.equal(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.passed).to.equal(false);
    expect(report.checks[0]).to.include({ name: 'bind', status: 'fail', pass: false });
    expect(report.checks[0]?.detail).to.match(/ETIMEDOUT: not bound after 500 ms/);
    expect(report.checks.slice(1).every((c) => c.status === 'skip')).to.equal(true);
  });

  it('check --engine renode runs the same suite (against the fake Renode, the native stub as net core)', async () => {
    const executable = fakeRenodeExecutable();
    try {
      const result = await run(['check', '--engine', 'renode', '--renode', executable.path, '--json']);
      expect(result.exitCode, result.stderr).to.equal(0);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.checks.map((c) => c.status)).to.deep.equal(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    } finally {
      executable.remove();
    }
  });

  it('usage errors name the flag and exit 2', async () => {
    const wire = await run(['check', '--wire', 'pbus']);
    expect(wire.exitCode).to.equal(2);
    expect(wire.stderr).to.match(/--wire must be one of pbuf, spsc, got 'pbus'/);
    const mixed = await run(['check', '--engine', 'native', '--firmware', 'x.elf']);
    expect(mixed.exitCode).to.equal(2);
    expect(mixed.stderr).to.match(/--firmware is for --engine qemu or renode/);
    const number = await run(['run', '--peer-rx-limit', '0']);
    expect(number.exitCode).to.equal(2);
    expect(number.stderr).to.match(/--peer-rx-limit must be an integer from 1 to 65535/);
    const unknown = await run(['check', '--bogus']);
    expect(unknown.exitCode).to.equal(2);
  });

  it('a missing firmware is a clear error, exit 1', async () => {
    const result = await run(['check', '--firmware', '/nonexistent/zephyr.elf']);
    expect(result.exitCode).to.equal(1);
    expect(result.stderr).to.match(/firmware '\/nonexistent\/zephyr.elf' does not exist/);
  });

  it('run prints the summary of the main job', async () => {
    const result = await run(['run', '--engine', 'native', '--messages', '500']);
    expect(result.exitCode, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/stream\s+500 messages, \d+ B echoed in \d+ ms \(\d+ msg\/s\), all intact and in order/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} in the middle of a QEMU run leaves no process, socket or /dev/shm file`, async () => {
      const child = execa('node', [cli, 'run', '--messages', '1000000'], { reject: false });
      // Wait until QEMU is up (its shared-memory file exists), then interrupt.
      const mine = () => `${RESOURCE_PREFIX}${child.pid}-`;
      const leftovers = () => [sharedMemoryDirectory(), tmpdir()].flatMap((dir) => readdirSync(dir).filter((name) => name.startsWith(mine())));
      for (let i = 0; i < 100 && leftovers().length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(leftovers().length, 'QEMU run did not start').to.be.at.least(3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill(signal);
      const result = await child;
      expect(result.signal ?? result.exitCode).to.not.equal(0);
      expect(leftovers()).to.deep.equal([]);
      const qemus = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes('qemu-system-arm') && line.includes(mine()));
      expect(qemus).to.deep.equal([]);
    });
  }
});

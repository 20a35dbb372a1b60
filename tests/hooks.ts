// Root hooks: artifacts for failed engine tests, and the promise that nothing is left behind.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect } from 'chai';
import { pendingCleanups } from '../harness/transport/cleanup-registry.js';
import { RESOURCE_PREFIX, sharedMemoryDirectory } from '../harness/transport/run-paths.js';

function ourLeftovers(): string[] {
  const mine = `${RESOURCE_PREFIX}${process.pid}-`;
  const files = [sharedMemoryDirectory(), tmpdir()].flatMap((dir) => readdirSync(dir).filter((name) => name.startsWith(mine)).map((name) => `${dir}/${name}`));
  let children: string[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /qemu|icmsg|renode/i.test(line));
  } catch {
    // ps exits 1 when there are no children at all.
  }
  return [...files, ...children.map((line) => `process ${line}`)];
}

export const mochaHooks = {
  afterAll(this: Mocha.Context): void {
    // Give exiting children a moment to be reaped before judging.
    const deadline = Date.now() + 3000;
    let left = ourLeftovers();
    while (left.length > 0 && Date.now() < deadline) {
      execFileSync('sleep', ['0.1']);
      left = ourLeftovers();
    }
    expect(left, 'emulator processes, sockets or /dev/shm files left behind').to.deep.equal([]);
    expect(pendingCleanups(), 'cleanup steps still registered').to.equal(0);
  },
};

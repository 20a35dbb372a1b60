import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * Files of the nRF5340 Renode backend, found from this module's place in the repository
 * (harness/engines/renode, compiled to dist/harness/engines/renode).
 */
function repositoryRoot(): string {
  for (const up of ['../../../', '../../../../']) {
    const candidate = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(candidate, 'platforms', 'renode', 'nrf5340.repl'))) return candidate;
  }
  return fileURLToPath(new URL('../../../../', import.meta.url));
}

export interface RenodePlatformFiles {
  readonly repl: string;
  readonly ipcModel: string;
  readonly resc: string;
  /** The stub built by `make -C firmware-stubs nrf5340`. */
  readonly defaultFirmware: string;
}

export function renodePlatformFiles(root = repositoryRoot()): RenodePlatformFiles {
  return {
    repl: join(root, 'platforms', 'renode', 'nrf5340.repl'),
    ipcModel: join(root, 'platforms', 'renode', 'NRF5340_IPC.cs'),
    resc: join(root, 'platforms', 'renode', 'nrf5340.resc'),
    defaultFirmware: join(root, 'firmware-stubs', 'build', 'nrf5340-net', 'icmsg-echo.elf'),
  };
}

/** A path as a monitor argument: `@path`, spaces escaped as Renode's own completion does. */
export function monitorPath(path: string): string {
  return `@${path.replace(/ /g, '\\ ')}`;
}

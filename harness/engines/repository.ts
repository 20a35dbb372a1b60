import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this module (works from harness/ and from dist/harness/). */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'firmware-stubs')) && existsSync(join(dir, 'platforms'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the repository root (firmware-stubs/ and platforms/)');
}

/** Where `make -C firmware-stubs` puts our stub builds. */
export const stubBuilds = {
  an521: () => join(repositoryRoot(), 'firmware-stubs/build/an521/icmsg-echo.elf'),
  native: () => join(repositoryRoot(), 'firmware-stubs/build/native/icmsg-native-peer'),
};

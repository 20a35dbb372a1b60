import type { Platform } from '../platform.js';

export interface QemuCommandOptions {
  readonly platform: Platform;
  readonly firmware: string;
  readonly sharedMemoryPath: string;
  readonly doorbellSocket: string;
  readonly qmpSocket: string;
}

/**
 * The QEMU command line. Order matters for losing nothing: the host already listens on the
 * doorbell socket (QEMU connects as a client at start-up), QMP is a server QEMU creates.
 */
export function qemuArguments(options: QemuCommandOptions): string[] {
  const { platform } = options;
  const machine = platform.qemu?.machine ?? platform.name;
  return [
    '-machine', machine,
    '-nographic',
    '-monitor', 'none',
    '-kernel', options.firmware,
    // The 16 MiB RAM at 0x80000000 becomes our file: the host reaches it with pread/pwrite.
    '-object', `memory-backend-file,id=shm,size=${platform.sharedMemory.size},mem-path=${options.sharedMemoryPath},share=on`,
    '-machine', 'memory-backend=shm',
    '-chardev', `socket,id=db,path=${options.doorbellSocket}`,
    '-serial', 'chardev:db',
    '-qmp', `unix:${options.qmpSocket},server=on,wait=off`,
  ];
}

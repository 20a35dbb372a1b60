/**
 * nRF5340 addresses the harness uses (nRF MDK), and the layout of the shared SRAM agreed
 * with the network-core stub (firmware-stubs/platform/nrf5340-net/cfgblock.h).
 */
export const NRF5340 = {
  /** Application core IPC (secure alias), IRQ 42 on the app core. */
  appIpcBase: 0x5002a000,
  /** Network core IPC, IRQ 18 on the net core. */
  netIpcBase: 0x41012000,
  /** Peripheral names in platforms/renode/nrf5340.repl. */
  appIpcName: 'ipc_app',
  netIpcName: 'ipc_net',
  netCpuName: 'cpu_net',
  appCpuName: 'cpu_app',
  netFlashBase: 0x01000000,
  appSramBase: 0x20000000,
  appSramSize: 0x80000,
  /** The last 64 KiB of app SRAM, reserved for IPC by the nRF icmsg sample. */
  sharedSramBase: 0x20070000,
  sharedSramSize: 0x10000,
} as const;

/** Offsets in an IPC peripheral. */
export const IPC_REG = {
  tasksSend: (n: number) => 0x000 + 4 * n,
  subscribeSend: (n: number) => 0x080 + 4 * n,
  eventsReceive: (n: number) => 0x100 + 4 * n,
  publishReceive: (n: number) => 0x180 + 4 * n,
  inten: 0x300,
  intenset: 0x304,
  intenclr: 0x308,
  intpend: 0x30c,
  sendCnf: (n: number) => 0x510 + 4 * n,
  receiveCnf: (n: number) => 0x590 + 4 * n,
  gpmem: (n: number) => 0x610 + 4 * n,
} as const;

export const IPC_CHANNELS = 16;

/** Where the stub looks for its configuration and control block (absolute addresses). */
export const STUB_LAYOUT = {
  /** Host tx = stub rx, as in the nRF5340 icmsg sample. */
  hostTx: 0x20070000,
  /** Host rx = stub tx. */
  hostRx: 0x20078000,
  regionSize: 0x800,
  configBlock: 0x2007f000,
  controlBlock: 0x2007f100,
} as const;

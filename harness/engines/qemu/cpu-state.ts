/** What `info registers` tells about an M-profile core, enough to recognise a dead firmware. */
export interface CpuState {
  readonly pc: number;
  readonly xpsr: number;
  /** IPSR: the active exception number (0 = thread mode, 3 = HardFault). */
  readonly exception: number;
  readonly raw: string;
}

const EXCEPTION_NAMES: Record<number, string> = { 2: 'NMI', 3: 'HardFault', 4: 'MemManage', 5: 'BusFault', 6: 'UsageFault', 7: 'SecureFault' };
/** An M-profile core in lockup fetches from this address. */
export const LOCKUP_PC = 0xeffffffe;

/** Parses QEMU 7.2's `info registers` for CPU#0 (R15 is the PC, XPSR's low 9 bits the IPSR). */
export function parseCpuState(text: string): CpuState | undefined {
  const pc = /R15=([0-9a-f]{8})/i.exec(text);
  const xpsr = /XPSR=([0-9a-f]{8})/i.exec(text);
  if (!pc?.[1] || !xpsr?.[1]) return undefined;
  const xpsrValue = Number.parseInt(xpsr[1], 16);
  return { pc: Number.parseInt(pc[1], 16), xpsr: xpsrValue, exception: xpsrValue & 0x1ff, raw: text };
}

/** A description when the core is stuck in a fault handler or locked up, else undefined. */
export function describeFault(state: CpuState): string | undefined {
  const pc = `PC=0x${state.pc.toString(16).padStart(8, '0')}`;
  if (state.pc === LOCKUP_PC || (state.pc & ~1) === (LOCKUP_PC & ~1)) return `core is locked up (${pc})`;
  const name = EXCEPTION_NAMES[state.exception];
  if (name) return `core is in its ${name} handler (${pc}, XPSR=0x${state.xpsr.toString(16).padStart(8, '0')})`;
  return undefined;
}

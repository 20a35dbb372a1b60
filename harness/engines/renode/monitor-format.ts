/**
 * Monitor command text and the exact shapes of their outputs (sysbus accessors).
 *   sysbus ReadDoubleWord A      -> `0x%08X`
 *   sysbus ReadBytes A N         -> `[`, lines of `0x01, 0x02, ...`, `]`
 *   sysbus WriteDoubleWord A V   -> nothing
 *   sysbus WriteBytes [0x01, ...] A -> nothing
 */
import { RenodeOutputError } from './errors.js';

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

export const monitorCommand = {
  readDoubleWord: (address: number) => `sysbus ReadDoubleWord ${hex32(address)}`,
  writeDoubleWord: (address: number, value: number) => `sysbus WriteDoubleWord ${hex32(address)} ${hex32(value)}`,
  readBytes: (address: number, count: number) => `sysbus ReadBytes ${hex32(address)} ${count}`,
  writeBytes: (address: number, bytes: Uint8Array) =>
    `sysbus WriteBytes [${Array.from(bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}] ${hex32(address)}`,
} as const;

const DOUBLE_WORD = /^0x([0-9a-fA-F]{1,8})$/;

export function parseDoubleWord(command: string, output: string): number {
  const match = DOUBLE_WORD.exec(output.trim());
  if (!match) throw new RenodeOutputError(command, 'one hexadecimal double word like 0x0000ABCD', output);
  return Number.parseInt(match[1] ?? '', 16) >>> 0;
}

const BYTE = /0x([0-9a-fA-F]{1,2})(?![0-9a-fA-F])/g;

export function parseBytes(command: string, output: string, count: number): Uint8Array {
  const text = output.trim();
  if (count > 0 && !(text.startsWith('[') && text.endsWith(']'))) {
    throw new RenodeOutputError(command, `a [ ... ] list of ${count} bytes`, output);
  }
  const bytes = Array.from(text.matchAll(BYTE), (match) => Number.parseInt(match[1] ?? '', 16));
  if (bytes.length !== count) throw new RenodeOutputError(command, `${count} bytes, got ${bytes.length}`, output);
  return Uint8Array.from(bytes);
}

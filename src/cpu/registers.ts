/**
 * The programmer-visible registers as plain data: what traces, explanations, conditions and saved states
 * read. A Cpu has these fields, so a Cpu fits wherever one of these is asked for.
 */
import { hex, hexWord } from '../shared/hex.js';
import { formatStatus } from './flags.js';

/** A, X, Y, SP, PC and the status byte NV-BDIZC. */
export interface Registers {
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly sp: number;
  readonly pc: number;
  readonly p: number;
}

/** `A=$0A X=$0A Y=$00 SP=$FD P=$26 nv-bdIZc PC=$0607`: the registers on one line, as `moth run` and the debugger say them. */
export function registerLine(registers: Registers): string {
  const { a, x, y, sp, p, pc } = registers;
  return `A=${hex(a)} X=${hex(x)} Y=${hex(y)} SP=${hex(sp)} P=${hex(p)} ${formatStatus(p)} PC=${hexWord(pc)}`;
}

/** The registers and the running cycle total. */
export interface RegistersAndCycles extends Registers {
  readonly cycles: number;
}

/**
 * One nestest-style line per instruction, as `moth run --trace` prints them: the state *before* the
 * instruction runs, so a log can be diffed line by line against another emulator's.
 *
 *   0600  A9 48     LDA #$48                 A:00 X:00 Y:00 P:24 SP:FD nv-bdIzc CYC:7
 *
 * Pure formatting: it reads memory only through the `peek` it is given and never prints.
 */
import type { CpuVariant } from '../cpu/variants.js';
import { formatStatus } from '../cpu/flags.js';
import type { RegistersAndCycles } from '../cpu/registers.js';
import { hexDigits } from '../shared/hex.js';
import { disassembleOne } from '../asm/disassembler.js';

/** The registers a trace line shows (a Cpu has these fields, so a Cpu can be passed as is). */
export type TraceRegisters = RegistersAndCycles;

/** One decoded instruction and the state before it: the fields of a trace line. */
export interface TraceEntry {
  readonly address: number;
  /** The opcode and its operand bytes. */
  readonly bytes: readonly number[];
  /** Disassembly, e.g. `LDA #$48` or `BNE loop`. */
  readonly text: string;
  readonly registers: TraceRegisters;
}

/** Column where the register part starts; wide enough for `STA ($12),Y` and most label operands. */
const REGISTER_COLUMN = 41;

/** `00`…`FF` made once: a trace formats millions of bytes, and this halves the time per line. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, value) => hexDigits(value));

function byteHex(value: number): string {
  return BYTE_HEX[value & 0xff]!;
}

function wordHex(value: number): string {
  return BYTE_HEX[(value >> 8) & 0xff]! + BYTE_HEX[value & 0xff]!;
}

/** The flag letters of every status byte, made once (see flagLetters). */
const FLAG_TEXT: readonly string[] = Array.from({ length: 256 }, (_, p) => formatStatus(p));

/** `NV-BDIZC` with a capital for each set bit; B and bit 5 shown as the register holds them. */
export function flagLetters(p: number): string {
  return FLAG_TEXT[p & 0xff]!;
}

/** Formats one entry as a trace line (no newline). */
export function formatTraceLine(entry: TraceEntry): string {
  const { registers } = entry;
  const bytes = entry.bytes.map(byteHex).join(' ');
  const left = `${wordHex(entry.address)}  ${bytes.padEnd(8)}  ${entry.text}`;
  return `${left.padEnd(REGISTER_COLUMN)} ${registerText(registers)}`;
}

function registerText(registers: TraceRegisters): string {
  return (
    `A:${byteHex(registers.a)} X:${byteHex(registers.x)} Y:${byteHex(registers.y)} ` +
    `P:${byteHex(registers.p)} SP:${byteHex(registers.sp)} ${flagLetters(registers.p)} CYC:${registers.cycles}`
  );
}

/** Decodes the instruction at the registers' PC and formats its line. `symbols` turns addresses into labels. */
export function traceLine(
  peek: (address: number) => number,
  registers: TraceRegisters,
  symbols?: ReadonlyMap<number, string>,
  variant: CpuVariant = '6502',
): string {
  const instruction = disassembleOne(peek, registers.pc, symbols, variant);
  return formatTraceLine({ address: registers.pc, bytes: instruction.bytes, text: instruction.text, registers });
}

/** The line for an interrupt entry, which has no instruction of its own. */
export function formatInterruptLine(kind: 'IRQ' | 'NMI', registers: TraceRegisters): string {
  const left = `----  ${kind} taken: PC and P pushed, jump to ${wordHex(registers.pc)}`;
  return `${left.padEnd(REGISTER_COLUMN)} ${registerText(registers)}`;
}

/** The line a trace starts with, naming its columns (a `;` line, like every line of a trace that is not an instruction). */
export const TRACE_HEADER = `${'; PC   BYTES     INSTRUCTION'.padEnd(REGISTER_COLUMN)} REGISTERS AND FLAGS BEFORE IT       CYC: cycles since reset (7 = the reset sequence)`;

/** The registers once the run has stopped, aligned with the lines above, so the last CYC is the run's total. */
export function formatEndLine(registers: TraceRegisters): string {
  return `${'; end'.padEnd(REGISTER_COLUMN)} ${registerText(registers)}`;
}

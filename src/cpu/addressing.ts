/**
 * Addressing modes: each function reads the operand bytes after the opcode and returns the effective
 * address the instruction will use. The `...Read` variants are for instructions that only read: when the
 * index carries into the high byte the chip needs one extra cycle to fix the address, and only reads pay it
 * (writes and read-modify-writes always take the fixed-up path, so their table cycles already include it).
 */
import type { Cpu } from './cpu.js';
import { read } from './memory.js';

/** The next byte of the instruction stream (operands live in plain RAM, so no bus call). */
export function fetchByte(cpu: Cpu): number {
  const pc = cpu.pc;
  cpu.pc = (pc + 1) & 0xffff;
  return cpu.memory[pc]!;
}

/** The next two bytes as a little-endian word. */
export function fetchWord(cpu: Cpu): number {
  const pc = cpu.pc;
  cpu.pc = (pc + 2) & 0xffff;
  return cpu.memory[pc]! | (cpu.memory[(pc + 1) & 0xffff]! << 8);
}

/** `LDA $10`: one byte, page 0. */
export function zeroPage(cpu: Cpu): number {
  return fetchByte(cpu);
}

/** `LDA $10,X`: the sum wraps inside page 0 ($FF + 1 is $00, not $0100). */
export function zeroPageX(cpu: Cpu): number {
  return (fetchByte(cpu) + cpu.x) & 0xff;
}

/** `LDX $10,Y`: as zeroPageX, with Y. */
export function zeroPageY(cpu: Cpu): number {
  return (fetchByte(cpu) + cpu.y) & 0xff;
}

/** `LDA $1234`. */
export function absolute(cpu: Cpu): number {
  return fetchWord(cpu);
}

/** `STA $1234,X` (writes and read-modify-writes: no page penalty beyond the table's cycles). */
export function absoluteX(cpu: Cpu): number {
  return (fetchWord(cpu) + cpu.x) & 0xffff;
}

/** `STA $1234,Y`. */
export function absoluteY(cpu: Cpu): number {
  return (fetchWord(cpu) + cpu.y) & 0xffff;
}

/** `LDA $1234,X`: one more cycle when the index crosses into the next page. */
export function absoluteXRead(cpu: Cpu): number {
  const base = fetchWord(cpu);
  const address = (base + cpu.x) & 0xffff;
  if ((base ^ address) & 0xff00) cpu.cycles += 1;
  return address;
}

/** `LDA $1234,Y`: one more cycle when the index crosses into the next page. */
export function absoluteYRead(cpu: Cpu): number {
  const base = fetchWord(cpu);
  const address = (base + cpu.y) & 0xffff;
  if ((base ^ address) & 0xff00) cpu.cycles += 1;
  return address;
}

/** Reads a pointer from page 0; its high byte comes from the next zero-page byte, wrapping $FF to $00. */
export function zeroPagePointer(cpu: Cpu, at: number): number {
  return read(cpu, at) | (read(cpu, (at + 1) & 0xff) << 8);
}

/** `LDA ($10,X)`: X is added to the zero-page address of the pointer (wrapping in page 0). */
export function indexedIndirectX(cpu: Cpu): number {
  return zeroPagePointer(cpu, (fetchByte(cpu) + cpu.x) & 0xff);
}

/** `STA ($10),Y`: Y is added to the pointer (writes and read-modify-writes). */
export function indirectIndexedY(cpu: Cpu): number {
  return (zeroPagePointer(cpu, fetchByte(cpu)) + cpu.y) & 0xffff;
}

/** `LDA ($10),Y`: one more cycle when adding Y crosses into the next page. */
export function indirectIndexedYRead(cpu: Cpu): number {
  const base = zeroPagePointer(cpu, fetchByte(cpu));
  const address = (base + cpu.y) & 0xffff;
  if ((base ^ address) & 0xff00) cpu.cycles += 1;
  return address;
}

/**
 * `JMP ($1234)`: the target is read from memory. NMOS quirk: the chip increments only the low byte of the
 * pointer, so `JMP ($10FF)` takes its low byte from $10FF and its high byte from $1000, not $1100. The
 * 65C02 fixed it (and spends a cycle on the carry: the table says 6).
 */
export function indirect(cpu: Cpu): number {
  const pointer = fetchWord(cpu);
  const highByteAt = cpu.cmos ? (pointer + 1) & 0xffff : (pointer & 0xff00) | ((pointer + 1) & 0x00ff);
  return read(cpu, pointer) | (read(cpu, highByteAt) << 8);
}

/** 65C02 `LDA ($10)`: the pointer in page 0, no index. */
export function zeroPageIndirect(cpu: Cpu): number {
  return zeroPagePointer(cpu, fetchByte(cpu));
}

/** 65C02 `JMP ($1234,X)`: X is added to the pointer's address, and the target is read from there. */
export function absoluteIndexedIndirect(cpu: Cpu): number {
  const pointer = (fetchWord(cpu) + cpu.x) & 0xffff;
  return read(cpu, pointer) | (read(cpu, (pointer + 1) & 0xffff) << 8);
}

/**
 * A taken branch: the offset byte is signed and counts from the next instruction. Taking it costs one
 * cycle, and one more when the target lies in another page (the chip fixes the high byte separately).
 * Returns true when the branch went to itself (offset -2), the "trap" test programs end in.
 */
export function branchTo(cpu: Cpu, offset: number): boolean {
  const from = cpu.pc;
  const target = (from + ((offset ^ 0x80) - 0x80)) & 0xffff;
  cpu.cycles += (from ^ target) & 0xff00 ? 2 : 1;
  cpu.pc = target;
  return offset === 0xfe;
}

/**
 * The NMOS chip's undocumented opcodes: the read-modify-write combinations of two documented steps (SLO = ASL
 * then ORA, ...), the immediate ALU combinations, the loads and stores of A and X together, and the NOPs of
 * every length. Facts from the public NMOS references ("No More Secrets", 64doc), checked against the
 * single-step test vectors. The "unstable" ones (ANE, LXA, SHA, SHX, SHY, TAS) depend on the individual chip;
 * we model them as the test vectors do: magic constant $EE, and the high-byte AND with the page-crossing
 * address glitch of real hardware.
 */
import type { Cpu, StopReason } from './cpu.js';
import {
  absolute,
  absoluteX,
  absoluteXRead,
  absoluteY,
  absoluteYRead,
  fetchByte,
  fetchWord,
  indexedIndirectX,
  indirectIndexedY,
  indirectIndexedYRead,
  zeroPage,
  zeroPagePointer,
  zeroPageX,
  zeroPageY,
} from './addressing.js';
import { addWithCarry, compare, shiftRight, subtractWithBorrow } from './alu.js';
import { setZN } from './flags.js';
import { read, write, writeUnchanged } from './memory.js';
import { rotateLeftMemory, rotateRightMemory, shiftLeftMemory, shiftRightMemory } from './read-modify-write.js';

const CARRY = 0x01;
const ZERO = 0x02;
const DECIMAL = 0x08;
const OVERFLOW = 0x40;
const NEGATIVE = 0x80;

/** What the unstable ANE and LXA OR into A first; chips differ, the test vectors agree on $EE. */
export const MAGIC_CONSTANT = 0xee;

/** ANC #: AND, then C copies N (as if the result had been shifted left). */
export function andCopyCarry(cpu: Cpu, value: number): void {
  const result = setZN(cpu, cpu.a & value);
  cpu.p = (cpu.p & ~CARRY) | (result >>> 7);
  cpu.a = result;
}

/** ALR #: AND, then LSR A. */
export function andShiftRight(cpu: Cpu, value: number): void {
  cpu.a = shiftRight(cpu, cpu.a & value);
}

/**
 * ARR #: AND, then ROR A, with flags from the adder that also runs: C is bit 6 of the result and V is
 * bit 6 XOR bit 5. In decimal mode the chip also applies a BCD fix-up to each digit of the AND result.
 */
export function andRotateRight(cpu: Cpu, value: number): void {
  const anded = cpu.a & value;
  const carryIn = cpu.p & CARRY;
  let result = (anded >>> 1) | (carryIn << 7);
  if ((cpu.p & DECIMAL) === 0 || !cpu.decimalMode) {
    cpu.p =
      (cpu.p & ~(NEGATIVE | OVERFLOW | ZERO | CARRY)) |
      (result & NEGATIVE) |
      (result === 0 ? ZERO : 0) |
      ((result >>> 6) & 1) |
      (((result >>> 6) ^ (result >>> 5)) & 1 ? OVERFLOW : 0);
    cpu.a = result;
    return;
  }
  let flags =
    (cpu.p & ~(NEGATIVE | OVERFLOW | ZERO | CARRY)) |
    (result & NEGATIVE) |
    (result === 0 ? ZERO : 0) |
    ((result ^ anded) & 0x40 ? OVERFLOW : 0);
  if ((anded & 0x0f) + (anded & 0x01) > 0x05) result = (result & 0xf0) | ((result + 0x06) & 0x0f);
  if ((anded & 0xf0) + (anded & 0x10) > 0x50) {
    result = (result + 0x60) & 0xff;
    flags |= CARRY;
  }
  cpu.p = flags;
  cpu.a = result;
}

/** SBX # (also AXS): X = (A AND X) - operand, flags as CMP (no borrow in, D ignored). */
export function subtractFromAndX(cpu: Cpu, value: number): void {
  const anded = cpu.a & cpu.x;
  compare(cpu, anded, value);
  cpu.x = (anded - value) & 0xff;
}

/** ANE # (also XAA), unstable: A = (A OR magic) AND X AND operand. */
export function andXImmediate(cpu: Cpu, value: number): void {
  cpu.a = setZN(cpu, (cpu.a | MAGIC_CONSTANT) & cpu.x & value);
}

/** LXA # (also LAX #), unstable: A = X = (A OR magic) AND operand. */
export function loadAandXImmediate(cpu: Cpu, value: number): void {
  cpu.a = cpu.x = setZN(cpu, (cpu.a | MAGIC_CONSTANT) & value);
}

/** LAS abs,Y: A = X = SP = memory AND SP. */
export function loadAndStackPointer(cpu: Cpu, value: number): void {
  cpu.a = cpu.x = cpu.sp = setZN(cpu, value & cpu.sp);
}

/**
 * SHA, SHX, SHY, TAS: store `register AND (high byte of the base address + 1)`. When the index carries
 * into the next page the chip also puts that value on the high address lines, so the write lands at
 * (value << 8) | low byte. (The sampled test vectors predate the fix that models this; see docs/cpu.md.)
 */
export function storeAndHighByte(cpu: Cpu, base: number, index: number, register: number): void {
  const value = register & (((base >>> 8) + 1) & 0xff);
  let address = (base + index) & 0xffff;
  if ((base ^ address) & 0xff00) address = (address & 0xff) | (value << 8);
  write(cpu, address, value);
}

// Undocumented read-modify-write combinations: the RMW step, then an ALU step on its result.
function slo(cpu: Cpu, address: number): void {
  cpu.a = setZN(cpu, cpu.a | shiftLeftMemory(cpu, address)); // ASL then ORA
}
function rla(cpu: Cpu, address: number): void {
  cpu.a = setZN(cpu, cpu.a & rotateLeftMemory(cpu, address)); // ROL then AND
}
function sre(cpu: Cpu, address: number): void {
  cpu.a = setZN(cpu, cpu.a ^ shiftRightMemory(cpu, address)); // LSR then EOR
}
function rra(cpu: Cpu, address: number): void {
  addWithCarry(cpu, rotateRightMemory(cpu, address)); // ROR then ADC (with the carry ROR left)
}
function dcp(cpu: Cpu, address: number): void {
  const value = read(cpu, address); // DEC then CMP
  writeUnchanged(cpu, address, value);
  const result = (value - 1) & 0xff;
  write(cpu, address, result);
  compare(cpu, cpu.a, result);
}
function isc(cpu: Cpu, address: number): void {
  const value = read(cpu, address); // INC then SBC
  writeUnchanged(cpu, address, value);
  const result = (value + 1) & 0xff;
  write(cpu, address, result);
  subtractWithBorrow(cpu, result);
}
function lax(cpu: Cpu, value: number): void {
  cpu.a = cpu.x = setZN(cpu, value);
}

/**
 * Runs one undocumented opcode whose opcode byte has been fetched and base cycles counted (execute.ts sends
 * every opcode its own switch does not know here, on the NMOS chip and the 2A03). Returns 'jam' for JAM.
 */
export function executeUndocumented(cpu: Cpu, opcode: number): StopReason | undefined {
  switch (opcode) {
    case 0x07: slo(cpu, zeroPage(cpu)); break; //                                     SLO zp
    case 0x17: slo(cpu, zeroPageX(cpu)); break; //                                    SLO zp,X
    case 0x0f: slo(cpu, absolute(cpu)); break; //                                     SLO abs
    case 0x1f: slo(cpu, absoluteX(cpu)); break; //                                    SLO abs,X
    case 0x1b: slo(cpu, absoluteY(cpu)); break; //                                    SLO abs,Y
    case 0x03: slo(cpu, indexedIndirectX(cpu)); break; //                             SLO (zp,X)
    case 0x13: slo(cpu, indirectIndexedY(cpu)); break; //                             SLO (zp),Y
    case 0x27: rla(cpu, zeroPage(cpu)); break; //                                     RLA zp
    case 0x37: rla(cpu, zeroPageX(cpu)); break; //                                    RLA zp,X
    case 0x2f: rla(cpu, absolute(cpu)); break; //                                     RLA abs
    case 0x3f: rla(cpu, absoluteX(cpu)); break; //                                    RLA abs,X
    case 0x3b: rla(cpu, absoluteY(cpu)); break; //                                    RLA abs,Y
    case 0x23: rla(cpu, indexedIndirectX(cpu)); break; //                             RLA (zp,X)
    case 0x33: rla(cpu, indirectIndexedY(cpu)); break; //                             RLA (zp),Y
    case 0x47: sre(cpu, zeroPage(cpu)); break; //                                     SRE zp
    case 0x57: sre(cpu, zeroPageX(cpu)); break; //                                    SRE zp,X
    case 0x4f: sre(cpu, absolute(cpu)); break; //                                     SRE abs
    case 0x5f: sre(cpu, absoluteX(cpu)); break; //                                    SRE abs,X
    case 0x5b: sre(cpu, absoluteY(cpu)); break; //                                    SRE abs,Y
    case 0x43: sre(cpu, indexedIndirectX(cpu)); break; //                             SRE (zp,X)
    case 0x53: sre(cpu, indirectIndexedY(cpu)); break; //                             SRE (zp),Y
    case 0x67: rra(cpu, zeroPage(cpu)); break; //                                     RRA zp
    case 0x77: rra(cpu, zeroPageX(cpu)); break; //                                    RRA zp,X
    case 0x6f: rra(cpu, absolute(cpu)); break; //                                     RRA abs
    case 0x7f: rra(cpu, absoluteX(cpu)); break; //                                    RRA abs,X
    case 0x7b: rra(cpu, absoluteY(cpu)); break; //                                    RRA abs,Y
    case 0x63: rra(cpu, indexedIndirectX(cpu)); break; //                             RRA (zp,X)
    case 0x73: rra(cpu, indirectIndexedY(cpu)); break; //                             RRA (zp),Y
    case 0xc7: dcp(cpu, zeroPage(cpu)); break; //                                     DCP zp
    case 0xd7: dcp(cpu, zeroPageX(cpu)); break; //                                    DCP zp,X
    case 0xcf: dcp(cpu, absolute(cpu)); break; //                                     DCP abs
    case 0xdf: dcp(cpu, absoluteX(cpu)); break; //                                    DCP abs,X
    case 0xdb: dcp(cpu, absoluteY(cpu)); break; //                                    DCP abs,Y
    case 0xc3: dcp(cpu, indexedIndirectX(cpu)); break; //                             DCP (zp,X)
    case 0xd3: dcp(cpu, indirectIndexedY(cpu)); break; //                             DCP (zp),Y
    case 0xe7: isc(cpu, zeroPage(cpu)); break; //                                     ISC zp
    case 0xf7: isc(cpu, zeroPageX(cpu)); break; //                                    ISC zp,X
    case 0xef: isc(cpu, absolute(cpu)); break; //                                     ISC abs
    case 0xff: isc(cpu, absoluteX(cpu)); break; //                                    ISC abs,X
    case 0xfb: isc(cpu, absoluteY(cpu)); break; //                                    ISC abs,Y
    case 0xe3: isc(cpu, indexedIndirectX(cpu)); break; //                             ISC (zp,X)
    case 0xf3: isc(cpu, indirectIndexedY(cpu)); break; //                             ISC (zp),Y
    case 0xa7: lax(cpu, read(cpu, zeroPage(cpu))); break; //                          LAX zp
    case 0xb7: lax(cpu, read(cpu, zeroPageY(cpu))); break; //                         LAX zp,Y
    case 0xaf: lax(cpu, read(cpu, absolute(cpu))); break; //                          LAX abs
    case 0xbf: lax(cpu, read(cpu, absoluteYRead(cpu))); break; //                     LAX abs,Y
    case 0xa3: lax(cpu, read(cpu, indexedIndirectX(cpu))); break; //                  LAX (zp,X)
    case 0xb3: lax(cpu, read(cpu, indirectIndexedYRead(cpu))); break; //              LAX (zp),Y
    case 0x87: write(cpu, zeroPage(cpu), cpu.a & cpu.x); break; //                    SAX zp
    case 0x97: write(cpu, zeroPageY(cpu), cpu.a & cpu.x); break; //                   SAX zp,Y
    case 0x8f: write(cpu, absolute(cpu), cpu.a & cpu.x); break; //                    SAX abs
    case 0x83: write(cpu, indexedIndirectX(cpu), cpu.a & cpu.x); break; //            SAX (zp,X)
    case 0x0b: case 0x2b: andCopyCarry(cpu, fetchByte(cpu)); break; //                ANC #
    case 0x4b: andShiftRight(cpu, fetchByte(cpu)); break; //                          ALR #
    case 0x6b: andRotateRight(cpu, fetchByte(cpu)); break; //                         ARR #
    case 0xcb: subtractFromAndX(cpu, fetchByte(cpu)); break; //                       SBX #
    case 0xeb: subtractWithBorrow(cpu, fetchByte(cpu)); break; //                     SBC # (the twin of $E9)
    case 0xbb: loadAndStackPointer(cpu, read(cpu, absoluteYRead(cpu))); break; //     LAS abs,Y
    case 0x8b: andXImmediate(cpu, fetchByte(cpu)); break; //                          ANE # (unstable)
    case 0xab: loadAandXImmediate(cpu, fetchByte(cpu)); break; //                     LXA # (unstable)
    case 0x93: { //                                                                   SHA (zp),Y (unstable)
      const base = zeroPagePointer(cpu, fetchByte(cpu));
      storeAndHighByte(cpu, base, cpu.y, cpu.a & cpu.x);
      break;
    }
    case 0x9f: storeAndHighByte(cpu, fetchWord(cpu), cpu.y, cpu.a & cpu.x); break; // SHA abs,Y (unstable)
    case 0x9e: storeAndHighByte(cpu, fetchWord(cpu), cpu.y, cpu.x); break; //         SHX abs,Y (unstable)
    case 0x9c: storeAndHighByte(cpu, fetchWord(cpu), cpu.x, cpu.y); break; //         SHY abs,X (unstable)
    case 0x9b: { //                                                                   TAS abs,Y (unstable)
      cpu.sp = cpu.a & cpu.x;
      storeAndHighByte(cpu, fetchWord(cpu), cpu.y, cpu.sp);
      break;
    }
    // NOPs of one, two and three bytes; the ones with an address still read it (a device could notice)
    case 0x1a: case 0x3a: case 0x5a: case 0x7a: case 0xda: case 0xfa: break; //       NOP
    case 0x80: case 0x82: case 0x89: case 0xc2: case 0xe2: fetchByte(cpu); break; //  NOP #
    case 0x04: case 0x44: case 0x64: read(cpu, zeroPage(cpu)); break; //              NOP zp
    case 0x14: case 0x34: case 0x54: case 0x74: case 0xd4: case 0xf4: read(cpu, zeroPageX(cpu)); break; // NOP zp,X
    case 0x0c: read(cpu, absolute(cpu)); break; //                                    NOP abs
    case 0x1c: case 0x3c: case 0x5c: case 0x7c: case 0xdc: case 0xfc: read(cpu, absoluteXRead(cpu)); break; // NOP abs,X
    // JAM: the chip locks up until RESET. We leave PC on the JAM opcode, as the single-step vectors do.
    case 0x02: case 0x12: case 0x22: case 0x32: case 0x42: case 0x52:
    case 0x62: case 0x72: case 0x92: case 0xb2: case 0xd2: case 0xf2:
      cpu.jammed = true;
      cpu.pc = cpu.instructionStart;
      return 'jam';
  }
  return undefined;
}

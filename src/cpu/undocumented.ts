/**
 * The NMOS chip's undocumented opcodes that are more than "two documented steps in one" (those, like
 * SLO = ASL then ORA, are written out in execute.ts). Facts from the public NMOS references ("No More
 * Secrets", 64doc) and checked against the single-step test vectors. The "unstable" ones (ANE, LXA, SHA,
 * SHX, SHY, TAS) depend on the individual chip; we model them as the test vectors do: magic constant $EE,
 * and the high-byte AND with the page-crossing address glitch of real hardware.
 */
import type { Cpu } from './cpu.js';
import { compare, shiftRight } from './alu.js';
import { setZN } from './flags.js';
import { write } from './memory.js';

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
  if ((cpu.p & DECIMAL) === 0) {
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

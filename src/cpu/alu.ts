/**
 * The arithmetic and logic unit: add and subtract (binary and decimal), compare, shifts, rotates and BIT.
 * Each function takes the operand, updates A and P as the chip does, and returns the result where there is
 * one. Decimal mode follows each chip exactly, invalid BCD digits included: the algorithms in Bruce Clark's
 * 6502.org "Decimal Mode" tutorial, appendix A (the 65C02 differs in its flags, one more cycle, and SBC's
 * adjustment). The 2A03 has no decimal mode: D is ignored.
 */
import type { Cpu } from './cpu.js';
import { setZN } from './flags.js';

// Module-local copies of the flag masks (see flags.ts): V8 folds these, not imported bindings.
const CARRY = 0x01;
const ZERO = 0x02;
const DECIMAL = 0x08;
const OVERFLOW = 0x40;
const NEGATIVE = 0x80;

/** ADC: A + operand + C. In decimal mode each nibble is a digit 0–9. */
export function addWithCarry(cpu: Cpu, value: number): void {
  if (cpu.p & DECIMAL && cpu.decimalMode) {
    addDecimal(cpu, value);
    return;
  }
  const a = cpu.a;
  const sum = a + value + (cpu.p & CARRY);
  const result = sum & 0xff;
  // Overflow: both inputs had the same sign and the result has the other one.
  const overflow = ~(a ^ value) & (a ^ result) & 0x80;
  cpu.p =
    (cpu.p & ~(NEGATIVE | OVERFLOW | ZERO | CARRY)) |
    (result & NEGATIVE) |
    (overflow ? OVERFLOW : 0) |
    (result === 0 ? ZERO : 0) |
    (sum > 0xff ? CARRY : 0);
  cpu.a = result;
}

/** SBC: A - operand - (1 - C). In binary this is ADC of the operand's complement. */
export function subtractWithBorrow(cpu: Cpu, value: number): void {
  if (cpu.p & DECIMAL && cpu.decimalMode) {
    subtractDecimal(cpu, value);
    return;
  }
  addWithCarry(cpu, value ^ 0xff);
}

/**
 * Decimal ADC. A and C are the BCD sum. On the NMOS chip Z comes from the binary sum (the chip computes it
 * before the decimal fix-up), and N and V from the sum after only the low digit was adjusted; the 65C02 takes
 * one more cycle to set N and Z from the result (V stays the NMOS one).
 */
export function addDecimal(cpu: Cpu, value: number): void {
  const a = cpu.a;
  const carryIn = cpu.p & CARRY;
  let low = (a & 0x0f) + (value & 0x0f) + carryIn;
  if (low >= 0x0a) low = ((low + 0x06) & 0x0f) + 0x10;
  let sum = (a & 0xf0) + (value & 0xf0) + low;
  const negative = sum & 0x80;
  const overflow = ~(a ^ value) & (a ^ sum) & 0x80;
  if (sum >= 0xa0) sum += 0x60;
  const binary = (a + value + carryIn) & 0xff;
  cpu.p =
    (cpu.p & ~(NEGATIVE | OVERFLOW | ZERO | CARRY)) |
    negative |
    (overflow ? OVERFLOW : 0) |
    (binary === 0 ? ZERO : 0) |
    (sum >= 0x100 ? CARRY : 0);
  cpu.a = sum & 0xff;
  if (cpu.cmos) decimalResultFlags(cpu);
}

/** The 65C02's extra decimal cycle: N and Z describe the BCD result. */
function decimalResultFlags(cpu: Cpu): void {
  cpu.cycles += 1;
  cpu.p = (cpu.p & ~(NEGATIVE | ZERO)) | (cpu.a & NEGATIVE) | (cpu.a === 0 ? ZERO : 0);
}

/**
 * Decimal SBC: A gets the BCD difference; on the NMOS chip every flag is the binary SBC's flag. The 65C02
 * adjusts the whole binary difference rather than digit by digit, and sets N and Z from the result (one more
 * cycle). (The low digit's adjustment never borrowing is from the single-step vectors: it shows only for
 * invalid BCD.)
 */
export function subtractDecimal(cpu: Cpu, value: number): void {
  const a = cpu.a;
  const borrow = 1 - (cpu.p & CARRY);
  let low = (a & 0x0f) - (value & 0x0f) - borrow;
  let difference: number;
  if (cpu.cmos) {
    difference = a - value - borrow;
    if (difference < 0) difference -= 0x60;
    if (low < 0) difference = (difference & ~0x0f) | ((difference - 0x06) & 0x0f); // the 6 never borrows from the high digit
  } else {
    if (low < 0) low = ((low - 0x06) & 0x0f) - 0x10;
    difference = (a & 0xf0) - (value & 0xf0) + low;
    if (difference < 0) difference -= 0x60;
  }
  // Flags as in binary mode.
  const binary = a - value - borrow;
  const result = binary & 0xff;
  const overflow = (a ^ value) & (a ^ result) & 0x80;
  cpu.p =
    (cpu.p & ~(NEGATIVE | OVERFLOW | ZERO | CARRY)) |
    (result & NEGATIVE) |
    (overflow ? OVERFLOW : 0) |
    (result === 0 ? ZERO : 0) |
    (binary >= 0 ? CARRY : 0);
  cpu.a = difference & 0xff;
  if (cpu.cmos) decimalResultFlags(cpu);
}

/** CMP, CPX, CPY: register - operand, keeping only the flags. C set means register >= operand. */
export function compare(cpu: Cpu, register: number, value: number): void {
  const difference = register - value;
  cpu.p =
    (cpu.p & ~(NEGATIVE | ZERO | CARRY)) |
    (difference & NEGATIVE) |
    (difference === 0 ? ZERO : 0) |
    (difference >= 0 ? CARRY : 0);
}

/** ASL: bit 7 goes to C, a 0 comes in at bit 0. */
export function shiftLeft(cpu: Cpu, value: number): number {
  cpu.p = (cpu.p & ~CARRY) | (value >>> 7);
  return setZN(cpu, (value << 1) & 0xff);
}

/** LSR: bit 0 goes to C, a 0 comes in at bit 7 (so N always ends clear). */
export function shiftRight(cpu: Cpu, value: number): number {
  cpu.p = (cpu.p & ~CARRY) | (value & 1);
  return setZN(cpu, value >>> 1);
}

/** ROL: the old C comes in at bit 0, bit 7 goes to C. */
export function rotateLeft(cpu: Cpu, value: number): number {
  const carryIn = cpu.p & CARRY;
  cpu.p = (cpu.p & ~CARRY) | (value >>> 7);
  return setZN(cpu, ((value << 1) | carryIn) & 0xff);
}

/** ROR: the old C comes in at bit 7, bit 0 goes to C. */
export function rotateRight(cpu: Cpu, value: number): number {
  const carryIn = cpu.p & CARRY;
  cpu.p = (cpu.p & ~CARRY) | (value & 1);
  return setZN(cpu, (value >>> 1) | (carryIn << 7));
}

/** BIT: Z from A AND operand; N and V copied straight from bits 7 and 6 of the operand. */
export function bitTest(cpu: Cpu, value: number): void {
  cpu.p =
    (cpu.p & ~(NEGATIVE | OVERFLOW | ZERO)) | (value & (NEGATIVE | OVERFLOW)) | ((cpu.a & value) === 0 ? ZERO : 0);
}

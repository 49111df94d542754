/**
 * The status register P, bit by bit, and the rule for the two bits that exist only on the stack.
 *
 *   bit  7 6 5 4 3 2 1 0
 *        N V - B D I Z C
 *
 * Inside the chip there is no storage for bits 5 and 4. Bit 5 always reads as 1. "B" is not a flag at all:
 * it is how a pushed copy of P tells the handler whether BRK/PHP (B = 1) or a hardware IRQ/NMI (B = 0)
 * pushed it. So `cpu.p` keeps bit 5 = 1 and B = 0, and only the copies written to the stack differ.
 */
import type { Cpu } from './cpu.js';

/** One mask per bit of P. */
export const Flag = {
  Carry: 0x01,
  Zero: 0x02,
  InterruptDisable: 0x04,
  Decimal: 0x08,
  Break: 0x10,
  Unused: 0x20,
  Overflow: 0x40,
  Negative: 0x80,
} as const;

// Module-local copies: V8 folds a local const, but re-reads an imported binding on every use.
const ZERO = 0x02;
const BREAK = 0x10;
const UNUSED = 0x20;
const NEGATIVE = 0x80;

/** Sets N from bit 7 and Z from "is zero", leaves the rest of P alone, and hands the value back. */
export function setZN(cpu: Cpu, value: number): number {
  cpu.p = (cpu.p & ~(NEGATIVE | ZERO)) | (value & NEGATIVE) | (value === 0 ? ZERO : 0);
  return value;
}

/** The byte PHP and BRK push: B = 1 says "software put me here". */
export function statusPushedBySoftware(p: number): number {
  return p | BREAK | UNUSED;
}

/** The byte IRQ and NMI push: B = 0 says "hardware interrupted you". */
export function statusPushedByHardware(p: number): number {
  return (p | UNUSED) & ~BREAK;
}

/** What PLP and RTI put back in the register from a stack byte: bit 5 reads 1 and B does not exist. */
export function statusFromStack(byte: number): number {
  return (byte | UNUSED) & ~BREAK & 0xff;
}

/** The letter of each named bit of P, as 6502 books print them (bit 5 has no name). */
export type FlagLetter = 'N' | 'V' | 'B' | 'D' | 'I' | 'Z' | 'C';

/** One mask per flag letter: what conditions, explanations and faces test a flag by. */
export const FLAG_MASK: Readonly<Record<FlagLetter, number>> = {
  N: Flag.Negative,
  V: Flag.Overflow,
  B: Flag.Break,
  D: Flag.Decimal,
  I: Flag.InterruptDisable,
  Z: Flag.Zero,
  C: Flag.Carry,
};

/** The six flags the register itself holds (B exists only in pushed copies), as a program can set them. */
export const REGISTER_FLAGS: readonly FlagLetter[] = ['N', 'V', 'D', 'I', 'Z', 'C'];

/** Bit 7 to bit 0; '-' is bit 5. */
const STATUS_LETTERS = 'NV-BDIZC';

/** P as text, a capital for each set bit: `$24` → `nv-bdIzc` (B is lower-case unless a pushed copy is given). */
export function formatStatus(p: number): string {
  let text = '';
  for (let bit = 7; bit >= 0; bit--) {
    const name = STATUS_LETTERS[7 - bit]!;
    if (name === '-') text += '-';
    else text += (p >> bit) & 1 ? name : name.toLowerCase();
  }
  return text;
}

// NMOS quirks, each with its own test: the JMP ($xxFF) page wrap and the wrap-arounds of page 0 and page 1.
import { describe, expect, it } from 'vitest';
import { stepOnce } from './harness.js';

describe('JMP ($xxFF) page-wrap bug', () => {
  it('takes the high byte of the target from $xx00, not from the next page', () => {
    // JMP ($10FF): low byte at $10FF, high byte read from $1000 (the chip does not carry into the high byte).
    const memory = { 0x10ff: 0x34, 0x1000: 0x12, 0x1100: 0x56 };
    const { cycles, changes } = stepOnce([0x6c, 0xff, 0x10], { memory });
    expect(cycles).toBe(5);
    expect(changes).toEqual({ pc: 0x1234 }); // not $5634
  });

  it('a pointer that does not end a page reads two consecutive bytes', () => {
    const memory = { 0x10fe: 0x34, 0x10ff: 0x12 };
    expect(stepOnce([0x6c, 0xfe, 0x10], { memory }).changes).toEqual({ pc: 0x1234 }); // JMP ($10FE)
  });
});

describe('zero page stays in zero page', () => {
  it('(zp,X): the pointer address wraps, and so does its second byte at $FF', () => {
    // LDA ($FE,X) with X = 1: pointer at $FF (low) and $00 (high).
    const memory = { 0xff: 0x00, 0x00: 0x30, 0x0100: 0x99, 0x3000: 0x42 };
    expect(stepOnce([0xa1, 0xfe], { x: 0x01, memory }).changes).toEqual({ a: 0x42, pc: 0x0202 });
  });

  it('(zp),Y: a pointer at $FF takes its high byte from $00', () => {
    const memory = { 0xff: 0x10, 0x00: 0x20, 0x0100: 0x30, 0x2015: 0x77 };
    expect(stepOnce([0xb1, 0xff], { y: 0x05, memory }).changes).toEqual({ a: 0x77, pc: 0x0202 }); // LDA ($FF),Y
  });

  it('zp,X: $80 + $FF is $7F', () => {
    expect(stepOnce([0xb4, 0x80], { x: 0xff, memory: { 0x7f: 0x01 } }).changes).toEqual({ y: 0x01, pc: 0x0202 }); // LDY $80,X
  });
});

describe('the program counter wraps at the top of memory', () => {
  it('an instruction at $FFFF takes its operand from $0000', () => {
    const { changes } = stepOnce([0xa9], { pc: 0xffff, memory: { 0x0000: 0x5a } }); // LDA #$5A split across the wrap
    expect(changes).toEqual({ a: 0x5a, pc: 0x0001 });
  });
});

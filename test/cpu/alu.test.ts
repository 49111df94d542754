// Arithmetic and logic: ADC/SBC in binary and NMOS decimal mode, compares, logic, BIT, shifts, INC/DEC.
import { describe, expect, it } from 'vitest';
import { stepOnce } from './harness.js';

describe('ADC — add with carry (binary)', () => {
  it('adds the operand and the carry', () => {
    const { cycles, changes } = stepOnce([0x69, 0x10], { a: 0x20, c: true }); // ADC #$10
    expect(cycles).toBe(2);
    expect(changes).toEqual({ a: 0x31, pc: 0x0202, c: false });
  });

  it('sets C when the sum passes $FF and Z when the byte is zero', () => {
    const { changes } = stepOnce([0x69, 0x01], { a: 0xff }); // ADC #$01
    expect(changes).toEqual({ a: 0x00, pc: 0x0202, c: true, z: true });
  });

  it('sets V when two positives make a negative ($50 + $50)', () => {
    const { changes } = stepOnce([0x69, 0x50], { a: 0x50 }); // ADC #$50
    expect(changes).toEqual({ a: 0xa0, pc: 0x0202, v: true, n: true });
  });

  it('sets V when two negatives make a positive ($D0 + $90)', () => {
    const { changes } = stepOnce([0x69, 0x90], { a: 0xd0 }); // ADC #$90
    expect(changes).toEqual({ a: 0x60, pc: 0x0202, v: true, c: true });
  });

  it('clears V when the signs differ, even with a carry out ($50 + $D0)', () => {
    const { changes } = stepOnce([0x69, 0xd0], { a: 0x50, v: true }); // ADC #$D0
    expect(changes).toEqual({ a: 0x20, pc: 0x0202, v: false, c: true });
  });

  it('zero page,X and (zero page),Y forms read their operand from memory', () => {
    expect(stepOnce([0x75, 0x10], { a: 0x01, x: 0x01, memory: { 0x11: 0x02 } }).changes).toEqual({ a: 0x03, pc: 0x0202 }); // ADC $10,X
    const memory = { 0x20: 0xf0, 0x21: 0x30, 0x3110: 0x05 };
    const { cycles, changes } = stepOnce([0x71, 0x20], { a: 0x01, y: 0x20, memory }); // ADC ($20),Y
    expect(cycles).toBe(6); // $30F0 + $20 crosses into page $31
    expect(changes).toEqual({ a: 0x06, pc: 0x0202 });
  });
});

describe('SBC — subtract with borrow (binary)', () => {
  it('C set means "no borrow": $50 - $10 = $40', () => {
    const { changes } = stepOnce([0xe9, 0x10], { a: 0x50, c: true }); // SBC #$10
    expect(changes).toEqual({ a: 0x40, pc: 0x0202 });
  });

  it('C clear subtracts one more', () => {
    const { changes } = stepOnce([0xe9, 0x10], { a: 0x50 }); // SBC #$10
    expect(changes).toEqual({ a: 0x3f, pc: 0x0202, c: true });
  });

  it('borrowing clears C: $50 - $F0 = $60', () => {
    const { changes } = stepOnce([0xe9, 0xf0], { a: 0x50, c: true }); // SBC #$F0
    expect(changes).toEqual({ a: 0x60, pc: 0x0202, c: false });
  });

  it('sets V when the signed result does not fit: 80 - (-80)', () => {
    const { changes } = stepOnce([0xe9, 0xb0], { a: 0x50, c: true }); // SBC #$B0
    expect(changes).toEqual({ a: 0xa0, pc: 0x0202, c: false, v: true, n: true });
  });
});

describe('decimal mode (D set): ADC and SBC count in BCD, NMOS flags', () => {
  it('$25 + $48 = $73', () => {
    const { cycles, changes } = stepOnce([0x69, 0x48], { a: 0x25, d: true }); // ADC #$48
    expect(cycles).toBe(2);
    expect(changes).toEqual({ a: 0x73, pc: 0x0202 });
  });

  it('$58 + $46 + carry = $05 with C set (105 does not fit)', () => {
    const { changes } = stepOnce([0x69, 0x46], { a: 0x58, d: true, c: true }); // ADC #$46
    // C stays set. N and V describe the half-adjusted sum $A5, as the NMOS chip computes them.
    expect(changes).toEqual({ a: 0x05, pc: 0x0202, n: true, v: true });
  });

  it('$99 + $01 = $00, C set — but the NMOS chip leaves Z clear and sets N', () => {
    // Z comes from the binary sum ($9A) and N from the half-adjusted sum ($A0): an NMOS quirk.
    const { changes } = stepOnce([0x69, 0x01], { a: 0x99, d: true }); // ADC #$01
    expect(changes).toEqual({ a: 0x00, pc: 0x0202, c: true, n: true });
  });

  it('$46 - $12 = $34', () => {
    const { changes } = stepOnce([0xe9, 0x12], { a: 0x46, d: true, c: true }); // SBC #$12
    expect(changes).toEqual({ a: 0x34, pc: 0x0202 });
  });

  it('$12 - $21 = $91 with a borrow (C clear)', () => {
    const { changes } = stepOnce([0xe9, 0x21], { a: 0x12, d: true, c: true }); // SBC #$21
    expect(changes).toEqual({ a: 0x91, pc: 0x0202, c: false, n: true });
  });

  it('$40 - $13 = $27 (a borrow between the digits)', () => {
    const { changes } = stepOnce([0xe9, 0x13], { a: 0x40, d: true, c: true }); // SBC #$13
    expect(changes).toEqual({ a: 0x27, pc: 0x0202 });
  });
});

describe('CMP, CPX, CPY — compare without storing', () => {
  it('equal: Z and C set', () => {
    expect(stepOnce([0xc9, 0x10], { a: 0x10 }).changes).toEqual({ pc: 0x0202, z: true, c: true }); // CMP #$10
  });
  it('register smaller: C clear, N from the difference', () => {
    expect(stepOnce([0xe0, 0x20], { x: 0x10 }).changes).toEqual({ pc: 0x0202, n: true }); // CPX #$20
  });
  it('register larger: C set', () => {
    expect(stepOnce([0xc0, 0x10], { y: 0x20 }).changes).toEqual({ pc: 0x0202, c: true }); // CPY #$10
  });
  it('CMP absolute,Y pays for a page crossing', () => {
    const { cycles, changes } = stepOnce([0xd9, 0xff, 0x12], { a: 0x05, y: 0x01, memory: { 0x1300: 0x05 } }); // CMP $12FF,Y
    expect(cycles).toBe(5);
    expect(changes).toEqual({ pc: 0x0203, z: true, c: true });
  });
});

describe('AND, ORA, EOR and BIT', () => {
  it('AND keeps the bits set in both', () => {
    expect(stepOnce([0x29, 0x0f], { a: 0xf3 }).changes).toEqual({ a: 0x03, pc: 0x0202 }); // AND #$0F
  });
  it('ORA sets bits', () => {
    expect(stepOnce([0x09, 0x80], { a: 0x01 }).changes).toEqual({ a: 0x81, pc: 0x0202, n: true }); // ORA #$80
  });
  it('EOR flips bits; equal values give zero', () => {
    expect(stepOnce([0x49, 0x5a], { a: 0x5a }).changes).toEqual({ a: 0x00, pc: 0x0202, z: true }); // EOR #$5A
  });
  it('BIT copies bits 7 and 6 of memory into N and V, and sets Z from A AND memory', () => {
    const { cycles, changes } = stepOnce([0x24, 0x10], { a: 0x01, memory: { 0x10: 0xc0 } }); // BIT $10
    expect(cycles).toBe(3);
    expect(changes).toEqual({ pc: 0x0202, n: true, v: true, z: true });
  });
});

describe('shifts and rotates', () => {
  it('ASL A: bit 7 into C, 0 into bit 0', () => {
    expect(stepOnce([0x0a], { a: 0x81 }).changes).toEqual({ a: 0x02, pc: 0x0201, c: true }); // ASL A
  });
  it('LSR A: bit 0 into C, 0 into bit 7', () => {
    expect(stepOnce([0x4a], { a: 0x01 }).changes).toEqual({ a: 0x00, pc: 0x0201, c: true, z: true }); // LSR A
  });
  it('ROL A: the old carry comes in at bit 0', () => {
    expect(stepOnce([0x2a], { a: 0x80, c: true }).changes).toEqual({ a: 0x01, pc: 0x0201 }); // ROL A (C stays set)
  });
  it('ROR A: the old carry comes in at bit 7', () => {
    expect(stepOnce([0x6a], { a: 0x01, c: true }).changes).toEqual({ a: 0x80, pc: 0x0201, n: true }); // ROR A
  });
  it('ASL absolute,X works on memory in 7 cycles', () => {
    const { cycles, changes } = stepOnce([0x1e, 0x00, 0x30], { x: 0x02, memory: { 0x3002: 0x40 } }); // ASL $3000,X
    expect(cycles).toBe(7);
    expect(changes).toEqual({ pc: 0x0203, n: true, memory: { 0x3002: 0x80 } });
  });
  it('ROR zero page: 5 cycles', () => {
    const { cycles, changes } = stepOnce([0x66, 0x10], { memory: { 0x10: 0x03 } }); // ROR $10
    expect(cycles).toBe(5);
    expect(changes).toEqual({ pc: 0x0202, c: true, memory: { 0x10: 0x01 } });
  });
});

describe('INC, DEC, INX, INY, DEX, DEY', () => {
  it('INC zero page wraps $FF to $00 and sets Z (C untouched)', () => {
    const { cycles, changes } = stepOnce([0xe6, 0x10], { memory: { 0x10: 0xff } }); // INC $10
    expect(cycles).toBe(5);
    expect(changes).toEqual({ pc: 0x0202, z: true, memory: { 0x10: 0x00 } });
  });
  it('DEC absolute,X takes 7 cycles', () => {
    const { cycles, changes } = stepOnce([0xde, 0x00, 0x30], { x: 0x01, memory: { 0x3001: 0x00 } }); // DEC $3000,X
    expect(cycles).toBe(7);
    expect(changes).toEqual({ pc: 0x0203, n: true, memory: { 0x3001: 0xff } });
  });
  it('register increments and decrements wrap within 8 bits', () => {
    expect(stepOnce([0xe8], { x: 0xff }).changes).toEqual({ x: 0x00, pc: 0x0201, z: true }); // INX
    expect(stepOnce([0xc8], { y: 0x7f }).changes).toEqual({ y: 0x80, pc: 0x0201, n: true }); // INY
    expect(stepOnce([0xca], { x: 0x00 }).changes).toEqual({ x: 0xff, pc: 0x0201, n: true }); // DEX
    expect(stepOnce([0x88], { y: 0x01 }).changes).toEqual({ y: 0x00, pc: 0x0201, z: true }); // DEY
  });
});

describe('flag instructions', () => {
  it('SEC, CLC, SED, CLD, SEI, CLI, CLV each change one flag in 2 cycles', () => {
    expect(stepOnce([0x38]).changes).toEqual({ pc: 0x0201, c: true }); // SEC
    expect(stepOnce([0x18], { c: true }).changes).toEqual({ pc: 0x0201, c: false }); // CLC
    expect(stepOnce([0xf8]).changes).toEqual({ pc: 0x0201, d: true }); // SED
    expect(stepOnce([0xd8], { d: true }).changes).toEqual({ pc: 0x0201, d: false }); // CLD
    expect(stepOnce([0x78]).changes).toEqual({ pc: 0x0201, i: true }); // SEI
    expect(stepOnce([0x58], { i: true }).changes).toEqual({ pc: 0x0201, i: false }); // CLI
    const clv = stepOnce([0xb8], { v: true }); // CLV
    expect(clv.changes).toEqual({ pc: 0x0201, v: false });
    expect(clv.cycles).toBe(2);
  });
});

// Loads, stores and register transfers: every addressing mode, its cycles, and what N and Z say.
import { describe, expect, it } from 'vitest';
import { stepOnce } from './harness.js';

describe('LDA — load the accumulator', () => {
  it('immediate: copies the operand into A and sets N from bit 7', () => {
    const { cycles, changes } = stepOnce([0xa9, 0x80]); // LDA #$80
    expect(cycles).toBe(2);
    expect(changes).toEqual({ a: 0x80, pc: 0x0202, n: true });
  });

  it('immediate: loading zero sets Z', () => {
    const { changes } = stepOnce([0xa9, 0x00], { a: 0x12 }); // LDA #$00
    expect(changes).toEqual({ a: 0x00, pc: 0x0202, z: true });
  });

  it('zero page: reads one byte of address', () => {
    const { cycles, changes } = stepOnce([0xa5, 0x10], { memory: { 0x10: 0x42 } }); // LDA $10
    expect(cycles).toBe(3);
    expect(changes).toEqual({ a: 0x42, pc: 0x0202 });
  });

  it('zero page,X: the sum wraps inside page 0', () => {
    const { cycles, changes } = stepOnce([0xb5, 0xf0], { x: 0x20, memory: { 0x10: 0x33, 0x110: 0x99 } }); // LDA $F0,X
    expect(cycles).toBe(4);
    expect(changes).toEqual({ a: 0x33, pc: 0x0202 }); // $F0 + $20 = $10, not $0110
  });

  it('absolute: a full 16-bit address, low byte first', () => {
    const { cycles, changes } = stepOnce([0xad, 0x34, 0x12], { memory: { 0x1234: 0x7f } }); // LDA $1234
    expect(cycles).toBe(4);
    expect(changes).toEqual({ a: 0x7f, pc: 0x0203 });
  });

  it('absolute,X: 4 cycles within the page', () => {
    const { cycles, changes } = stepOnce([0xbd, 0x00, 0x10], { x: 0x05, memory: { 0x1005: 0x42 } }); // LDA $1000,X
    expect(cycles).toBe(4);
    expect(changes).toEqual({ a: 0x42, pc: 0x0203 });
  });

  it('absolute,X: one more cycle when the index crosses a page', () => {
    const { cycles, changes } = stepOnce([0xbd, 0xff, 0x10], { x: 0x01, memory: { 0x1100: 0x42 } }); // LDA $10FF,X
    expect(cycles).toBe(5);
    expect(changes).toEqual({ a: 0x42, pc: 0x0203 });
  });

  it('absolute,Y: one more cycle when the index crosses a page', () => {
    const { cycles, changes } = stepOnce([0xb9, 0x80, 0x10], { y: 0x80, memory: { 0x1100: 0x01 } }); // LDA $1080,Y
    expect(cycles).toBe(5);
    expect(changes).toEqual({ a: 0x01, pc: 0x0203 });
  });

  it('absolute,X: the address wraps from $FFFF to $0000', () => {
    const { changes } = stepOnce([0xbd, 0xff, 0xff], { x: 0x02, memory: { 0x0001: 0x55 } }); // LDA $FFFF,X
    expect(changes).toEqual({ a: 0x55, pc: 0x0203 });
  });

  it('(zero page,X): X picks the pointer, the pointer gives the address', () => {
    const memory = { 0x24: 0x74, 0x25: 0x20, 0x2074: 0x99 };
    const { cycles, changes } = stepOnce([0xa1, 0x20], { x: 0x04, memory }); // LDA ($20,X)
    expect(cycles).toBe(6);
    expect(changes).toEqual({ a: 0x99, pc: 0x0202, n: true });
  });

  it('(zero page),Y: Y is added to the pointer; 5 cycles, 6 across a page', () => {
    const memory = { 0x86: 0x28, 0x87: 0x40, 0x4038: 0x0a, 0x4100: 0x0b };
    const inPage = stepOnce([0xb1, 0x86], { y: 0x10, memory }); // LDA ($86),Y  → $4038
    expect(inPage.cycles).toBe(5);
    expect(inPage.changes).toEqual({ a: 0x0a, pc: 0x0202 });
    const crossing = stepOnce([0xb1, 0x86], { y: 0xd8, memory }); // LDA ($86),Y  → $4100
    expect(crossing.cycles).toBe(6);
    expect(crossing.changes).toEqual({ a: 0x0b, pc: 0x0202 });
  });
});

describe('LDX and LDY', () => {
  it('LDX zero page,Y uses Y and wraps in page 0', () => {
    const { cycles, changes } = stepOnce([0xb6, 0xff], { y: 0x02, memory: { 0x01: 0x81 } }); // LDX $FF,Y
    expect(cycles).toBe(4);
    expect(changes).toEqual({ x: 0x81, pc: 0x0202, n: true });
  });

  it('LDX absolute,Y pays for a page crossing', () => {
    const { cycles, changes } = stepOnce([0xbe, 0xfe, 0x20], { y: 0x03, memory: { 0x2101: 0x07 } }); // LDX $20FE,Y
    expect(cycles).toBe(5);
    expect(changes).toEqual({ x: 0x07, pc: 0x0203 });
  });

  it('LDY immediate and LDY absolute,X', () => {
    expect(stepOnce([0xa0, 0x00], { y: 0x05 }).changes).toEqual({ y: 0x00, pc: 0x0202, z: true }); // LDY #$00
    const { cycles, changes } = stepOnce([0xbc, 0x00, 0x30], { x: 0x10, memory: { 0x3010: 0x44 } }); // LDY $3000,X
    expect(cycles).toBe(4);
    expect(changes).toEqual({ y: 0x44, pc: 0x0203 });
  });
});

describe('STA, STX, STY — stores change memory and no flags', () => {
  it('STA zero page', () => {
    const { cycles, changes } = stepOnce([0x85, 0x10], { a: 0x80 }); // STA $10
    expect(cycles).toBe(3);
    expect(changes).toEqual({ pc: 0x0202, memory: { 0x10: 0x80 } });
  });

  it('STA absolute,X always takes 5 cycles, crossing a page or not', () => {
    const inPage = stepOnce([0x9d, 0x00, 0x30], { a: 0x01, x: 0x01 }); // STA $3000,X
    expect(inPage.cycles).toBe(5);
    expect(inPage.changes).toEqual({ pc: 0x0203, memory: { 0x3001: 0x01 } });
    const crossing = stepOnce([0x9d, 0xff, 0x30], { a: 0x01, x: 0x01 }); // STA $30FF,X
    expect(crossing.cycles).toBe(5);
    expect(crossing.changes).toEqual({ pc: 0x0203, memory: { 0x3100: 0x01 } });
  });

  it('STA (zero page),Y always takes 6 cycles', () => {
    const { cycles, changes } = stepOnce([0x91, 0x40], { a: 0x5a, y: 0x01, memory: { 0x40: 0xff, 0x41: 0x20 } }); // STA ($40),Y
    expect(cycles).toBe(6);
    expect(changes).toEqual({ pc: 0x0202, memory: { 0x2100: 0x5a } });
  });

  it('STX zero page,Y and STY zero page,X wrap inside page 0', () => {
    expect(stepOnce([0x96, 0xff], { x: 0x11, y: 0x01 }).changes).toEqual({ pc: 0x0202, memory: { 0x00: 0x11 } }); // STX $FF,Y
    expect(stepOnce([0x94, 0xfe], { x: 0x03, y: 0x22 }).changes).toEqual({ pc: 0x0202, memory: { 0x01: 0x22 } }); // STY $FE,X
  });

  it('STX and STY absolute', () => {
    expect(stepOnce([0x8e, 0x00, 0x40], { x: 0x09 }).changes).toEqual({ pc: 0x0203, memory: { 0x4000: 0x09 } }); // STX $4000
    expect(stepOnce([0x8c, 0x01, 0x40], { y: 0x0a }).changes).toEqual({ pc: 0x0203, memory: { 0x4001: 0x0a } }); // STY $4001
  });
});

describe('register transfers', () => {
  it('TAX, TAY, TXA, TYA copy a register and set N and Z', () => {
    expect(stepOnce([0xaa], { a: 0x80 }).changes).toEqual({ x: 0x80, pc: 0x0201, n: true }); // TAX
    expect(stepOnce([0xa8], { a: 0x00, y: 0x01 }).changes).toEqual({ y: 0x00, pc: 0x0201, z: true }); // TAY
    expect(stepOnce([0x8a], { x: 0x7f }).changes).toEqual({ a: 0x7f, pc: 0x0201 }); // TXA
    expect(stepOnce([0x98], { y: 0xff }).changes).toEqual({ a: 0xff, pc: 0x0201, n: true }); // TYA
  });

  it('TSX sets N and Z, but TXS changes no flags', () => {
    expect(stepOnce([0xba], { sp: 0x80 }).changes).toEqual({ x: 0x80, pc: 0x0201, n: true }); // TSX
    expect(stepOnce([0x9a], { x: 0x00 }).changes).toEqual({ sp: 0x00, pc: 0x0201 }); // TXS
  });
});

// Branches and jumps: taken or not, the signed offset, and the cycles a taken branch and a page cross add.
import { describe, expect, it } from 'vitest';
import { stepOnce } from './harness.js';

describe('conditional branches', () => {
  it('not taken: 2 cycles, PC moves past the branch', () => {
    const { cycles, changes } = stepOnce([0xd0, 0x10], { z: true }); // BNE +16
    expect(cycles).toBe(2);
    expect(changes).toEqual({ pc: 0x0202 });
  });

  it('taken forward: 3 cycles, the offset counts from the next instruction', () => {
    const { cycles, changes } = stepOnce([0xd0, 0x10]); // BNE +16
    expect(cycles).toBe(3);
    expect(changes).toEqual({ pc: 0x0212 });
  });

  it('taken backward: offsets of $80 and above are negative', () => {
    const { cycles, changes } = stepOnce([0xf0, 0xfc], { z: true, pc: 0x0250 }); // BEQ -4
    expect(cycles).toBe(3);
    expect(changes).toEqual({ pc: 0x024e });
  });

  it('taken across a page: 4 cycles', () => {
    const { cycles, changes } = stepOnce([0x90, 0x10], { pc: 0x02f0 }); // BCC +16 from $02F2 to $0302
    expect(cycles).toBe(4);
    expect(changes).toEqual({ pc: 0x0302 });
  });

  it('taken backward across a page: 4 cycles', () => {
    const { cycles, changes } = stepOnce([0xb0, 0x80], { c: true, pc: 0x0300 }); // BCS -128 from $0302 to $0282
    expect(cycles).toBe(4);
    expect(changes).toEqual({ pc: 0x0282 });
  });

  it('each branch tests its own flag', () => {
    const cases: Array<[number, string, Record<string, boolean>, Record<string, boolean>]> = [
      [0x10, 'BPL', {}, { n: true }],
      [0x30, 'BMI', { n: true }, {}],
      [0x50, 'BVC', {}, { v: true }],
      [0x70, 'BVS', { v: true }, {}],
      [0x90, 'BCC', {}, { c: true }],
      [0xb0, 'BCS', { c: true }, {}],
      [0xd0, 'BNE', {}, { z: true }],
      [0xf0, 'BEQ', { z: true }, {}],
    ];
    for (const [opcode, name, takes, skips] of cases) {
      expect(stepOnce([opcode, 0x04], takes).changes.pc, `${name} taken`).toBe(0x0206);
      expect(stepOnce([opcode, 0x04], skips).changes.pc, `${name} not taken`).toBe(0x0202);
    }
  });
});

describe('JMP', () => {
  it('absolute: 3 cycles, PC becomes the operand', () => {
    const { cycles, changes } = stepOnce([0x4c, 0x00, 0x40]); // JMP $4000
    expect(cycles).toBe(3);
    expect(changes).toEqual({ pc: 0x4000 });
  });

  it('indirect: 5 cycles, PC comes from the pointer', () => {
    const { cycles, changes } = stepOnce([0x6c, 0x00, 0x30], { memory: { 0x3000: 0x34, 0x3001: 0x12 } }); // JMP ($3000)
    expect(cycles).toBe(5);
    expect(changes).toEqual({ pc: 0x1234 });
  });
});

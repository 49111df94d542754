// The cycle log: one bus transaction per clock cycle, dummy reads and writes included.
import { describe, expect, it } from 'vitest';
import type { BusCycle } from '../../src/cpu/cpu.js';
import { makeCpu } from './harness.js';

function logOf(program: number[], setup: Parameters<typeof makeCpu>[1] = {}): { log: BusCycle[]; cycles: number } {
  const cpu = makeCpu(program, setup);
  const log: BusCycle[] = [];
  cpu.cycleLog = log;
  const cycles = cpu.step();
  return { log, cycles };
}

describe('cycle log', () => {
  it('has one entry per cycle: LDA #$42 reads its opcode, then its operand', () => {
    const { log, cycles } = logOf([0xa9, 0x42]); // LDA #$42
    expect(cycles).toBe(2);
    expect(log).toEqual([
      [0x0200, 0xa9, 'read'],
      [0x0201, 0x42, 'read'],
    ]);
  });

  it('LDA abs,X across a page first reads the address whose high byte is not fixed yet', () => {
    const { log } = logOf([0xbd, 0xff, 0x10], { x: 0x01, memory: { 0x1000: 0x11, 0x1100: 0x22 } }); // LDA $10FF,X
    expect(log).toEqual([
      [0x0200, 0xbd, 'read'],
      [0x0201, 0xff, 'read'],
      [0x0202, 0x10, 'read'],
      [0x1000, 0x11, 'read'], // the dummy read at $10FF + 1 without the carry
      [0x1100, 0x22, 'read'],
    ]);
  });

  it('INC zp writes the old byte back before the new one', () => {
    const { log } = logOf([0xe6, 0x10], { memory: { 0x10: 0x41 } }); // INC $10
    expect(log).toEqual([
      [0x0200, 0xe6, 'read'],
      [0x0201, 0x10, 'read'],
      [0x0010, 0x41, 'read'],
      [0x0010, 0x41, 'write'],
      [0x0010, 0x42, 'write'],
    ]);
  });

  it('JSR reads the stack, pushes the return address, and only then fetches its high byte', () => {
    const { log } = logOf([0x20, 0x00, 0x40]); // JSR $4000
    expect(log).toEqual([
      [0x0200, 0x20, 'read'],
      [0x0201, 0x00, 'read'],
      [0x01fd, 0x00, 'read'],
      [0x01fd, 0x02, 'write'],
      [0x01fc, 0x02, 'write'],
      [0x0202, 0x40, 'read'],
    ]);
  });

  it('an IRQ entry: two reads at PC, three pushes, the vector', () => {
    const cpu = makeCpu([0xea], { memory: { 0xfffe: 0x00, 0xffff: 0x04 } });
    const log: BusCycle[] = [];
    cpu.cycleLog = log;
    cpu.irqLine = 1;
    expect(cpu.step()).toBe(7);
    expect(log).toEqual([
      [0x0200, 0xea, 'read'],
      [0x0200, 0xea, 'read'],
      [0x01fd, 0x02, 'write'],
      [0x01fc, 0x00, 'write'],
      [0x01fb, 0x20, 'write'],
      [0xfffe, 0x00, 'read'],
      [0xffff, 0x04, 'read'],
    ]);
  });

  it('logging does not change what the CPU does', () => {
    const program = [0xa2, 0x05, 0xca, 0xd0, 0xfd, 0x02]; // LDX #5 / loop: DEX / BNE loop / JAM
    const plain = makeCpu(program);
    const logged = makeCpu(program);
    const log: BusCycle[] = [];
    logged.cycleLog = log;
    expect(logged.run(1000)).toBe(plain.run(1000));
    expect([logged.x, logged.pc, logged.cycles]).toEqual([plain.x, plain.pc, plain.cycles]);
    expect(log).toHaveLength(plain.cycles);
  });
});

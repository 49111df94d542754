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

/** The 65C02's bus (WDC's data sheet; the single-step vectors): its idle cycles touch nothing a program did not name. */
describe('cycle log on the 65C02', () => {
  const cmos = (program: number[], setup: Parameters<typeof makeCpu>[1] = {}) => logOf(program, { ...setup, options: { variant: '65c02' } });

  it('LDA abs,X across a page reads the instruction’s last byte again, not the half-fixed address', () => {
    const { log } = cmos([0xbd, 0xff, 0x10], { x: 0x01, memory: { 0x1000: 0x11, 0x1100: 0x22 } }); // LDA $10FF,X
    expect(log).toEqual([
      [0x0200, 0xbd, 'read'],
      [0x0201, 0xff, 'read'],
      [0x0202, 0x10, 'read'],
      [0x0202, 0x10, 'read'], // the carry's cycle: the high byte again
      [0x1100, 0x22, 'read'],
    ]);
  });

  it('INC zp reads the byte twice and writes once (the NMOS chip writes it back unchanged)', () => {
    const { log } = cmos([0xe6, 0x10], { memory: { 0x10: 0x41 } }); // INC $10
    expect(log).toEqual([
      [0x0200, 0xe6, 'read'],
      [0x0201, 0x10, 'read'],
      [0x0010, 0x41, 'read'],
      [0x0010, 0x41, 'read'],
      [0x0010, 0x42, 'write'],
    ]);
  });

  it('JMP ($10FF) takes the high byte from $1100 and reads it once more', () => {
    const { log } = cmos([0x6c, 0xff, 0x10], { memory: { 0x10ff: 0x34, 0x1100: 0x12, 0x1000: 0x99 } });
    expect(log.slice(3)).toEqual([
      [0x10ff, 0x34, 'read'],
      [0x1100, 0x12, 'read'],
      [0x1100, 0x12, 'read'],
    ]);
  });

  it('BBR0 reads its byte twice and never writes it: 5 cycles untaken, 6 taken', () => {
    const untaken = cmos([0x0f, 0x10, 0x05], { memory: { 0x10: 0x01 } }); // BBR0 $10,+5 with bit 0 set
    expect(untaken.cycles).toBe(5);
    expect(untaken.log).toEqual([
      [0x0200, 0x0f, 'read'],
      [0x0201, 0x10, 'read'],
      [0x0010, 0x01, 'read'],
      [0x0010, 0x01, 'read'],
      [0x0202, 0x05, 'read'],
    ]);
    const taken = cmos([0x0f, 0x10, 0x05], { memory: { 0x10: 0x00, 0x0203: 0xea } });
    expect(taken.cycles).toBe(6);
    expect(taken.log.at(-1)).toEqual([0x0203, 0xea, 'read']);
    expect(taken.log.filter(([, , kind]) => kind === 'write')).toEqual([]);
  });

  it('decimal ADC # spends its extra cycle reading $7F; STZ abs,X reads its last byte before writing', () => {
    const adc = cmos([0x69, 0x01], { d: true, memory: { 0x7f: 0x5a } });
    expect(adc.log).toEqual([
      [0x0200, 0x69, 'read'],
      [0x0201, 0x01, 'read'],
      [0x007f, 0x5a, 'read'],
    ]);
    const stz = cmos([0x9e, 0x00, 0x30], { x: 0x04, memory: { 0x3004: 0x77 } }); // STZ $3000,X
    expect(stz.log).toEqual([
      [0x0200, 0x9e, 'read'],
      [0x0201, 0x00, 'read'],
      [0x0202, 0x30, 'read'],
      [0x0202, 0x30, 'read'],
      [0x3004, 0x00, 'write'],
    ]);
  });

  it('a reserved one-byte NOP is one cycle; the absolute NOP $DC never reads its address', () => {
    expect(cmos([0x03]).log).toEqual([[0x0200, 0x03, 'read']]);
    const { log } = cmos([0xdc, 0x00, 0x30], { memory: { 0x3000: 0x55 } });
    expect(log).toEqual([
      [0x0200, 0xdc, 'read'],
      [0x0201, 0x00, 'read'],
      [0x0202, 0x30, 'read'],
      [0x0202, 0x30, 'read'],
    ]);
  });

  it('every logged step has as many bus cycles as the CPU counts, for every opcode (STP and WAI included)', () => {
    for (let opcode = 0; opcode < 256; opcode++) {
      const { log, cycles } = cmos([opcode, 0x10, 0x20], { x: 0x01, y: 0x02, memory: { 0x10: 0x00, 0x11: 0x30 } });
      expect(log.length, `opcode $${opcode.toString(16)}`).toBe(cycles);
    }
  });
});

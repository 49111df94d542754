// The CPU family: what the 65C02 and the 2A03 do differently from the NMOS 6502, and the tables built for them.
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { INSTRUCTION_SET } from '../../src/cpu/instruction-set.js';
import { VARIANTS, instructionOnAnotherVariant, variantNamed, type CpuVariant } from '../../src/cpu/variants.js';

/** A CPU of `variant` with `program` at $0200, PC there, I set and D as given. */
function cpuWith(variant: CpuVariant, program: readonly number[], setup: Partial<Pick<Cpu, 'a' | 'x' | 'y' | 'p'>> = {}): Cpu {
  const cpu = new Cpu({ variant });
  cpu.memory.set(program, 0x0200);
  cpu.pc = 0x0200;
  cpu.p = 0x24;
  Object.assign(cpu, setup);
  return cpu;
}

describe('the tables', () => {
  it('build the 65C02 from the NMOS table: documented rows kept unless retimed, every other opcode replaced', () => {
    const cmos = VARIANTS['65c02'].rows;
    expect(cmos[0xa9]).toBe(INSTRUCTION_SET[0xa9]); // the very same row object: derived, not copied
    expect(cmos[0x6c]!.cycles).toBe(6);
    expect(cmos[0xda]!.mnemonic).toBe('PHX');
    expect(cmos[0x07]!.mnemonic).toBe('RMB0');
    expect(cmos[0xff]!.mnemonic).toBe('BBS7');
    expect(cmos.filter((info) => info.opcodeClass === 'reserved')).toHaveLength(44);
    expect(cmos.some((info) => info.opcodeClass === 'undocumented' || info.opcodeClass === 'jam')).toBe(false);
    expect(VARIANTS['2a03'].rows).toBe(INSTRUCTION_SET);
  });

  it('names a 65C02 instruction met on the NMOS chip, and nothing for the chip’s own opcodes', () => {
    expect(instructionOnAnotherVariant('6502', 0xda)).toEqual({ mnemonic: 'PHX', variant: '65c02' });
    expect(instructionOnAnotherVariant('6502', 0xa9)).toBeUndefined();
    expect(instructionOnAnotherVariant('65c02', 0xda)).toBeUndefined();
    expect(variantNamed('65C02')).toBe('65c02');
    expect(variantNamed('z80')).toBeUndefined();
  });
});

describe('the 2A03', () => {
  it('adds and subtracts in binary whatever D says', () => {
    const nes = cpuWith('2a03', [0x69, 0x01, 0xe9, 0x01], { a: 0x09, p: 0x2c });
    nes.step();
    expect(nes.a).toBe(0x0a); // an NMOS chip in decimal mode gives $10
    nes.step();
    expect(nes.a).toBe(0x08);
    const nmos = cpuWith('6502', [0x69, 0x01], { a: 0x09, p: 0x2c });
    nmos.step();
    expect(nmos.a).toBe(0x10);
  });
});

describe('the 65C02', () => {
  it('runs PHX/PLY, STZ and BRA', () => {
    const cpu = cpuWith('65c02', [0xda, 0x7a, 0x9c, 0x00, 0x30, 0x80, 0xfe], { x: 0x42 });
    cpu.memory[0x3000] = 0x99; // non-zero, so the store of zero shows
    cpu.step();
    cpu.step();
    expect(cpu.y).toBe(0x42);
    cpu.step();
    expect(cpu.memory[0x3000]).toBe(0);
    const before = cpu.cycles;
    cpu.step();
    expect(cpu.pc).toBe(0x0205); // BRA * branches to itself
    expect(cpu.cycles - before).toBe(3);
  });

  it('reads no device with the absolute NOPs $DC, $FC and $5C, which only skip their address', () => {
    for (const opcode of [0xdc, 0xfc, 0x5c]) {
      const cpu = cpuWith('65c02', [opcode, 0x00, 0xd0]);
      const reads: number[] = [];
      cpu.bus = { read: (address) => (reads.push(address), 0), write: () => {}, peek: () => 0 };
      cpu.readHooks[0xd0] = 1; // a device page at $D000
      cpu.step();
      expect(reads, `$${opcode.toString(16)}`).toEqual([]);
      expect(cpu.pc).toBe(0x0203);
    }
  });

  it('fixes JMP ($xxFF) and takes 6 cycles for it', () => {
    for (const [variant, target, cycles] of [['6502', 0x1234, 5], ['65c02', 0x5634, 6]] as const) {
      const cpu = cpuWith(variant, [0x6c, 0xff, 0x30]);
      cpu.memory[0x30ff] = 0x34;
      cpu.memory[0x3000] = 0x12;
      cpu.memory[0x3100] = 0x56;
      expect(cpu.step()).toBe(cycles);
      expect(cpu.pc).toBe(target);
    }
  });

  it('clears D on BRK and takes one more cycle in decimal mode with valid N and Z', () => {
    const cpu = cpuWith('65c02', [0x69, 0x01, 0x00], { a: 0x99, p: 0x2c });
    cpu.memory.set([0x00, 0x04], 0xfffe);
    expect(cpu.step()).toBe(3);
    expect(cpu.a).toBe(0x00);
    expect(cpu.p & 0x02).toBe(0x02); // Z from the BCD result (the NMOS chip's Z comes from the binary sum $9A)
    cpu.step();
    expect(cpu.pc).toBe(0x0400);
    expect(cpu.p & 0x08).toBe(0);
  });

  it('waits at WAI until IRQ, even masked, then goes on; STP stops it until reset', () => {
    const cpu = cpuWith('65c02', [0xcb, 0xe8, 0xdb]);
    cpu.step();
    expect(cpu.waiting).toBe(true);
    cpu.run(100);
    expect(cpu.pc).toBe(0x0201);
    cpu.irqLine = 1; // I is set: the chip wakes without taking the interrupt
    cpu.step();
    expect(cpu.x).toBe(1);
    expect(cpu.run(10)).toBe('jam');
    expect(cpu.pc).toBe(0x0202);
  });

  it('branches on a bit with BBR/BBS, setting and clearing bits with SMB/RMB', () => {
    const cpu = cpuWith('65c02', [0xd7, 0x10, 0xdf, 0x10, 0x02, 0xea, 0xea, 0x57, 0x10]);
    cpu.options.detectTraps = true;
    cpu.step(); // SMB5 $10
    expect(cpu.memory[0x10]).toBe(0x20);
    expect(cpu.step()).toBe(6); // BBS5 $10, +2: taken
    expect(cpu.pc).toBe(0x0207);
    cpu.step(); // RMB5 $10
    expect(cpu.memory[0x10]).toBe(0x00);
  });
});

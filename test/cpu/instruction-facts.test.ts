// The instruction table's facts about memory, the stack and branches must be what the running CPU does:
// execute.ts is the chip, the table is what every other layer reads, and this test keeps them the same.
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { INSTRUCTION_SET, branchTaken, opcodeIndex, oppositeBranch } from '../../src/cpu/instruction-set.js';

/** Runs one instruction at $0200 with the operand bytes given and registers chosen to keep addresses in RAM. */
function runOne(opcode: number, p: number, operand: readonly number[] = [0x10, 0x30]): Cpu {
  const cpu = new Cpu();
  cpu.memory.fill(0x55);
  cpu.memory.set([opcode, ...operand], 0x0200);
  cpu.memory.set([0x00, 0x30], 0x10); // pointer for (zp),Y → $3000
  cpu.memory.set([0x00, 0x30], 0x14); // pointer for (zp,X) with X = 4
  cpu.memory.set([0x00, 0x04], 0xfffe);
  cpu.pc = 0x0200;
  cpu.p = p;
  cpu.x = 4;
  cpu.y = 4;
  cpu.sp = 0xf0;
  cpu.step();
  return cpu;
}

describe('branch conditions', () => {
  const branches = INSTRUCTION_SET.filter((info) => info.branch !== undefined);

  it('are given for exactly the eight conditional branches', () => {
    expect(branches.map((info) => info.mnemonic).sort()).toEqual(['BCC', 'BCS', 'BEQ', 'BMI', 'BNE', 'BPL', 'BVC', 'BVS']);
  });

  it.each(branches.map((info) => [info.mnemonic, info] as const))('%s branches exactly when the table says', (_, info) => {
    for (let p = 0x20; p < 0x100; p += 1) {
      if (p & 0x10) continue;
      const cpu = runOne(info.opcode, p, [0x10]);
      expect(cpu.pc === 0x0212, `P=${p.toString(16)}`).toBe(branchTaken(info.branch!, p));
    }
  });
});

describe('stack effects', () => {
  it.each(INSTRUCTION_SET.filter((info) => info.opcodeClass !== 'jam').map((info) => [info.opcode.toString(16), info] as const))(
    'opcode $%s moves SP the way the table says',
    (_, info) => {
      const cpu = runOne(info.opcode, 0x20);
      const moved = cpu.sp - 0xf0;
      // TAS and TXS set SP themselves; LAS loads it: they are not pushes or pulls.
      if (['TXS', 'TAS', 'LAS'].includes(info.mnemonic)) return;
      if (info.stack === 'push') expect(moved).toBeLessThan(0);
      else if (info.stack === 'pull') expect(moved).toBeGreaterThan(0);
      else expect(moved).toBe(0);
    },
  );
});

describe('memory access', () => {
  it.each(
    INSTRUCTION_SET.filter((info) => !['implied', 'accumulator', 'immediate', 'relative', 'indirect'].includes(info.mode) && info.mnemonic !== 'JMP' && info.mnemonic !== 'JSR').map(
      (info) => [info.opcode.toString(16), info] as const,
    ),
  )('opcode $%s reads, writes or modifies memory as the table says', (_, info) => {
    const cpu = runOne(info.opcode, 0x20);
    const accesses: string[] = [];
    cpu.readHooks.fill(1);
    cpu.writeHooks.fill(1);
    cpu.bus = {
      read: (address) => (accesses.push('read'), cpu.memory[address]!),
      write: (address, value) => {
        accesses.push('write');
        cpu.memory[address] = value;
      },
      peek: (address) => cpu.memory[address]!,
    };
    cpu.memory.set([info.opcode, 0x10, 0x30], 0x0200);
    cpu.pc = 0x0200;
    cpu.sp = 0xf0;
    cpu.step();
    // Pointer reads of the (zp) modes come first; what matters is the operand's own access at the end.
    const last = accesses.slice(-3).join(' ');
    if (info.access === 'write') expect(accesses[accesses.length - 1]).toBe('write');
    if (info.access === 'modify') expect(last).toBe('read write write');
    if (info.access === 'read') expect(accesses).not.toContain('write');
  });
});

describe('the opcode an assembler emits', () => {
  it('prefers the documented opcode, then the lowest, and knows ca65 spellings', () => {
    const all = opcodeIndex(() => true);
    expect(all.get('SBC')!.get('immediate')!.opcode).toBe(0xe9);
    expect(all.get('NOP')!.get('implied')!.opcode).toBe(0xea);
    expect(all.get('NOP')!.get('immediate')!.opcode).toBe(0x80);
    expect(all.get('AXS')!.get('immediate')!.opcode).toBe(0xcb);
    expect(all.get('LAX')!.get('immediate')!.opcode).toBe(0xab);
    expect(opcodeIndex((info) => info.documented).has('LAX')).toBe(false);
  });
});

describe('oppositeBranch', () => {
  it('pairs each conditional branch with the one testing its flag the other way, and nothing else', () => {
    const pairs = [['BEQ', 'BNE'], ['BCC', 'BCS'], ['BMI', 'BPL'], ['BVC', 'BVS']] as const;
    for (const [one, other] of pairs) {
      expect(oppositeBranch(one)).toBe(other);
      expect(oppositeBranch(other)).toBe(one);
    }
    expect(oppositeBranch('JMP')).toBeUndefined();
    expect(oppositeBranch('BRA')).toBeUndefined();
  });
});

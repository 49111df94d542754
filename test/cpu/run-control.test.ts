// How run() ends and what machines and debuggers hook into: budgets, JAM, traps, BRK stop, stop requests,
// breakpoints, onInstruction, and the page hooks that send device pages through the bus.
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { makeCpu } from './harness.js';

/** loop: INX / JMP loop — runs forever, 5 cycles a turn. */
const LOOP = [0xe8, 0x4c, 0x00, 0x02];

describe('run(budget)', () => {
  it('runs whole instructions until at least the budget has passed', () => {
    const cpu = makeCpu(LOOP);
    expect(cpu.run(12)).toBe('budget');
    expect(cpu.cycles).toBe(12); // INX 2, JMP 3, INX 2, JMP 3, INX 2
    expect(cpu.instructions).toBe(5);
    expect(cpu.run(1)).toBe('budget');
    expect(cpu.cycles).toBe(15); // a whole JMP, never part of one
    expect(cpu.stopReason).toBe('budget');
  });

  it('step() runs one instruction and returns its cycles', () => {
    const cpu = makeCpu(LOOP);
    expect(cpu.step()).toBe(2);
    expect(cpu.step()).toBe(3);
    expect(cpu.instructions).toBe(2);
    expect(cpu.instructionStart).toBe(0x0201);
  });
});

describe('JAM', () => {
  it('halts the chip: run() returns "jam" with PC left on the JAM opcode', () => {
    const cpu = makeCpu([0xe8, 0x02, 0xe8]); // INX / JAM / INX
    expect(cpu.run(1000)).toBe('jam');
    expect(cpu.jammed).toBe(true);
    expect(cpu.pc).toBe(0x0201);
    expect(cpu.instructionStart).toBe(0x0201);
    expect(cpu.x).toBe(1);
  });

  it('a jammed chip does nothing until reset()', () => {
    const cpu = makeCpu([0x02], { memory: { 0xfffc: 0x00, 0xfffd: 0x03, 0x0300: 0xe8 } });
    cpu.run(10);
    const cycles = cpu.cycles;
    expect(cpu.run(100)).toBe('jam');
    expect(cpu.step()).toBe(0);
    expect(cpu.cycles).toBe(cycles);
    cpu.reset();
    expect(cpu.jammed).toBe(false);
    cpu.step();
    expect(cpu.x).toBe(1);
  });

  it('every one of the 12 JAM opcodes jams', () => {
    for (const opcode of [0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2]) {
      expect(makeCpu([opcode]).run(10), `$${opcode.toString(16)}`).toBe('jam');
    }
  });
});

describe('traps (options.detectTraps)', () => {
  it('a JMP to its own address ends the run with "trap"', () => {
    const cpu = makeCpu([0xe8, 0x4c, 0x01, 0x02], { options: { detectTraps: true } }); // INX / here: JMP here
    expect(cpu.run(1_000_000)).toBe('trap');
    expect(cpu.instructionStart).toBe(0x0201);
    expect(cpu.pc).toBe(0x0201);
    expect(cpu.cycles).toBe(5);
  });

  it('a taken branch to itself ends the run with "trap"', () => {
    const cpu = makeCpu([0xd0, 0xfe], { options: { detectTraps: true } }); // here: BNE here
    expect(cpu.run(1_000_000)).toBe('trap');
    expect(cpu.instructionStart).toBe(0x0200);
  });

  it('a branch to itself that is not taken is no trap', () => {
    const cpu = makeCpu([0xd0, 0xfe, 0x02], { z: true, options: { detectTraps: true } }); // BNE * (not taken) / JAM
    expect(cpu.run(100)).toBe('jam');
  });

  it('without detectTraps the loop just spends the budget', () => {
    const cpu = makeCpu([0x4c, 0x00, 0x02]); // here: JMP here
    expect(cpu.run(300)).toBe('budget');
    expect(cpu.cycles).toBe(300);
  });
});

describe("BRK stop (options.brk = 'stop')", () => {
  it('ends run() with "brk" before executing it: PC at the BRK, nothing pushed', () => {
    const cpu = makeCpu([0xe8, 0x00], { options: { brk: 'stop' } }); // INX / BRK
    expect(cpu.run(1000)).toBe('brk');
    expect(cpu.pc).toBe(0x0201);
    expect(cpu.sp).toBe(0xfd);
    expect(cpu.cycles).toBe(2);
    expect(cpu.instructions).toBe(1);
    expect(cpu.instructionStart).toBe(0x0201);
  });

  it("by default BRK interrupts, as on the real chip", () => {
    const cpu = makeCpu([0x00], { memory: { 0xfffe: 0x00, 0xffff: 0x03, 0x0300: 0x02 } });
    expect(cpu.run(100)).toBe('jam'); // got to the handler at $0300
    expect(cpu.sp).toBe(0xfa);
  });
});

describe('requestStop()', () => {
  it('makes the current run return "stop-requested" after the current instruction', () => {
    const cpu = makeCpu([0x8d, 0x00, 0xf0, 0xe8, 0x4c, 0x03, 0x02]); // STA $F000 / loop: INX / JMP loop
    cpu.writeHooks[0xf0] = 1;
    cpu.bus = { read: () => 0, write: () => cpu.requestStop(), peek: () => 0 };
    expect(cpu.run(1_000_000)).toBe('stop-requested');
    expect(cpu.pc).toBe(0x0203);
    expect(cpu.instructions).toBe(1);
    expect(cpu.run(10)).toBe('budget'); // the request was used up
  });
});

describe('page hooks: only flagged pages go through the bus', () => {
  it('reads and writes of plain pages never call the bus', () => {
    const cpu = makeCpu([0xad, 0x00, 0x30, 0x8d, 0x01, 0x30]); // LDA $3000 / STA $3001
    cpu.bus = {
      read: () => {
        throw new Error('bus read');
      },
      write: () => {
        throw new Error('bus write');
      },
      peek: () => 0,
    };
    cpu.memory[0x3000] = 0x66;
    cpu.run(8);
    expect(cpu.memory[0x3001]).toBe(0x66);
  });

  it('data reads and writes of a flagged page go through the bus', () => {
    const cpu = makeCpu([0xad, 0x04, 0xf0, 0x8d, 0x01, 0xf0]); // LDA $F004 / STA $F001
    const log: string[] = [];
    cpu.readHooks[0xf0] = 1;
    cpu.writeHooks[0xf0] = 1;
    cpu.bus = {
      read: (address) => (log.push(`read ${address.toString(16)}`), 0x41),
      write: (address, value) => log.push(`write ${address.toString(16)} ${value.toString(16)}`),
      peek: () => 0,
    };
    cpu.run(8);
    expect(log).toEqual(['read f004', 'write f001 41']);
    expect(cpu.memory[0xf001]).toBe(0); // the bus took the write, RAM did not
  });

  it('a read-modify-write on a flagged page writes the old byte back, then the new one (as the NMOS chip does)', () => {
    const cpu = makeCpu([0xee, 0x10, 0xf0]); // INC $F010
    const log: string[] = [];
    cpu.readHooks[0xf0] = 1;
    cpu.writeHooks[0xf0] = 1;
    cpu.bus = {
      read: (address) => (log.push(`read ${address.toString(16)}`), 0x41),
      write: (address, value) => log.push(`write ${address.toString(16)} ${value.toString(16)}`),
      peek: () => 0,
    };
    expect(cpu.step()).toBe(6);
    expect(log).toEqual(['read f010', 'write f010 41', 'write f010 42']);
  });

  it('the default bus is the CPU memory itself', () => {
    const cpu = new Cpu();
    cpu.bus.write(0x1234, 0x56);
    expect(cpu.memory[0x1234]).toBe(0x56);
    expect(cpu.bus.read(0x1234)).toBe(0x56);
  });
});

describe('debugger hooks (instrumented)', () => {
  it('breakpoints are ignored by the lean loop', () => {
    const cpu = makeCpu(LOOP);
    cpu.breakpoints[0x0201] = 1;
    expect(cpu.run(50)).toBe('budget');
  });

  it('an instrumented run stops at a breakpoint before executing it', () => {
    const cpu = makeCpu(LOOP);
    cpu.instrumented = true;
    cpu.breakpoints[0x0201] = 1;
    expect(cpu.run(1000)).toBe('breakpoint');
    expect(cpu.pc).toBe(0x0201);
    expect(cpu.instructionStart).toBe(0x0201);
    expect(cpu.x).toBe(1);
  });

  it('a run starting on a breakpoint moves off it (continue)', () => {
    const cpu = makeCpu(LOOP);
    cpu.instrumented = true;
    cpu.breakpoints[0x0200] = 1;
    expect(cpu.run(1000)).toBe('breakpoint');
    expect(cpu.pc).toBe(0x0200);
    expect(cpu.x).toBe(1); // one whole turn of the loop ran
  });

  it('onInstruction sees every instruction and can stop the run', () => {
    const cpu = makeCpu(LOOP);
    const seen: number[] = [];
    cpu.instrumented = true;
    cpu.onInstruction = (c) => {
      seen.push(c.pc);
      return c.x === 2;
    };
    expect(cpu.run(1000)).toBe('breakpoint');
    expect(seen).toEqual([0x0200, 0x0201, 0x0200, 0x0201]); // stopped before the JMP, once X reached 2
    expect(cpu.pc).toBe(0x0201);
    expect(cpu.x).toBe(2);
  });

  it('an instrumented run counts cycles and instructions exactly like the lean one', () => {
    const lean = makeCpu(LOOP);
    const checked = makeCpu(LOOP);
    checked.instrumented = true;
    lean.run(1001);
    checked.run(1001);
    expect([checked.cycles, checked.instructions, checked.x, checked.pc]).toEqual([lean.cycles, lean.instructions, lean.x, lean.pc]);
  });
});

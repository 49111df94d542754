// Which lean loop a wasm Cpu runs: the wasm core, unless zero page is hooked (a device or a watchpoint there),
// where every access would call out of WebAssembly; then the TypeScript loop, on the same memory and registers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import { ENGINES } from '../../src/cpu/engine/loops.js';

/** LDX #0 / loop: INC $10 / INX / BNE loop / BRK: 256 increments of a zero-page byte. */
const PROGRAM = [0xa2, 0x00, 0xe6, 0x10, 0xe8, 0xd0, 0xfb, 0x00];

function loaded(): Cpu {
  const cpu = new Cpu({ core: 'wasm', brk: 'stop' });
  cpu.memory.set(PROGRAM, 0x0600);
  cpu.pc = 0x0600;
  return cpu;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a wasm Cpu with zero page hooked', () => {
  it('runs the TypeScript lean loop, calling the bus for each zero-page access', () => {
    const lean = vi.spyOn(ENGINES['6502'], 'lean');
    const cpu = loaded();
    const accesses: string[] = [];
    const memory = cpu.memory;
    cpu.bus = {
      peek: (address) => memory[address]!,
      read: (address) => (accesses.push(`r${address}`), memory[address]!),
      write: (address, value) => {
        accesses.push(`w${address}`);
        memory[address] = value;
      },
    };
    cpu.readHooks[0] = 1;
    cpu.writeHooks[0] = 1;
    expect(cpu.run(100_000)).toBe('brk');
    expect(lean).toHaveBeenCalled();
    expect(cpu.memory[0x10]).toBe(0); // 256 increments
    expect(accesses.filter((access) => access === 'w16')).toHaveLength(2 * 256); // INC writes twice (NMOS)
    expect(cpu.makesPeriodicPokes).toBe(false);
  });

  it('runs the wasm core again once zero page is plain, with the same result', () => {
    const lean = vi.spyOn(ENGINES['6502'], 'lean');
    const cpu = loaded();
    expect(cpu.run(100_000)).toBe('brk');
    expect(lean).not.toHaveBeenCalled();
    expect(cpu.memory[0x10]).toBe(0);
    expect(cpu.makesPeriodicPokes).toBe(true);
  });

  it('ends with the same registers and cycles on either loop', () => {
    const plain = loaded();
    plain.run(100_000);
    const hooked = loaded();
    hooked.readHooks[0] = 1;
    hooked.writeHooks[0] = 1;
    hooked.run(100_000);
    const registers = (cpu: Cpu) => ({ a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, p: cpu.p, pc: cpu.pc, cycles: cpu.cycles, instructions: cpu.instructions });
    expect(registers(hooked)).toEqual(registers(plain));
  });
});

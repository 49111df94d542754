// The readable loop (execute.ts runLean) and the generated ones the CPU runs (the TypeScript lean loop and
// the WebAssembly core) must behave identically: every opcode from many random states, and random code run
// for a while, compared register by register and byte by byte.
import { beforeAll, describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.js';
import type { StopReason } from '../../src/cpu/cpu.js';
import { runChecked } from '../../src/cpu/engine/checked-loop.js';
import { runLean } from '../../src/cpu/execute.js';
import { CPU_VARIANTS, type CpuVariant } from '../../src/cpu/variants.js';

/** A small deterministic generator (xorshift32), so a failure can be replayed. */
function randomBytes(seed: number): () => number {
  let state = seed || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 0xff;
  };
}

/** One random 64 KiB image shared by every sample; each sample then randomizes page 0 and its code bytes. */
const BASE_MEMORY = (() => {
  const next = randomBytes(0x6502);
  return Uint8Array.from({ length: 0x10000 }, () => next());
})();

/** The variant the tests below run on (set by each describe). */
let variant: CpuVariant = '6502';

function randomCpu(seed: number, opcode: number | undefined, core: 'js' | 'wasm' = 'js'): Cpu {
  const next = randomBytes(seed);
  const cpu = new Cpu({ core, variant });
  cpu.memory.set(BASE_MEMORY);
  for (let address = 0; address < 0x100; address++) cpu.memory[address] = next();
  cpu.a = next();
  cpu.x = next();
  cpu.y = next();
  cpu.sp = next();
  cpu.p = (next() | 0x20) & ~0x10;
  cpu.pc = (next() << 8) | next();
  for (let offset = 0; offset < 3; offset++) cpu.memory[(cpu.pc + offset) & 0xffff] = next();
  if (opcode !== undefined) cpu.memory[cpu.pc] = opcode;
  return cpu;
}

function state(cpu: Cpu): unknown {
  const { a, x, y, sp, pc, p, cycles, instructions, jammed, waiting, stopReason, instructionStart } = cpu;
  return { a, x, y, sp, pc, p, cycles, instructions, jammed, waiting, stopReason, instructionStart };
}

const runLeanInlined = (cpu: Cpu, budget: number): StopReason => cpu.engine.lean(cpu, budget);
const runCheckedInlined = (cpu: Cpu, budget: number): StopReason => cpu.engine.checked(cpu, budget);

/** The generated loops: each runs a Cpu made for it, as cpu.run() would with no debugger attached. */
const GENERATED_LOOPS: readonly {
  readonly name: string;
  readonly variant: CpuVariant;
  readonly core: 'js' | 'wasm';
  readonly run: (cpu: Cpu, budget: number) => StopReason;
}[] = [
  ...CPU_VARIANTS.map((name) => ({ name: `the generated TypeScript lean loop of the ${name}`, variant: name, core: 'js' as const, run: runLeanInlined })),
  ...CPU_VARIANTS.map((name) => ({ name: `the WebAssembly core of the ${name}`, variant: name, core: 'wasm' as const, run: (cpu: Cpu, budget: number) => cpu.run(budget) })),
];

describe.each(GENERATED_LOOPS)('readable loop and $name agree', ({ variant: loopVariant, core, run }) => {
  beforeAll(() => {
    variant = loopVariant;
  });

  it('on every opcode from 12 random states each', () => {
    for (let opcode = 0; opcode < 256; opcode++) {
      for (let sample = 0; sample < 12; sample++) {
        const seed = opcode * 1000 + sample + 1;
        const readable = randomCpu(seed, opcode);
        const generated = randomCpu(seed, opcode, core);
        runLean(readable, 1);
        run(generated, 1);
        expect(state(generated), `opcode $${opcode.toString(16)}, seed ${seed}`).toEqual(state(readable));
        expect(Buffer.compare(generated.memory, readable.memory), `memory, seed ${seed}`).toBe(0);
      }
    }
  });

  it('on random code run for 2,000 cycles, with IRQs and traps on', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const readable = randomCpu(seed, undefined);
      const generated = randomCpu(seed, undefined, core);
      for (const cpu of [readable, generated]) {
        cpu.options.detectTraps = true;
        cpu.irqLine = seed & 1;
      }
      runLean(readable, 2000);
      run(generated, 2000);
      expect(state(generated), `seed ${seed}`).toEqual(state(readable));
      expect(Buffer.compare(generated.memory, readable.memory), `memory, seed ${seed}`).toBe(0);
    }
  });

  it('on random code with every page on the bus: devices see the same CPU state, and their interrupts and stops land alike', () => {
    // The generated loop keeps pc and the counters in locals and writes them back before each bus call; a
    // device that reads the cycle counter, or raises NMI, IRQ or a stop from inside an access, must not tell.
    for (let seed = 1; seed <= 60; seed++) {
      const logs: string[][] = [[], []];
      const [readable, generated] = [0, 1].map((index) => {
        const cpu = randomCpu(seed, undefined, index === 0 ? 'js' : core);
        const log = logs[index]!;
        let accesses = 0;
        const react = (): void => {
          accesses++;
          if (accesses % 97 === 0) cpu.nmi();
          if (accesses % 61 === 0) cpu.irqLine = cpu.irqLine === 0 ? 1 : 0;
          if (accesses % 503 === 0) cpu.requestStop();
        };
        cpu.bus = {
          read: (address) => {
            log.push(`read ${address} pc=${cpu.pc} at=${cpu.instructionStart} cycles=${cpu.cycles} n=${cpu.instructions} a=${cpu.a} p=${cpu.p}`);
            react();
            return cpu.memory[address]!;
          },
          write: (address, value) => {
            log.push(`write ${address}=${value} pc=${cpu.pc} at=${cpu.instructionStart} cycles=${cpu.cycles} n=${cpu.instructions}`);
            react();
            cpu.memory[address] = value;
          },
          peek: (address) => cpu.memory[address]!,
        };
        cpu.readHooks.fill(1);
        cpu.writeHooks.fill(1);
        cpu.options.detectTraps = true;
        return cpu;
      }) as [Cpu, Cpu];
      const reasons = [runLean(readable, 3000), run(generated, 3000)];
      if (reasons[0] === 'stop-requested') reasons.push(runLean(readable, 3000), run(generated, 3000));
      expect(reasons[1], `seed ${seed}`).toBe(reasons[0]);
      expect(reasons[3], `seed ${seed}`).toBe(reasons[2]);
      expect(logs[1], `seed ${seed}`).toEqual(logs[0]);
      expect(state(generated), `seed ${seed}`).toEqual(state(readable));
      expect(Buffer.compare(generated.memory, readable.memory), `memory, seed ${seed}`).toBe(0);
    }
  });

});

describe('the checked loops agree', () => {
  it('the generated checked loop stops where the stepping one does (breakpoints, onInstruction, teaching mode)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const next = randomBytes(seed * 7919);
      const stepping = randomCpu(seed, undefined);
      const generated = randomCpu(seed, undefined);
      const breakpoints = Array.from({ length: 64 }, () => (next() << 8) | next());
      const stopAfter = 1 + next() * 4;
      const seen: number[][] = [[], []];
      [stepping, generated].forEach((cpu, index) => {
        cpu.instrumented = true;
        cpu.options.undocumented = seed % 3 === 0 ? 'stop' : 'execute';
        for (const address of breakpoints) cpu.breakpoints[address] = 1;
        cpu.onInstruction = (c) => seen[index]!.push(c.pc) >= stopAfter;
      });
      const steppingReason = runChecked(stepping, 5000);
      const generatedReason = runCheckedInlined(generated, 5000);
      expect(generatedReason, `seed ${seed}`).toBe(steppingReason);
      expect(state(generated), `seed ${seed}`).toEqual(state(stepping));
      expect(seen[1], `seed ${seed}`).toEqual(seen[0]);
      expect(Buffer.compare(generated.memory, stepping.memory), `memory, seed ${seed}`).toBe(0);
    }
  });
});

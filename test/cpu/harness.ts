/**
 * A small harness for CPU tests: put a program at $0200, set registers, run one instruction, and get back
 * the cycles it took and exactly what changed (registers, flags and memory), so every test can also say
 * "and nothing else moved".
 */
import { Cpu, type CpuOptions } from '../../src/cpu/cpu.js';
import { Flag } from '../../src/cpu/flags.js';

/** Where test programs are placed unless a test says otherwise. */
export const ORIGIN = 0x0200;

export interface FlagSetup {
  n?: boolean;
  v?: boolean;
  d?: boolean;
  i?: boolean;
  z?: boolean;
  c?: boolean;
}

export interface Setup extends FlagSetup {
  a?: number;
  x?: number;
  y?: number;
  sp?: number;
  pc?: number;
  /** Bytes to store before the run, by address. */
  memory?: Record<number, number>;
  options?: CpuOptions;
}

/** What one instruction changed; absent keys did not change. */
export interface Changes extends FlagSetup {
  a?: number;
  x?: number;
  y?: number;
  sp?: number;
  pc?: number;
  memory?: Record<number, number>;
}

const FLAG_BITS: ReadonlyArray<[keyof FlagSetup, number]> = [
  ['n', Flag.Negative],
  ['v', Flag.Overflow],
  ['d', Flag.Decimal],
  ['i', Flag.InterruptDisable],
  ['z', Flag.Zero],
  ['c', Flag.Carry],
];

/** A Cpu with `program` at `setup.pc` (default $0200) and the registers, flags and memory asked for. */
export function makeCpu(program: readonly number[], setup: Setup = {}): Cpu {
  const cpu = new Cpu(setup.options);
  const origin = setup.pc ?? ORIGIN;
  program.forEach((byte, offset) => {
    cpu.memory[(origin + offset) & 0xffff] = byte;
  });
  for (const [address, value] of Object.entries(setup.memory ?? {})) cpu.memory[Number(address)] = value;
  cpu.pc = origin;
  cpu.a = setup.a ?? 0;
  cpu.x = setup.x ?? 0;
  cpu.y = setup.y ?? 0;
  cpu.sp = setup.sp ?? 0xfd;
  let p = Flag.Unused; // I starts clear so interrupt tests opt in to masking
  for (const [name, mask] of FLAG_BITS) if (setup[name]) p |= mask;
  cpu.p = p;
  return cpu;
}

interface Snapshot {
  a: number;
  x: number;
  y: number;
  sp: number;
  pc: number;
  p: number;
  memory: Uint8Array;
}

export function snapshot(cpu: Cpu): Snapshot {
  return { a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p, memory: cpu.memory.slice() };
}

/** Everything that differs between two snapshots. */
export function changesBetween(before: Snapshot, after: Snapshot): Changes {
  const changes: Changes = {};
  for (const name of ['a', 'x', 'y', 'sp', 'pc'] as const) {
    if (before[name] !== after[name]) changes[name] = after[name];
  }
  for (const [name, mask] of FLAG_BITS) {
    if ((before.p & mask) !== (after.p & mask)) changes[name] = (after.p & mask) !== 0;
  }
  const memory: Record<number, number> = {};
  let memoryChanged = false;
  for (let address = 0; address < 0x10000; address++) {
    if (before.memory[address] !== after.memory[address]) {
      memory[address] = after.memory[address]!;
      memoryChanged = true;
    }
  }
  if (memoryChanged) changes.memory = memory;
  return changes;
}

export interface StepResult {
  cycles: number;
  changes: Changes;
  cpu: Cpu;
}

/** Runs exactly one instruction of `program` and reports its cycles and every change it made. */
export function stepOnce(program: readonly number[], setup: Setup = {}): StepResult {
  const cpu = makeCpu(program, setup);
  const before = snapshot(cpu);
  const cycles = cpu.step();
  return { cycles, changes: changesBetween(before, snapshot(cpu)), cpu };
}

/** Steps `count` instructions and returns the cycles they took together. */
export function stepMany(cpu: Cpu, count: number): number {
  let cycles = 0;
  for (let index = 0; index < count; index++) cycles += cpu.step();
  return cycles;
}

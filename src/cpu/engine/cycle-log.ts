/**
 * The bus, cycle by cycle: what the chip puts on the address bus in each clock cycle of an instruction,
 * dummy reads included, as [address, value, 'read' | 'write'] entries. The fast loops do not model this;
 * when `cpu.cycleLog` is an array, the checked loop calls `stepWithCycleLog`, which plans the cycles of the
 * next instruction from its addressing mode (the sequences in the NMOS data sheets and "64doc"), runs the
 * instruction with every write recorded, and fills in the written bytes. Slow on purpose: for conformance
 * tests and for showing a learner what a cycle is.
 */
import type { Cpu, StopReason } from '../cpu.js';
import { INSTRUCTION_SET, branchTaken } from '../instruction-set.js';
import type { AddressingMode, MemoryAccess } from '../instruction-set.js';

/** One clock cycle on the bus. */
export type BusCycle = readonly [address: number, value: number, kind: 'read' | 'write'];

/** A write whose address and value are known only once the instruction has run. */
const WRITE = 'write';
type PlannedCycle = BusCycle | typeof WRITE;

type Access = MemoryAccess;

/** Plans one instruction's (or interrupt entry's) cycles from the state before it runs. */
class Planner {
  readonly cycles: PlannedCycle[] = [];
  constructor(private readonly cpu: Cpu) {}

  /** A byte as it is now, without side effects (device pages answer through bus.peek). */
  peek(address: number): number {
    const cpu = this.cpu;
    address &= 0xffff;
    return cpu.readHooks[address >>> 8] === 0 ? cpu.memory[address]! : cpu.bus.peek(address) & 0xff;
  }

  read(address: number): number {
    const value = this.peek(address);
    this.cycles.push([address & 0xffff, value, 'read']);
    return value;
  }

  write(): void {
    this.cycles.push(WRITE);
  }

  stack(offset: number): number {
    return 0x0100 | ((this.cpu.sp + offset) & 0xff);
  }

  /** The last cycle(s): the data access itself. */
  access(address: number, kind: Access): void {
    if (kind === 'write') {
      this.write();
    } else if (kind === 'read') {
      this.read(address);
    } else {
      this.read(address);
      this.write(); // the unchanged byte goes back…
      this.write(); // …then the result
    }
  }

  /** abs,X / abs,Y / (zp),Y after the base address is known: the read at the not-yet-fixed address. */
  indexed(base: number, index: number, kind: Access): void {
    const address = (base + index) & 0xffff;
    const unfixed = (base & 0xff00) | (address & 0x00ff);
    if (kind !== 'read' || unfixed !== address) this.read(unfixed);
    this.access(address, kind);
  }

  interruptEntry(vector: number): void {
    const pc = this.cpu.pc;
    this.read(pc);
    this.read(pc);
    this.write();
    this.write();
    this.write();
    this.read(vector);
    this.read(vector + 1);
  }

  instruction(): void {
    const cpu = this.cpu;
    const pc = cpu.pc;
    const info = INSTRUCTION_SET[this.read(pc)]!;
    const next = (pc + 1) & 0xffff;
    const mnemonic = info.mnemonic;
    if (info.branch !== undefined) {
      const offset = this.read(next);
      if (!branchTaken(info.branch, cpu.p)) return;
      const from = (pc + 2) & 0xffff;
      const target = (from + ((offset ^ 0x80) - 0x80)) & 0xffff;
      this.read(from);
      if ((from ^ target) & 0xff00) this.read((from & 0xff00) | (target & 0xff));
      return;
    }
    switch (mnemonic) {
      case 'BRK':
        this.read(next);
        this.write();
        this.write();
        this.write();
        this.read(0xfffe);
        this.read(0xffff);
        return;
      case 'JSR':
        this.read(next);
        this.read(this.stack(0));
        this.write();
        this.write();
        this.read(pc + 2);
        return;
      case 'RTS': {
        this.read(next);
        this.read(this.stack(0));
        const low = this.read(this.stack(1));
        const high = this.read(this.stack(2));
        this.read((high << 8) | low);
        return;
      }
      case 'RTI':
        this.read(next);
        this.read(this.stack(0));
        this.read(this.stack(1));
        this.read(this.stack(2));
        this.read(this.stack(3));
        return;
      case 'PHA':
      case 'PHP':
        this.read(next);
        this.write();
        return;
      case 'PLA':
      case 'PLP':
        this.read(next);
        this.read(this.stack(0));
        this.read(this.stack(1));
        return;
      case 'JMP': {
        const low = this.read(next);
        const high = this.read(pc + 2);
        if (info.mode === 'indirect') {
          const pointer = (high << 8) | low;
          this.read(pointer);
          this.read((pointer & 0xff00) | ((pointer + 1) & 0xff));
        }
        return;
      }
      case 'JAM':
        this.read(next);
        return;
      default:
        this.operand(info.mode, info.access);
    }
  }

  private operand(mode: AddressingMode, kind: Access): void {
    const cpu = this.cpu;
    const pc = cpu.pc;
    switch (mode) {
      case 'implied':
      case 'accumulator':
      case 'immediate':
        this.read(pc + 1);
        return;
      case 'zeroPage':
        this.access(this.read(pc + 1), kind);
        return;
      case 'zeroPageX':
      case 'zeroPageY': {
        const base = this.read(pc + 1);
        this.read(base); // the chip reads the unindexed address while it adds
        this.access((base + (mode === 'zeroPageX' ? cpu.x : cpu.y)) & 0xff, kind);
        return;
      }
      case 'absolute': {
        const low = this.read(pc + 1);
        this.access((this.read(pc + 2) << 8) | low, kind);
        return;
      }
      case 'absoluteX':
      case 'absoluteY': {
        const low = this.read(pc + 1);
        const base = (this.read(pc + 2) << 8) | low;
        this.indexed(base, mode === 'absoluteX' ? cpu.x : cpu.y, kind);
        return;
      }
      case 'indexedIndirectX': {
        const pointer = this.read(pc + 1);
        this.read(pointer);
        const at = (pointer + cpu.x) & 0xff;
        const low = this.read(at);
        this.access((this.read((at + 1) & 0xff) << 8) | low, kind);
        return;
      }
      case 'indirectIndexedY': {
        const pointer = this.read(pc + 1);
        const low = this.read(pointer);
        const base = (this.read((pointer + 1) & 0xff) << 8) | low;
        this.indexed(base, cpu.y, kind);
        return;
      }
      default:
        return;
    }
  }
}

/**
 * Runs one instruction (or interrupt entry) through the lean loop and appends its bus cycles to `log`.
 * Every write is caught by routing all pages through a recording bus for the duration of the step.
 */
export function stepWithCycleLog(cpu: Cpu, log: BusCycle[]): StopReason {
  const planner = new Planner(cpu);
  const interrupt = cpu.nmiPending || (!cpu.irqDelayed && cpu.irqLine !== 0 && (cpu.p & 0x04) === 0);
  if (interrupt) planner.interruptEntry(cpu.nmiPending ? 0xfffa : 0xfffe);
  else planner.instruction();

  const writes: (readonly [number, number])[] = [];
  const bus = cpu.bus;
  const hooked = cpu.writeHooks.slice();
  const memory = cpu.memory;
  cpu.bus = {
    read: (address) => bus.read(address),
    peek: (address) => bus.peek(address),
    write: (address, value) => {
      writes.push([address, value]);
      if (hooked[address >>> 8] !== 0) bus.write(address, value);
      else memory[address] = value;
    },
  };
  cpu.writeHooks.fill(1);
  const cyclesBefore = cpu.cycles;
  let reason: StopReason;
  try {
    reason = cpu.engine.lean(cpu, 1);
  } finally {
    cpu.writeHooks.set(hooked);
    cpu.bus = bus;
  }
  if (cpu.cycles === cyclesBefore) return reason; // stopped before doing anything

  // Fill in the writes in order; a read of a byte written earlier in the same step sees the new value.
  const written = new Map<number, number>();
  let nextWrite = 0;
  for (const cycle of planner.cycles) {
    if (cycle === WRITE) {
      const [address, value] = writes[nextWrite++] ?? [0, 0];
      written.set(address, value);
      log.push([address, value, 'write']);
    } else {
      const value = written.get(cycle[0]);
      log.push(value === undefined ? cycle : [cycle[0], value, 'read']);
    }
  }
  return reason;
}

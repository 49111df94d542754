/**
 * The bus, cycle by cycle: what the chip puts on the address bus in each clock cycle of an instruction,
 * dummy reads included, as [address, value, 'read' | 'write'] entries. The fast loops do not model this;
 * when `cpu.cycleLog` is an array, the checked loop calls `stepWithCycleLog`, which plans the cycles of the
 * next instruction from its row in the variant's table (addressing mode, access, length, cycles) and the
 * variant's bus pattern (variants.ts: where the NMOS chip and the 65C02 differ in their idle cycles), runs the
 * instruction with every write recorded, and fills in the written bytes. The sequences per mode are those of
 * the NMOS data sheets and "64doc", and of WDC's W65C02S data sheet. Slow on purpose: for conformance tests
 * and for showing a learner what a cycle is.
 */
import type { Cpu, StopReason } from '../cpu.js';
import { branchTaken } from '../instruction-set.js';
import { Vector, interruptDue } from '../interrupts.js';
import type { InstructionInfo, MemoryAccess } from '../instruction-set.js';
import { VARIANTS, type BusPattern } from '../variants.js';
import { STACK_BASE } from '../stack.js';

/** One clock cycle on the bus. */
export type BusCycle = readonly [address: number, value: number, kind: 'read' | 'write'];

/** A write whose address and value are known only once the instruction has run. */
const WRITE = 'write';
type PlannedCycle = BusCycle | typeof WRITE;

const DECIMAL = 0x08;

/** Plans one instruction's (or interrupt entry's) cycles from the state before it runs. */
class Planner {
  readonly cycles: PlannedCycle[] = [];
  private readonly rows: readonly InstructionInfo[];
  private readonly bus: BusPattern;
  constructor(private readonly cpu: Cpu) {
    const variant = VARIANTS[cpu.variant];
    this.rows = variant.rows;
    this.bus = variant.bus;
  }

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
    return STACK_BASE | ((this.cpu.sp + offset) & 0xff);
  }

  /** The last cycle(s): the data access itself. */
  access(address: number, kind: MemoryAccess): void {
    if (kind === 'write') {
      this.write();
    } else if (kind === 'read') {
      this.read(address);
    } else {
      this.read(address);
      if (this.bus.modifyMiddle === 'writeBack') this.write(); // the unchanged byte goes back (NMOS)…
      else this.read(address); // …or is read again while the ALU works (65C02)
      this.write(); // then the result
    }
  }

  /**
   * abs,X / abs,Y / (zp),Y once the base address is known: the cycle spent on the index's carry, then the
   * access. Reads (and the 65C02's shifts, whose rows pay for a page crossing only) spend it only when the index
   * crosses a page; other stores and read-modify-writes always do. `lastByte` is the instruction's last byte.
   */
  indexed(base: number, index: number, row: InstructionInfo, lastByte: number): void {
    const address = (base + index) & 0xffff;
    const crossed = ((base ^ address) & 0xff00) !== 0;
    const onlyWhenCrossing = row.access === 'read' || row.pageCrossAddsCycle;
    if (crossed || !onlyWhenCrossing) {
      this.read(this.bus.indexCarry === 'unfixed' ? (base & 0xff00) | (address & 0x00ff) : lastByte);
    }
    this.access(address, row.access);
  }

  /** A branch whose offset is at `offsetAt`: taken, one cycle reading the next instruction, and one more across a page. */
  branch(offsetAt: number, taken: boolean): void {
    const offset = this.read(offsetAt);
    if (!taken) return;
    const from = (offsetAt + 1) & 0xffff;
    const target = (from + ((offset ^ 0x80) - 0x80)) & 0xffff;
    this.read(from);
    if ((from ^ target) & 0xff00) this.read((from & 0xff00) | (target & 0xff));
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
    const row = this.rows[this.read(pc)]!;
    const next = (pc + 1) & 0xffff;
    const mnemonic = row.mnemonic;
    if (row.branch !== undefined || mnemonic === 'BRA') {
      this.branch(next, row.branch === undefined || branchTaken(row.branch, cpu.p));
      return;
    }
    if (row.mode === 'zeroPageRelative') {
      // BBRn/BBSn: the byte is read twice (the second time while the bit is tested), then the offset.
      const bit = 1 << (parseInt(mnemonic.slice(3), 10) & 7);
      const zeroPage = this.read(next);
      const value = this.read(zeroPage);
      this.read(zeroPage);
      const whenSet = mnemonic.startsWith('BBS');
      this.branch((pc + 2) & 0xffff, ((value & bit) !== 0) === whenSet);
      return;
    }
    switch (mnemonic) {
      case 'BRK':
        this.read(next);
        this.write();
        this.write();
        this.write();
        this.read(Vector.Irq);
        this.read(Vector.Irq + 1);
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
      case 'PHX':
      case 'PHY':
        this.read(next);
        this.write();
        return;
      case 'PLA':
      case 'PLP':
      case 'PLX':
      case 'PLY':
        this.read(next);
        this.read(this.stack(0));
        this.read(this.stack(1));
        return;
      case 'JMP':
        this.jump(row);
        return;
      case 'JAM':
        this.read(next);
        return;
      case 'WAI':
      case 'STP':
        // Both stop the clock after two more cycles on the next byte (moth's WAI then waits between instructions).
        this.read(next);
        this.read(next);
        return;
      default:
        this.operand(row);
    }
  }

  private jump(row: InstructionInfo): void {
    const pc = this.cpu.pc;
    const low = this.read(pc + 1);
    const high = this.read(pc + 2);
    if (row.mode === 'indirect') {
      const pointer = (high << 8) | low;
      this.read(pointer);
      if (this.bus.indirectJump === 'pageWrap') this.read((pointer & 0xff00) | ((pointer + 1) & 0xff));
      else {
        this.read(pointer + 1);
        this.read(pointer + 1);
      }
    } else if (row.mode === 'absoluteIndexedIndirect') {
      // JMP (abs,X): the low byte is read again while X is added, then the pointer.
      this.read(pc + 1);
      const pointer = (((high << 8) | low) + this.cpu.x) & 0xffff;
      this.read(pointer);
      this.read(pointer + 1);
    }
  }

  private operand(row: InstructionInfo): void {
    const cpu = this.cpu;
    const pc = cpu.pc;
    const kind = row.access;
    let address: number | undefined;
    switch (row.mode) {
      case 'implied':
      case 'accumulator':
        if (row.cycles > 1) this.read(pc + 1); // the 65C02's one-cycle NOPs fetch nothing more
        return;
      case 'immediate':
        this.read(pc + 1);
        break;
      case 'zeroPage':
        this.access((address = this.read(pc + 1)), kind);
        break;
      case 'zeroPageX':
      case 'zeroPageY': {
        const base = this.read(pc + 1);
        this.read(base); // the chip reads the unindexed address while it adds
        this.access((address = (base + (row.mode === 'zeroPageX' ? cpu.x : cpu.y)) & 0xff), kind);
        break;
      }
      case 'absolute': {
        const low = this.read(pc + 1);
        address = (this.read(pc + 2) << 8) | low;
        if (row.opcodeClass === 'reserved') {
          // The 65C02's absolute NOPs never read their address: their other cycles read their last byte again.
          for (let cycle = 3; cycle < row.cycles; cycle++) this.read(pc + 2);
          return;
        }
        this.access(address, kind);
        break;
      }
      case 'absoluteX':
      case 'absoluteY': {
        const low = this.read(pc + 1);
        const base = (this.read(pc + 2) << 8) | low;
        const index = row.mode === 'absoluteX' ? cpu.x : cpu.y;
        address = (base + index) & 0xffff;
        this.indexed(base, index, row, (pc + 2) & 0xffff);
        break;
      }
      case 'indexedIndirectX': {
        const pointer = this.read(pc + 1);
        this.read(pointer);
        const at = (pointer + cpu.x) & 0xff;
        const low = this.read(at);
        this.access((address = (this.read((at + 1) & 0xff) << 8) | low), kind);
        break;
      }
      case 'indirectIndexedY': {
        const pointer = this.read(pc + 1);
        const low = this.read(pointer);
        const base = (this.read((pointer + 1) & 0xff) << 8) | low;
        address = (base + cpu.y) & 0xffff;
        this.indexed(base, cpu.y, row, (pc + 1) & 0xffff);
        break;
      }
      case 'zeroPageIndirect': {
        const pointer = this.read(pc + 1);
        const low = this.read(pointer);
        this.access((address = (this.read((pointer + 1) & 0xff) << 8) | low), kind);
        break;
      }
      default:
        return;
    }
    this.decimalCycle(row, address);
  }

  /** The 65C02's extra cycle for decimal ADC and SBC (bus.decimalCycle): the operand's address read again. */
  private decimalCycle(row: InstructionInfo, address: number | undefined): void {
    const fixed = this.bus.decimalCycle?.[row.mnemonic];
    if (fixed === undefined || (this.cpu.p & DECIMAL) === 0 || !this.cpu.decimalMode) return;
    this.read(address ?? fixed);
  }
}

/**
 * Runs one instruction (or interrupt entry) through the lean loop and appends its bus cycles to `log`.
 * Every write is caught by routing all pages through a recording bus for the duration of the step.
 */
export function stepWithCycleLog(cpu: Cpu, log: BusCycle[]): StopReason {
  const planner = new Planner(cpu);
  const interrupt = interruptDue(cpu);
  if (interrupt !== undefined) planner.interruptEntry(interrupt === 'NMI' ? Vector.Nmi : Vector.Irq);
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

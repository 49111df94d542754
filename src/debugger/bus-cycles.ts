/**
 * The bus during the last step, clock cycle by clock cycle, with what each cycle is for: the step is run again
 * on a scratch CPU from the state before it (registers from the step record, memory with the step's writes
 * undone) with the CPU's cycle log on (src/cpu/engine/cycle-log.ts), so the machine itself is not touched.
 * Devices are not in the scratch machine: a read of a device register shows the RAM byte behind it.
 */
import { Cpu, type BusCycle } from '../cpu/cpu.js';
import { interruptDue } from '../cpu/interrupts.js';
import { VARIANTS, type CpuVariant } from '../cpu/variants.js';
import type { CpuState } from './events.js';
import type { StepDetail } from './session-types.js';
import { STACK_BASE } from '../cpu/stack.js';

export interface BusCycleRecord {
  readonly address: number;
  readonly value: number;
  readonly kind: 'read' | 'write';
  /** What the chip does in this cycle, in a few words: `opcode fetch`, `stack push`, `dummy read`… */
  readonly purpose: string;
}

const VECTORS = 0xfffa;

/** Every bus cycle of `step` on a `variant` CPU; `memoryAfter` is all 64 KiB as the step left them. */
export function busCyclesOf(step: StepDetail, memoryAfter: Uint8Array, variant: CpuVariant = '6502'): BusCycleRecord[] {
  const cpu = new Cpu({ variant });
  cpu.memory.set(memoryAfter.subarray(0, 0x10000));
  for (let index = step.writes.length - 1; index >= 0; index--) {
    const write = step.writes[index]!;
    cpu.memory[write.address] = write.previous;
  }
  const { a, x, y, sp, pc, p } = step.before;
  Object.assign(cpu, { a, x, y, sp, pc, p });
  const log: BusCycle[] = [];
  cpu.cycleLog = log;
  cpu.step();
  return labelCycles(log, step, variant);
}

/** What a face gives to preview the next step: the machine now, not touched. */
export interface NextStepSource {
  readonly state: CpuState;
  readonly machine: { readonly cpu: Cpu };
  readMemory(start: number, length: number): Uint8Array;
  /** The instruction at an address as the face shows it (labels and all). */
  disassemble(address: number, count: number): readonly { readonly text: string }[];
}

/**
 * The bus cycles the next single step will make, from the machine as it is now, on a scratch CPU (the machine
 * is not touched). A step that begins with an interrupt entry (IRQ or NMI due) also runs the handler's first
 * instruction, as a single step does; its cycles follow the entry's.
 */
export function nextBusCycles(source: NextStepSource): { readonly cycles: BusCycleRecord[]; readonly text: string } {
  const live = source.machine.cpu;
  const variant = live.variant;
  const cpu = new Cpu({ variant });
  cpu.memory.set(source.readMemory(0, 0x10000));
  const { a, x, y, sp, pc, p } = source.state;
  Object.assign(cpu, { a, x, y, sp, pc, p });
  const interrupt = interruptDue(live);
  if (interrupt === 'NMI') cpu.nmi();
  else if (interrupt === 'IRQ') cpu.irqLine = 1;
  const cycles: BusCycleRecord[] = [];
  const text = interrupt === undefined ? source.disassemble(pc, 1)[0]?.text ?? '' : `${interrupt} → handler`;
  for (let part = 0; part < (interrupt === undefined ? 1 : 2); part++) {
    const before = { a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p, cycles: cpu.cycles, instructions: cpu.instructions };
    const log: BusCycle[] = [];
    cpu.cycleLog = log;
    cpu.step();
    cpu.cycleLog = undefined;
    if (part === 0 && interrupt === 'IRQ') cpu.irqLine = 0; // the handler's first instruction runs before IRQ is looked at again
    const after = { a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p, cycles: cpu.cycles, instructions: cpu.instructions };
    cycles.push(...labelCycles(log, { before, after }, variant));
  }
  return { cycles, text };
}

/** Names each cycle from where it goes and what the instruction is. */
export function labelCycles(log: readonly BusCycle[], step: Pick<StepDetail, 'before' | 'after'>, variant: CpuVariant = '6502'): BusCycleRecord[] {
  const pc = step.before.pc;
  const opcode = log[0]?.[1] ?? 0;
  const info = VARIANTS[variant].rows[opcode]!;
  const pulledFrom = step.before.sp + 1;
  const pulledTo = step.after.sp;
  const interrupt = log.length > 0 && log[0]![0] !== pc; // an interrupt entry fetches no opcode at PC
  const records: BusCycleRecord[] = [];
  log.forEach(([address, value, kind], index) => {
    const next = log[index + 1];
    const previous = log[index - 1];
    let purpose: string;
    if (index === 0 && !interrupt) purpose = `opcode fetch: ${info.mnemonic}`;
    else if (address >= VECTORS) purpose = address % 2 === 0 ? 'vector, low byte' : 'vector, high byte';
    else if (kind === 'write' && next !== undefined && next[2] === 'write' && next[0] === address) purpose = 'read-modify-write: the old byte written back';
    else if (kind === 'write' && previous !== undefined && previous[2] === 'write' && previous[0] === address) purpose = 'read-modify-write: the result written';
    else if (kind === 'write' && info.access === 'modify' && previous?.[0] === address) purpose = 'read-modify-write: the result written';
    else if (kind === 'write' && (address & 0xff00) === STACK_BASE) purpose = 'stack push';
    else if (kind === 'write') purpose = 'data write';
    else if (!interrupt && info.length > 1 && address > pc && address < pc + info.length) {
      purpose = info.length === 2 ? 'operand' : address === pc + 1 ? 'operand, low byte' : 'operand, high byte';
    } else if ((address & 0xff00) === STACK_BASE) {
      const slot = address & 0xff;
      purpose = slot >= pulledFrom && slot <= pulledTo ? 'stack pull' : 'dummy stack read';
    } else if (isPointerRead(info.mode, address, index, log)) purpose = 'pointer from zero page';
    else if (info.access === 'modify' && previous?.[0] === address && next?.[0] === address && next[2] === 'write') {
      purpose = 'read-modify-write: the byte read again'; // the 65C02's middle cycle
    }
    else if (info.access !== 'write' && isDataRead(index, log, info.access)) purpose = 'data read';
    else purpose = 'dummy read (the address is not final yet)';
    records.push({ address, value, kind, purpose });
  });
  return records;
}

/** Indirect modes read a two-byte pointer from zero page (JMP (abs) from anywhere) before the data. */
function isPointerRead(mode: string, address: number, index: number, log: readonly BusCycle[]): boolean {
  if (mode === 'indirect') return index >= 3;
  if (mode !== 'indexedIndirectX' && mode !== 'indirectIndexedY') return false;
  if (address > 0xff) return false;
  // (zp,X) reads the unindexed zero page byte once as a dummy before the two pointer bytes.
  return !(mode === 'indexedIndirectX' && index === 2);
}

/** The data read is the last read of a reading instruction, or the read just before a modify's two writes. */
function isDataRead(index: number, log: readonly BusCycle[], access: string): boolean {
  if (access === 'modify') return log[index + 1]?.[2] === 'write' || (log[index + 1]?.[0] === log[index]?.[0] && log[index + 2]?.[2] === 'write');
  if (access !== 'read') return false;
  return index === log.length - 1;
}

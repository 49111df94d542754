/**
 * Interrupts: how the chip stops what it is doing and jumps through a vector at the top of memory.
 * IRQ, NMI and BRK share one 7-cycle sequence: push PC, push P, set I, load PC from the vector. They differ
 * in the vector and in the B bit of the pushed P (1 for BRK, 0 for IRQ/NMI), which is how a handler
 * tells them apart. RTI undoes the sequence. RESET pushes nothing (the chip only pretends to).
 */
import type { Cpu } from './cpu.js';
import { statusFromStack, statusPushedByHardware, statusPushedBySoftware } from './flags.js';
import { read } from './memory.js';
import { pull, pullWord, pushWord, push } from './stack.js';

/** Where the chip finds the handler addresses (low byte first). */
export const Vector = {
  Nmi: 0xfffa,
  Reset: 0xfffc,
  Irq: 0xfffe,
} as const;

// The functions below use plain constants, not Vector's fields: the loop and wasm generators inline them
// into code that sees only this file's top-level constants, so Vector's three numbers stand here once more.
const INTERRUPT_DISABLE = 0x04;
const DECIMAL = 0x08;
const NMI_VECTOR = 0xfffa;
const RESET_VECTOR = 0xfffc;
const IRQ_VECTOR = 0xfffe;

/**
 * The interrupt the chip will take before its next instruction, in the order the run loop polls them
 * (runLean in execute.ts): a pending NMI edge, then IRQ unless I is set or a CLI/PLP is still delaying it.
 * For faces that explain a step; the loop keeps its own inline copy because it also clears the state.
 */
export function interruptDue(cpu: Cpu): 'NMI' | 'IRQ' | undefined {
  if (cpu.nmiPending) return 'NMI';
  if (!cpu.irqDelayed && cpu.irqLine !== 0 && (cpu.p & INTERRUPT_DISABLE) === 0) return 'IRQ';
  return undefined;
}

/** Cycles of every interrupt entry (IRQ, NMI, BRK) and of RESET. */
export const INTERRUPT_CYCLES = 7;

/** Reads a vector: the handler address stored at `vector` and `vector + 1`. */
export function readVector(cpu: Cpu, vector: number): number {
  return read(cpu, vector) | (read(cpu, vector + 1) << 8);
}

/** The 65C02 clears D on every interrupt entry, so a handler need not CLD before it adds; the NMOS chip does not. */
function maskInterrupts(cpu: Cpu): void {
  cpu.p |= INTERRUPT_DISABLE;
  if (cpu.cmos) cpu.p &= ~DECIMAL;
}

/** The hardware entry for IRQ and NMI: the interrupted PC is pushed as is, P with B = 0. */
function enterFromHardware(cpu: Cpu, vector: number): void {
  pushWord(cpu, cpu.pc);
  push(cpu, statusPushedByHardware(cpu.p));
  maskInterrupts(cpu);
  cpu.pc = readVector(cpu, vector);
  cpu.cycles += INTERRUPT_CYCLES;
}

/** IRQ: taken between instructions while the IRQ line is asserted and I is clear. */
export function enterIrq(cpu: Cpu): void {
  enterFromHardware(cpu, IRQ_VECTOR);
}

/** NMI: taken once per falling edge, whatever I says. */
export function enterNmi(cpu: Cpu): void {
  enterFromHardware(cpu, NMI_VECTOR);
}

/**
 * BRK: a software interrupt through the IRQ vector. It is a two-byte instruction (the byte after the
 * opcode is skipped, often used as a "signature"), so the pushed return address is BRK + 2. The pushed P
 * has B = 1. The NMOS chip leaves D as it was. The 7 cycles come from the opcode table.
 */
export function breakInstruction(cpu: Cpu): void {
  pushWord(cpu, (cpu.pc + 1) & 0xffff);
  push(cpu, statusPushedBySoftware(cpu.p));
  maskInterrupts(cpu);
  cpu.pc = readVector(cpu, IRQ_VECTOR);
}

/** RTI: pull P (bit 5 reads 1, B is dropped), then PC exactly as pushed (no +1, unlike RTS). */
export function returnFromInterrupt(cpu: Cpu): void {
  cpu.p = statusFromStack(pull(cpu));
  cpu.pc = pullWord(cpu);
}

/**
 * RESET: the chip runs its interrupt sequence with writes turned into reads, so SP drops by 3 and nothing
 * is stored; we set SP to $FD, the value after a power-on. I is set (the 65C02 also clears D) and PC comes
 * from $FFFC.
 */
export function resetSequence(cpu: Cpu): void {
  cpu.sp = 0xfd;
  cpu.p = (cpu.p | INTERRUPT_DISABLE | 0x20) & ~0x10;
  if (cpu.cmos) cpu.p &= ~DECIMAL;
  cpu.pc = readVector(cpu, RESET_VECTOR);
  cpu.cycles += INTERRUPT_CYCLES;
}

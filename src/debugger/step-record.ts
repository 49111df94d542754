/**
 * The record of one single step, for the registers pane and the explain line: the state before and
 * after, the bytes the instruction wrote (old and new), its disassembly and the sentence explaining it.
 * Taken only for single steps: a free run records nothing per instruction.
 */
import { Flag } from '../cpu/flags.js';
import { Vector, interruptDue } from '../cpu/interrupts.js';
import type { Machine } from '../machine/machine.js';
import { disassembleOne } from '../asm/disassembler.js';
import type { CpuState } from './events.js';
import { changedRegisters } from './events.js';
import { explain, explainInterrupt } from './explain.js';
import { finishExplain, prepareExplain } from './explain-capture.js';
import type { StepDetail } from './session-types.js';

/** What a single step notes before it runs, to explain it afterwards. */
export interface StepStart {
  readonly before: CpuState;
  readonly pending: ReturnType<typeof prepareExplain>;
  readonly text: string;
  /** Set when the CPU enters an interrupt before the instruction at `before.pc`. */
  readonly interrupt: 'NMI' | 'IRQ' | undefined;
}

export class StepRecorder {
  private readonly beforeMemory = new Uint8Array(0x10000);
  private readonly beforeWords = new Int32Array(this.beforeMemory.buffer);
  private readonly memoryWords: Int32Array;
  private readonly peek: (address: number) => number;

  constructor(
    private readonly machine: Machine,
    private readonly symbols: ReadonlyMap<number, string>,
  ) {
    const memory = machine.cpu.memory;
    this.memoryWords = new Int32Array(memory.buffer, memory.byteOffset, memory.length >> 2);
    this.peek = (address) => machine.peek(address);
  }

  /** Notes the state, memory and instruction before a single step. */
  begin(before: CpuState): StepStart {
    this.beforeMemory.set(this.machine.cpu.memory);
    return {
      before,
      pending: prepareExplain(this.peek, before, this.machine.cpu.variant),
      text: disassembleOne(this.peek, before.pc, this.symbols, this.machine.cpu.variant).text,
      interrupt: interruptDue(this.machine.cpu),
    };
  }

  /** The record of the step that began with `start` and ended in `after`. */
  finish(start: StepStart, after: CpuState): StepDetail {
    const writes: { address: number; previous: number; value: number }[] = [];
    const memory = this.machine.cpu.memory;
    const before = this.beforeMemory;
    // Compare a word at a time (16,384 steps instead of 65,536), then look at the bytes of changed words.
    const nowWords = this.memoryWords;
    const beforeWords = this.beforeWords;
    for (let word = 0; word < 0x4000; word++) {
      if (nowWords[word] === beforeWords[word]) continue;
      for (let address = word << 2; address < (word << 2) + 4; address++) {
        if (memory[address] !== before[address]) writes.push({ address, previous: before[address]!, value: memory[address]! });
      }
    }
    return {
      before: start.before,
      after,
      changed: changedRegisters(start.before, after),
      writes,
      text: start.interrupt === undefined ? start.text : `${start.interrupt} → handler`,
      explanation: this.explainStep(start, after),
    };
  }

  /**
   * A step that began with an interrupt entry ran the entry and the handler's first instruction; the
   * explanation says so instead of describing the instruction that was interrupted.
   */
  private explainStep(start: StepStart, after: CpuState): string {
    const peek = this.peek;
    if (start.interrupt === undefined) {
      return explain({ ...finishExplain(start.pending, after, peek), symbols: this.symbols });
    }
    const vector = start.interrupt === 'NMI' ? Vector.Nmi : Vector.Irq;
    const handler = peek(vector) | (peek(vector + 1) << 8);
    const entered = { ...start.before, pc: handler, sp: (start.before.sp - 3) & 0xff, p: start.before.p | Flag.InterruptDisable };
    const first = disassembleOne(peek, handler, this.symbols, this.machine.cpu.variant).text;
    return `${explainInterrupt(start.interrupt, start.before, entered, this.symbols)}. Then the handler's first instruction ran: ${first}`;
  }
}

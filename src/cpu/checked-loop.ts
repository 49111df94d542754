/**
 * The checked loop: what run() uses while a debugger has instrumented the CPU or teaching mode is on.
 * It reuses the lean loop one instruction at a time, so the lean loop itself never pays for debugging.
 */
import type { Cpu, StopReason } from './cpu.js';
import { stepWithCycleLog } from './cycle-log.js';
import { finish } from './execute.js';
import { INSTRUCTION_SET } from './instruction-set.js';
import { runLeanInlined } from './lean-loop.generated.js';

/** 1 for the opcodes teaching mode stops before (undocumented and unstable; JAM still jams). */
const STOPS_IN_TEACHING_MODE: Uint8Array = Uint8Array.from(INSTRUCTION_SET, (info) =>
  info.opcodeClass === 'undocumented' || info.opcodeClass === 'unstable' ? 1 : 0,
);

/**
 * The checked loop, for debuggers and teaching mode: before each instruction it honours breakpoints,
 * calls onInstruction and stops before undocumented opcodes, then runs exactly one instruction through
 * the lean loop (a budget of one cycle always runs exactly one instruction or one interrupt entry).
 * The first instruction of a run is never stopped before (by a breakpoint, onInstruction's answer or
 * teaching mode; onInstruction still hears of it), so "continue" after a stop moves on.
 */
export function runChecked(cpu: Cpu, budget: number): StopReason {
  const end = cpu.cycles + budget;
  const stopOnUndocumented = cpu.options.undocumented === 'stop';
  let first = true;
  for (;;) {
    if (cpu.jammed) return finish(cpu, 'jam');
    if (cpu.cycles >= end) return finish(cpu, 'budget');
    const pc = cpu.pc;
    if (cpu.instrumented) {
      if (!first && cpu.breakpoints[pc] !== 0) {
        cpu.instructionStart = pc;
        return finish(cpu, 'breakpoint');
      }
      const hook = cpu.onInstruction;
      if (hook !== undefined && hook(cpu) && !first) {
        cpu.instructionStart = pc;
        return finish(cpu, 'breakpoint');
      }
    }
    if (!first && stopOnUndocumented && STOPS_IN_TEACHING_MODE[cpu.memory[pc]!] !== 0) {
      cpu.instructionStart = pc;
      return finish(cpu, 'undocumented');
    }
    first = false;
    const reason = cpu.cycleLog === undefined ? runLeanInlined(cpu, 1) : stepWithCycleLog(cpu, cpu.cycleLog);
    if (reason !== 'budget') return reason;
  }
}

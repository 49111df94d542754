/**
 * Checks between instructions, for debuggers and teaching mode: breakpoints, onInstruction and stopping
 * before undocumented opcodes. The generated checked loop (runCheckedInlined in loop-<variant>.generated.ts) calls
 * stopBeforeInstruction at the top of every instruction; the stepping loop here does the same around the
 * cycle log. Neither costs the lean loop anything.
 */
import type { Cpu, StopReason } from '../cpu.js';
import { stepWithCycleLog } from './cycle-log.js';
import { finish, wakesFromWait } from '../execute.js';

/**
 * What the checked loops ask before each instruction: stop here, or go on? Breakpoints, onInstruction's
 * answer and teaching mode never stop the first instruction of a run (onInstruction still hears of it),
 * so "continue" after a stop moves on. A stop request made by onInstruction stops before the instruction.
 */
export function stopBeforeInstruction(cpu: Cpu, first: boolean): StopReason | undefined {
  const pc = cpu.pc;
  let reason: StopReason | undefined;
  if (cpu.instrumented) {
    if (!first && cpu.breakpoints[pc] !== 0) reason = 'breakpoint';
    else {
      const hook = cpu.onInstruction;
      if (hook !== undefined && hook(cpu) && !first) reason = 'breakpoint';
      else if (cpu.stopRequested) {
        cpu.stopRequested = false;
        reason = 'stop-requested';
      }
    }
  }
  if (reason === undefined && !first && cpu.options.undocumented === 'stop' && cpu.teachingStops[cpu.memory[pc]!] !== 0) {
    reason = 'undocumented';
  }
  if (reason !== undefined) cpu.instructionStart = pc;
  return reason;
}

/**
 * The stepping loop, for the cycle log: it runs one instruction at a time through stepWithCycleLog, with
 * the same checks as the generated checked loop in between (a budget of one cycle always runs exactly one
 * instruction or one interrupt entry).
 */
export function runChecked(cpu: Cpu, budget: number): StopReason {
  const end = cpu.cycles + budget;
  let first = true;
  for (;;) {
    if (cpu.jammed) return finish(cpu, 'jam');
    if (cpu.cycles >= end) return finish(cpu, 'budget');
    if (cpu.waiting && !wakesFromWait(cpu)) return cpu.engine.lean(cpu, end - cpu.cycles); // WAI: time passes, nothing runs
    if (cpu.waiting) cpu.waiting = false; // woken: the interrupt or next instruction is checked like any other
    const stop = stopBeforeInstruction(cpu, first);
    if (stop !== undefined) return finish(cpu, stop);
    first = false;
    const reason = cpu.cycleLog === undefined ? cpu.engine.lean(cpu, 1) : stepWithCycleLog(cpu, cpu.cycleLog);
    if (reason !== 'budget') return reason;
  }
}

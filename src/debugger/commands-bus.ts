/**
 * The bus commands: `bus` prints every clock cycle of the last step (bus-cycles.ts), `cycle` steps one clock
 * cycle at a time through the next instruction (cycle-step.ts). Both read the same labelled cycles the TUI's
 * bus pane shows.
 */
import { hexDigits, hexWord } from '../shared/hex.js';
import { busCyclesOf, type BusCycleRecord } from './bus-cycles.js';
import { failure, success, type CommandResult } from './commands-result.js';
import { formatStopState } from './commands.js';
import { cycleStepperOf } from './cycle-step.js';
import type { DebugSession } from './session.js';

/** `bus`: the last single step's cycles, one line each. */
export function busCommand(session: DebugSession): CommandResult {
  const step = session.lastStep;
  if (step === undefined) return failure('bus', 'no single step yet: step (or cycle) first, then bus shows its clock cycles');
  const cycles = busCyclesOf(step, session.readMemory(0, 0x10000), session.machine.cpu.variant);
  const text = [`${step.text}: ${cycles.length} cycles`, ...cycles.map((cycle, index) => formatCycle(cycle, index))].join('\n');
  return success('bus', { kind: 'bus', cycles }, text);
}

/** `cycle`: the next clock cycle of the next instruction; its last cycle executes the instruction. */
export function cycleCommand(session: DebugSession): CommandResult {
  const done = cycleStepperOf(session).step();
  const { walk } = done;
  const cycle = walk.cycles[walk.shown - 1]!;
  const head = `Cycle ${walk.shown} of ${walk.cycles.length} of ${walk.text}: ${formatCycle(cycle, walk.shown - 1).trim()}`;
  if (done.kind === 'cycle') return success('cycle', { kind: 'bus', cycles: walk.cycles.slice(0, walk.shown), walk }, head);
  return success('cycle', { kind: 'stop', result: done.result }, `${head}\nThe instruction is complete.\n${formatStopState(session, done.result.state)}`);
}

/** ` 3  W  $01FD 06  stack push` */
export function formatCycle(cycle: BusCycleRecord, index: number): string {
  return `${String(index + 1).padStart(2)}  ${cycle.kind === 'write' ? 'W' : 'R'}  ${hexWord(cycle.address)} ${hexDigits(cycle.value)}  ${cycle.purpose}`;
}

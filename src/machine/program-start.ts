/**
 * How a loaded program starts: the one rule `moth run`, `moth debug` and the debug session share.
 *
 * - PC: an explicit start address when one is given; else the machine's own fixed start when its description
 *   has one; else the reset vector at $FFFC when memory holds one (the program or ROM set it); else the
 *   address the program was loaded at.
 * - BRK: a real interrupt through $FFFE when asked for (`--brk-vector`) or when memory holds an IRQ/BRK
 *   vector (the program brought its own handler); otherwise BRK ends the run, as the machine's default says.
 */
import type { Machine } from './machine.js';
import { IRQ_VECTOR, RESET_VECTOR } from './memory-map.js';

export interface StartChoice {
  /** Where execution starts; undefined = the rule above. */
  readonly start?: number | undefined;
  /** Make BRK an interrupt even without a vector in memory. */
  readonly brkVector?: boolean | undefined;
}

/** Resets the machine with its program already in memory; `loadedAt` is where the program's bytes begin. */
export function startProgram(machine: Machine, loadedAt: number | undefined, choice: StartChoice = {}): void {
  const vector = (address: number): number => machine.peek(address) | (machine.peek(address + 1) << 8);
  if (choice.brkVector === true || vector(IRQ_VECTOR) !== 0) machine.cpu.options.brk = 'interrupt';
  const fixedStart = machine.description.reset.kind === 'address';
  machine.reset(choice.start ?? (fixedStart || vector(RESET_VECTOR) !== 0 ? undefined : loadedAt));
}

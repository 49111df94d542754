/** What every device on the I/O page offers the machine: side-effecting access for the CPU, a side-effect-free peek, reset and a state snapshot. */

export interface Device<State> {
  /** The CPU reads a register (may consume input or acknowledge something). */
  read(address: number): number;
  /** The CPU writes a register. */
  write(address: number, value: number): void;
  /** What a read would return, changing nothing: for debuggers and memory views. */
  peek(address: number): number;
  /** Power-on state (the machine's reset line). */
  reset(): void;
  /** A plain, structured-clone-able copy of everything the device remembers, for undo and replay. */
  saveState(): State;
  restoreState(state: State): void;
}

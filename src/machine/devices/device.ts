/** What every device on the bus offers the machine: registers by offset from its base, a side-effect-free peek, reset, a state snapshot and, for chips that act on their own, scheduled events. */

/** What the machine hands a device: the clock, its interrupt output (wired to IRQ, NMI or nothing) and the run loop's brakes. */
export interface DeviceWiring {
  /** The CPU's cycle counter. */
  clock(): number;
  /** The device's interrupt output: level-sensitive on IRQ; on NMI the machine turns a rising level into the edge. */
  setInterrupt(asserted: boolean): void;
  /** The device's next event moved: the machine ends its current run slice so it can size the next one. */
  reschedule(): void;
  /** Ends the CPU's run after the current instruction (the exit port). */
  requestStop(): void;
}

export interface Device<State = unknown> {
  /** How many addresses the device answers, from its base. */
  readonly size: number;
  /** The CPU reads register `offset` (may consume input or acknowledge something). */
  read(offset: number): number;
  /** The CPU writes register `offset`. */
  write(offset: number, value: number): void;
  /** What a read would return, changing nothing: for debuggers and memory views. */
  peek(offset: number): number;
  /** Power-on state (the machine's reset line). */
  reset(): void;
  /** A plain, structured-clone-able copy of everything the device remembers, for undo and replay. */
  saveState(): State;
  restoreState(state: State): void;
  /** The cycle of the device's next own event (a timer running out, a byte arriving), or Infinity. */
  nextEventCycle?(): number;
  /** Handles every event due by `now`; the machine calls it between run slices. */
  service?(now: number): void;
}

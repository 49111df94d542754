/**
 * The time axis of a debug session: checkpoints of the whole machine, plus the inputs from outside (key
 * presses, memory and register edits, NMI) that replay must apply at the same instants.
 *
 * A moment is named by its cycle count: every boundary between two steps of the CPU (an instruction or an
 * interrupt entry) has its own, strictly increasing along a timeline, so "the state at cycle C" is exact
 * even where an interrupt entry separates two moments with the same instruction count. An outside input
 * belongs to the moment it was given at; the state at that moment includes it.
 *
 * Design (measured in bench/debugger.ts and described in docs/debugger.md): instead of journalling every
 * instruction, the session saves the machine every `spacingCycles` cycles while it runs. Going back to a
 * moment restores the newest checkpoint at or before it and re-executes forward on the CPU's lean loop,
 * applying the recorded inputs as it passes them; the machine is deterministic (seeded random byte,
 * cycle-stamped console input, cycle-driven timer), so the re-execution reproduces every bit. Running
 * forward costs one 64 KiB copy per checkpoint and nothing per instruction; an outside input costs a small
 * record, never a checkpoint, so giving many does not shorten how far back the history reaches.
 */

/** One saved moment. `state` is whatever the machine's saveState returned (registers, memory, devices). */
export interface Checkpoint<State> {
  readonly instructions: number;
  readonly cycles: number;
  readonly state: State;
  /** Console bytes written by then, so rewinding can trim the session's copy of the output. */
  readonly outputLength: number;
  /** How many outside inputs (by serial number) the state already includes. */
  readonly inputsApplied: number;
}

/** Something done to the machine from outside; re-applied when re-executing. */
export type OutsideInput =
  | { readonly kind: 'key'; readonly code: number }
  | { readonly kind: 'nmi' }
  | { readonly kind: 'memory'; readonly address: number; readonly bytes: readonly number[] }
  | { readonly kind: 'register'; readonly name: 'a' | 'x' | 'y' | 'sp' | 'pc' | 'p'; readonly value: number };

/** An outside input at its moment; serial numbers count inputs in the order they were given (and applied). */
export interface TimedInput {
  readonly serial: number;
  readonly cycles: number;
  readonly instructions: number;
  readonly input: OutsideInput;
}

export interface HistoryOptions {
  /** Keep enough checkpoints to reach at least this many instructions back from the newest. */
  readonly instructions: number;
  /** Cycles between checkpoints while running; replay after a jump costs at most this many cycles. */
  readonly spacingCycles: number;
  /** Hard cap on checkpoints kept (memory: 64 KiB each); the oldest go first. */
  readonly maxCheckpoints: number;
}

export const DEFAULT_HISTORY: HistoryOptions = {
  instructions: 1_000_000,
  spacingCycles: 1 << 18,
  maxCheckpoints: 512,
};

export class History<State> {
  private checkpoints: Checkpoint<State>[] = [];
  private inputs: TimedInput[] = [];
  private nextSerial = 0;
  /** The newest cycle count this timeline has reached. */
  frontier = 0;
  /** The newest instruction count this timeline has reached. */
  frontierInstructions = 0;

  constructor(readonly options: HistoryOptions) {}

  /** Forgets everything and starts a timeline at one checkpoint. */
  start(checkpoint: Checkpoint<State>): void {
    this.checkpoints = [checkpoint];
    this.inputs = [];
    this.frontier = checkpoint.cycles;
    this.frontierInstructions = checkpoint.instructions;
  }

  /** The oldest instruction count that can still be reached. */
  get oldest(): number {
    return this.checkpoints[0]?.instructions ?? 0;
  }

  /** The oldest cycle count that can still be reached. */
  get oldestCycles(): number {
    return this.checkpoints[0]?.cycles ?? 0;
  }

  get count(): number {
    return this.checkpoints.length;
  }

  /** The serial number the next outside input gets. */
  get inputSerial(): number {
    return this.nextSerial;
  }

  /** The newest checkpoint of all (the one the running machine measures its spacing from). */
  get newest(): Checkpoint<State> | undefined {
    return this.checkpoints[this.checkpoints.length - 1];
  }

  /** Notes that execution reached this moment (moves the frontier forward only). */
  reached(instructions: number, cycles: number): void {
    if (cycles > this.frontier) {
      this.frontier = cycles;
      this.frontierInstructions = instructions;
    }
  }

  /** True when a checkpoint is due: the machine has run far enough past the newest one. */
  due(cycles: number): boolean {
    const newest = this.newest;
    return newest === undefined || cycles - newest.cycles >= this.options.spacingCycles;
  }

  /** Adds a checkpoint after the newest one (replacing one at the same moment) and drops what is too old. */
  add(checkpoint: Checkpoint<State>): void {
    const newest = this.newest;
    if (newest !== undefined && newest.cycles === checkpoint.cycles) this.checkpoints.pop();
    this.checkpoints.push(checkpoint);
    this.reached(checkpoint.instructions, checkpoint.cycles);
    const floor = this.frontierInstructions - this.options.instructions;
    while (this.checkpoints.length > 1 && this.checkpoints[1]!.instructions <= floor) this.checkpoints.shift();
    while (this.checkpoints.length > this.options.maxCheckpoints) this.checkpoints.shift();
    const oldest = this.checkpoints[0]!;
    while (this.inputs.length > 0 && this.inputs[0]!.serial < oldest.inputsApplied) this.inputs.shift();
  }

  /** The newest checkpoint at or before a moment (by cycles), or undefined when that is older than the history. */
  checkpointAtOrBefore(cycles: number): Checkpoint<State> | undefined {
    let found: Checkpoint<State> | undefined;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.cycles > cycles) break;
      found = checkpoint;
    }
    return found;
  }

  /** The newest checkpoint at or before an instruction count. */
  checkpointAtOrBeforeInstruction(instructions: number): Checkpoint<State> | undefined {
    let found: Checkpoint<State> | undefined;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.instructions > instructions) break;
      found = checkpoint;
    }
    return found;
  }

  /** Checkpoints from newest to oldest that lie before a moment (reverse search walks these). */
  checkpointsBefore(cycles: number): Checkpoint<State>[] {
    return this.checkpoints.filter((checkpoint) => checkpoint.cycles < cycles).reverse();
  }

  /**
   * A new timeline branches at this moment (an input given in the past): every checkpoint after it and every
   * input not yet applied is dropped, and the frontier moves back to it.
   */
  truncateAfter(instructions: number, cycles: number, inputsApplied: number): void {
    this.checkpoints = this.checkpoints.filter((checkpoint) => checkpoint.cycles <= cycles);
    this.inputs = this.inputs.filter((timed) => timed.serial < inputsApplied);
    this.nextSerial = inputsApplied;
    this.frontier = cycles;
    this.frontierInstructions = instructions;
  }

  /** Records an input given now; returns it with its serial number. */
  recordInput(instructions: number, cycles: number, input: OutsideInput): TimedInput {
    const timed = { serial: this.nextSerial++, cycles, instructions, input };
    this.inputs.push(timed);
    return timed;
  }

  /** The first recorded input with a serial number at or after `serial` (the next one a replay must apply). */
  inputFrom(serial: number): TimedInput | undefined {
    // Inputs are few (one per user action) and kept in serial order; a scan from the end finds recent ones fast.
    let found: TimedInput | undefined;
    for (let index = this.inputs.length - 1; index >= 0; index--) {
      const timed = this.inputs[index]!;
      if (timed.serial < serial) break;
      found = timed;
    }
    return found;
  }
}

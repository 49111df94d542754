/**
 * The time axis of a debug session: checkpoints of the whole machine at known instruction counts, plus the
 * inputs from outside (key presses, memory and register edits) that replay must apply at the same instants.
 *
 * Design (measured in bench/debugger.ts and described in docs/debugger.md): instead of journalling every
 * instruction, the session saves the machine every `spacingCycles` cycles while it runs and after every
 * outside input. Going back to instruction N restores the newest checkpoint at or before N and re-executes
 * forward on the CPU's lean loop; the machine is deterministic (seeded random byte, cycle-stamped console
 * input, cycle-driven timer), so the re-execution reproduces every bit. Running forward therefore costs
 * one 64 KiB copy per checkpoint and nothing per instruction.
 */

/** One saved moment. `state` is whatever the machine's saveState returned (registers, memory, devices). */
export interface Checkpoint<State> {
  readonly instructions: number;
  readonly cycles: number;
  readonly state: State;
  /** Console bytes written by then, so rewinding can trim the session's copy of the output. */
  readonly outputLength: number;
}

/** Something done to the machine from outside at an instruction count; re-applied when re-executing. */
export type OutsideInput =
  | { readonly kind: 'key'; readonly code: number }
  | { readonly kind: 'nmi' }
  | { readonly kind: 'memory'; readonly address: number; readonly bytes: readonly number[] }
  | { readonly kind: 'register'; readonly name: 'a' | 'x' | 'y' | 'sp' | 'pc' | 'p'; readonly value: number };

export interface TimedInput {
  readonly at: number;
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
  /** The newest instruction count this timeline has reached. */
  frontier = 0;

  constructor(readonly options: HistoryOptions) {}

  /** Forgets everything and starts a timeline at one checkpoint. */
  start(checkpoint: Checkpoint<State>): void {
    this.checkpoints = [checkpoint];
    this.inputs = [];
    this.frontier = checkpoint.instructions;
  }

  /** The oldest instruction count that can still be reached. */
  get oldest(): number {
    return this.checkpoints[0]?.instructions ?? 0;
  }

  get count(): number {
    return this.checkpoints.length;
  }

  /** The newest checkpoint of all (the one the running machine measures its spacing from). */
  get newest(): Checkpoint<State> | undefined {
    return this.checkpoints[this.checkpoints.length - 1];
  }

  /** Notes that execution reached `instructions` (moves the frontier forward only). */
  reached(instructions: number): void {
    if (instructions > this.frontier) this.frontier = instructions;
  }

  /** True when a checkpoint is due: the machine has run far enough past the newest one, beyond the frontier. */
  due(instructions: number, cycles: number): boolean {
    const newest = this.newest;
    return newest === undefined || (instructions > newest.instructions && cycles - newest.cycles >= this.options.spacingCycles);
  }

  /** Adds a checkpoint at or after the newest one (replacing one at the same count) and drops what is too old. */
  add(checkpoint: Checkpoint<State>): void {
    const newest = this.newest;
    if (newest !== undefined && newest.instructions === checkpoint.instructions) this.checkpoints.pop();
    this.checkpoints.push(checkpoint);
    this.reached(checkpoint.instructions);
    const floor = this.frontier - this.options.instructions;
    while (this.checkpoints.length > 1 && this.checkpoints[1]!.instructions <= floor) this.checkpoints.shift();
    while (this.checkpoints.length > this.options.maxCheckpoints) this.checkpoints.shift();
    while (this.inputs.length > 0 && this.inputs[0]!.at < this.oldest) this.inputs.shift();
  }

  /** The newest checkpoint at or before `instructions` (undefined when that is older than the history). */
  checkpointAtOrBefore(instructions: number): Checkpoint<State> | undefined {
    let found: Checkpoint<State> | undefined;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.instructions > instructions) break;
      found = checkpoint;
    }
    return found;
  }

  /** Checkpoints from newest to oldest that start before `instructions` (reverse search walks these). */
  checkpointsBefore(instructions: number): Checkpoint<State>[] {
    return this.checkpoints.filter((checkpoint) => checkpoint.instructions < instructions).reverse();
  }

  /**
   * A new timeline branches at `instructions` (an edit made in the past): every checkpoint and input after
   * it is dropped, and the frontier moves back to it.
   */
  truncateAfter(instructions: number): void {
    this.checkpoints = this.checkpoints.filter((checkpoint) => checkpoint.instructions <= instructions);
    this.inputs = this.inputs.filter((timed) => timed.at <= instructions);
    this.frontier = instructions;
  }

  recordInput(timed: TimedInput): void {
    this.inputs.push(timed);
  }

  /** Inputs strictly after `instructions` and at or before `until`, oldest first. */
  inputsBetween(instructions: number, until: number): TimedInput[] {
    return this.inputs.filter((timed) => timed.at > instructions && timed.at <= until);
  }

  /** The first outside input due after `instructions`, if the timeline has one. */
  nextInputAfter(instructions: number): TimedInput | undefined {
    return this.inputs.find((timed) => timed.at > instructions);
  }
}

/**
 * Time travel for a debug session: checkpoints while running, going to any moment of the history by
 * restoring the nearest checkpoint and replaying forward (applying the recorded outside inputs as it passes
 * them), the reverse search for the last breakpoint or watchpoint hit, and the trail of moments the session
 * stopped at, so that `back` returns to exactly the state a step began from, even when an interrupt entry
 * lies between two moments with the same instruction count. The checkpoint list and the input record live
 * in history.ts; the engine (engine.ts) does the running.
 */
import type { Machine, MachineState } from '../machine/machine.js';
import type { ByteTail } from '../shared/byte-tail.js';
import type { ForwardEngine, SearchHit } from './engine.js';
import { History } from './history.js';
import type { Checkpoint, HistoryOptions, OutsideInput } from './history.js';

/** A moment on the time axis: its cycle count names it; the instruction count comes with it. */
export interface Moment {
  readonly instructions: number;
  readonly cycles: number;
}

/** Moments the session stopped at, kept for `back` (the newest this many). */
const TRAIL_LENGTH = 4096;

export class TimeTravel {
  readonly history: History<MachineState>;
  private engine: ForwardEngine | undefined;
  /** How many recorded outside inputs (by serial number) the machine's state includes. */
  private applied = 0;
  private trail: Moment[] = [];

  constructor(
    private readonly machine: Machine,
    /** The session's copy of the console output, trimmed when the machine goes back. */
    private readonly outputBytes: ByteTail,
    options: HistoryOptions,
  ) {
    this.history = new History<MachineState>(options);
  }

  /** Connects the engine that replays and searches (built after this, since it records checkpoints here). */
  attach(engine: ForwardEngine): void {
    this.engine = engine;
  }

  /** Oldest and newest instruction counts time travel can reach right now. */
  reach(instructions: number): { readonly oldest: number; readonly newest: number } {
    return { oldest: this.history.oldest, newest: Math.max(this.history.frontierInstructions, instructions) };
  }

  /** Forgets the history and starts a new one at the machine's current state. */
  restart(): void {
    this.applied = 0;
    this.trail = [];
    this.history.start(this.checkpointNow());
  }

  /** Adds a checkpoint now when the running machine has gone far enough since the last one. */
  checkpointIfDue(): void {
    if (this.history.due(this.machine.cpu.cycles)) this.history.add(this.checkpointNow());
  }

  /** Notes how far execution has come. */
  reached(): void {
    const cpu = this.machine.cpu;
    this.history.reached(cpu.instructions, cpu.cycles);
  }

  /** The cycle count of the next recorded input still to apply (re-running an old timeline), if any. */
  nextInputCycles(): number | undefined {
    return this.history.inputFrom(this.applied)?.cycles;
  }

  /** Applies the recorded outside inputs whose moment has come (only when re-running an old timeline). */
  applyDueInputs(): void {
    const cycles = this.machine.cpu.cycles;
    for (;;) {
      const next = this.history.inputFrom(this.applied);
      if (next === undefined || next.cycles > cycles) return;
      this.engine!.apply(next.input);
      this.applied = next.serial + 1;
    }
  }

  /** Records an outside input at the current moment and applies it; no checkpoint is spent on it. */
  applyOutside(input: OutsideInput): void {
    const cpu = this.machine.cpu;
    if (cpu.cycles < this.history.frontier || this.history.inputFrom(this.applied) !== undefined) {
      // Given in the past: a new future starts here.
      this.history.truncateAfter(cpu.instructions, cpu.cycles, this.applied);
      this.trail = this.trail.filter((moment) => moment.cycles <= cpu.cycles);
    }
    const timed = this.history.recordInput(cpu.instructions, cpu.cycles, input);
    this.engine!.apply(input);
    this.applied = timed.serial + 1;
  }

  /** Remembers a moment the session stopped at (the states a learner saw are where `back` returns to). */
  remember(): void {
    const cpu = this.machine.cpu;
    const last = this.trail[this.trail.length - 1];
    if (last !== undefined && last.cycles === cpu.cycles) return;
    this.trail.push({ instructions: cpu.instructions, cycles: cpu.cycles });
    if (this.trail.length > TRAIL_LENGTH) this.trail.splice(0, this.trail.length - TRAIL_LENGTH);
  }

  /**
   * Goes to the moment after `instructions` instructions: the one the session stopped at when there was
   * such a stop (so `back` after a step that began with an interrupt entry returns to the state the step
   * began from), else the moment the instruction count was reached.
   */
  goToInstruction(instructions: number): void {
    const now = this.machine.cpu.cycles;
    for (let index = this.trail.length - 1; index >= 0; index--) {
      const moment = this.trail[index]!;
      if (moment.instructions === instructions && moment.cycles < now && moment.cycles >= this.history.oldestCycles) {
        this.goToCycles(moment.cycles);
        return;
      }
    }
    const checkpoint = this.history.checkpointAtOrBeforeInstruction(instructions);
    if (checkpoint === undefined) return;
    this.restore(checkpoint);
    const cpu = this.machine.cpu;
    this.replay(
      () => cpu.instructions >= instructions,
      () => 2 * (instructions - cpu.instructions),
    );
  }

  /**
   * When the machine stands just after an interrupt entry (no instruction has run since the instruction
   * count was reached), goes back to the moment before the entry and says so; else it stays where it is
   * (the moment its instruction count was reached is this one: goToInstruction never goes past it).
   */
  undoInterruptEntry(): boolean {
    const cpu = this.machine.cpu;
    const now = cpu.cycles;
    if (cpu.instructions < this.history.oldest) return false;
    this.goToInstruction(cpu.instructions);
    return cpu.cycles < now;
  }

  /** Puts the machine exactly at the moment with this cycle count (within the history). */
  goToCycles(cycles: number): void {
    const checkpoint = this.history.checkpointAtOrBefore(cycles);
    if (checkpoint === undefined) return;
    this.restore(checkpoint);
    const cpu = this.machine.cpu;
    this.replay(
      () => cpu.cycles >= cycles,
      () => cycles - cpu.cycles,
    );
  }

  /**
   * Finds the newest breakpoint or watchpoint hit before the current moment by re-running checkpoint
   * segments, newest first. `accept` picks among a segment's hits (oldest first), e.g. by hit count.
   */
  searchBackwards(accept: (hits: readonly SearchHit[]) => SearchHit | undefined): SearchHit | undefined {
    const engine = this.engine!;
    const cpu = this.machine.cpu;
    const start = cpu.cycles;
    let segmentEnd = start;
    engine.beginSearch();
    try {
      for (const checkpoint of this.history.checkpointsBefore(start)) {
        this.restore(checkpoint);
        const end = segmentEnd;
        for (;;) {
          this.applyDueInputs();
          if (cpu.cycles >= end) break;
          const before = cpu.cycles;
          engine.searchRun(this.limitByInput(end - cpu.cycles), end);
          if (cpu.cycles === before) break; // stuck (a BRK that stops)
        }
        const found = accept(engine.takeHits());
        if (found !== undefined) return found;
        segmentEnd = checkpoint.cycles;
      }
      return undefined;
    } finally {
      engine.finishSearch();
    }
  }

  /** Runs forward from a restored checkpoint, applying recorded inputs on the way, until `done`. */
  private replay(done: () => boolean, budget: () => number): void {
    const engine = this.engine!;
    const cpu = this.machine.cpu;
    engine.beginReplay();
    try {
      for (;;) {
        this.applyDueInputs();
        if (done()) return;
        const before = cpu.cycles;
        this.machine.run(Math.max(1, this.limitByInput(budget())));
        if (cpu.cycles === before) return; // a stop that makes no progress (BRK on a machine that stops there)
      }
    } finally {
      engine.endReplay();
    }
  }

  /** A run budget cut short so the run ends exactly where the next recorded input is due. */
  private limitByInput(budget: number): number {
    const next = this.nextInputCycles();
    return next === undefined ? budget : Math.min(budget, Math.max(1, next - this.machine.cpu.cycles));
  }

  private checkpointNow(): Checkpoint<MachineState> {
    const cpu = this.machine.cpu;
    return {
      instructions: cpu.instructions,
      cycles: cpu.cycles,
      state: this.machine.saveState(),
      outputLength: this.outputBytes.length,
      inputsApplied: this.applied,
    };
  }

  private restore(checkpoint: Checkpoint<MachineState>): void {
    this.machine.restoreState(checkpoint.state);
    this.outputBytes.setLength(checkpoint.outputLength);
    this.applied = checkpoint.inputsApplied;
  }
}

/**
 * Time travel for a debug session: checkpoints while running, going to any instruction of the history by
 * restoring the nearest checkpoint and replaying forward, the reverse search for the last breakpoint or
 * watchpoint hit, and the outside inputs (edits, keys, NMI) the replay must repeat. The checkpoint list
 * and the input record themselves live in history.ts; the engine (engine.ts) does the running.
 */
import type { Machine, MachineState } from '../machine/machine.js';
import type { BreakpointTable } from './breakpoints.js';
import type { ForwardEngine } from './engine.js';
import type { StopReason } from './events.js';
import { History } from './history.js';
import type { Checkpoint, HistoryOptions, OutsideInput } from './history.js';

export class TimeTravel {
  readonly history: History<MachineState>;
  private engine: ForwardEngine | undefined;

  constructor(
    private readonly machine: Machine,
    /** The session's copy of the console output, trimmed when the machine goes back. */
    private readonly outputBytes: number[],
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
    return { oldest: this.history.oldest, newest: Math.max(this.history.frontier, instructions) };
  }

  /** Forgets the history and starts a new one at the machine's current state. */
  restart(): void {
    this.history.start(this.checkpointNow());
  }

  /** Adds a checkpoint of the machine as it is now. */
  saveCheckpoint(): void {
    this.history.add(this.checkpointNow());
  }

  /** Puts the machine exactly where it was after `target` instructions (within the history). */
  goTo(target: number): void {
    const checkpoint = this.history.checkpointAtOrBefore(target);
    if (checkpoint === undefined) return;
    this.restore(checkpoint);
    this.engine!.replayTo(target);
  }

  /** Finds the newest breakpoint or watchpoint hit before `position` by re-running checkpoint segments, newest first. */
  searchBackwards(position: number, table: BreakpointTable): { at: number; reason: StopReason } | undefined {
    if (!table.hasEnabledBreakpoints && !table.hasEnabledWatchpoints) return undefined;
    const engine = this.engine!;
    let segmentEnd = position;
    engine.beginSearch(position);
    try {
      for (const checkpoint of this.history.checkpointsBefore(position)) {
        this.restore(checkpoint);
        const found = engine.searchSegment(segmentEnd);
        if (found !== undefined) return found;
        segmentEnd = checkpoint.instructions;
      }
      return undefined;
    } finally {
      engine.finishSearch();
    }
  }

  /** Records an outside input at the current instruction, applies it and checkpoints right after it. */
  applyOutside(input: OutsideInput): void {
    const at = this.machine.cpu.instructions;
    if (at < this.history.frontier) this.history.truncateAfter(at);
    this.history.recordInput({ at, input });
    this.engine!.apply(input);
    this.saveCheckpoint();
  }

  private checkpointNow(): Checkpoint<MachineState> {
    const cpu = this.machine.cpu;
    return {
      instructions: cpu.instructions,
      cycles: cpu.cycles,
      state: this.machine.saveState(),
      outputLength: this.outputBytes.length,
    };
  }

  private restore(checkpoint: Checkpoint<MachineState>): void {
    this.machine.restoreState(checkpoint.state);
    this.outputBytes.length = checkpoint.outputLength;
  }
}

/**
 * Runs a session's free run in slices, so a face's keys and drawing stay live: the next slice is queued right
 * after pending input without a speed limit, on a timer under one (the arithmetic is RunPacer's). The face
 * only says how to queue a call (`SliceScheduler`: setImmediate/setTimeout in a terminal, a message channel
 * and setTimeout in a browser); everything else about a run in slices is here, once for both faces.
 */
import type { StopReason } from './events.js';
import { RunPacer } from './run-pacer.js';
import type { DebugSession } from './session.js';

/** What the loop tells the face. */
export interface RunLoopHooks {
  /** A slice ended the run (breakpoint, BRK, a step over's return…). */
  readonly stopped: (reason: StopReason) => void;
  /** A slice ran and the run goes on: a chance to draw. */
  readonly progressed: () => void;
  readonly failed: (message: string) => void;
}

/** Queues `run` after `delay` milliseconds (0: as soon as pending events are handled); the result cancels it. */
export type SliceScheduler = (run: () => void, delay: number) => () => void;

/** The part of a session the loop drives. */
export type SlicedSession = Pick<DebugSession, 'running' | 'runSlice' | 'pause'>;

export class RunLoop {
  readonly pacer = new RunPacer();
  private cancelQueued: (() => void) | undefined;
  private stoppedForGood = false;

  constructor(
    private session: SlicedSession | undefined,
    private readonly hooks: RunLoopHooks,
    private readonly scheduler: SliceScheduler,
  ) {}

  /** A reloaded program brings a new session; the speed limit stays. */
  attach(session: SlicedSession): void {
    this.cancel();
    this.session = session;
  }

  /** Starts a free run the way `begin` asks (resume, step over, step out, run to) and slices it if it runs. */
  start(begin: () => void): void {
    this.pacer.start(performance.now());
    begin();
    if (this.session?.running === true) this.schedule();
  }

  /** Queues the next slice, unless one is queued already. */
  schedule(): void {
    if (this.stoppedForGood || this.cancelQueued !== undefined) return;
    this.cancelQueued = this.scheduler(() => {
      this.cancelQueued = undefined;
      this.slice();
    }, this.pacer.delay);
  }

  /** Drops a queued slice (the run stopped, or the face is closing). */
  cancel(): void {
    this.cancelQueued?.();
    this.cancelQueued = undefined;
  }

  /** The face is closing: nothing is scheduled any more. */
  close(): void {
    this.stoppedForGood = true;
    this.cancel();
  }

  get scheduled(): boolean {
    return this.cancelQueued !== undefined;
  }

  private slice(): void {
    const session = this.session;
    if (this.stoppedForGood || session === undefined || !session.running) return;
    const started = performance.now();
    const budget = this.pacer.budget(started);
    if (budget <= 0) return this.schedule();
    let cycles = 0;
    let stopped: StopReason | undefined;
    try {
      const result = session.runSlice(budget);
      cycles = result.cycles;
      stopped = result.stopped;
    } catch (error) {
      session.pause();
      this.hooks.failed(error instanceof Error ? error.message : String(error));
      return;
    }
    const now = performance.now();
    this.pacer.record(cycles, now - started, now);
    if (stopped !== undefined || !session.running) {
      if (stopped !== undefined) this.hooks.stopped(stopped);
      return;
    }
    this.hooks.progressed();
    this.schedule();
  }
}

/**
 * Runs a session's free run in slices on Node's event loop, so keys and drawing stay live: a slice right after
 * pending input without a speed limit, one per timer tick under a limit (the arithmetic is RunPacer's).
 */
import type { StopReason } from '../debugger/events.js';
import { RunPacer } from '../debugger/run-pacer.js';
import type { TuiSession } from './session-port.js';

/** What the loop tells the face. */
export interface RunLoopHooks {
  /** A slice ended the run (breakpoint, BRK, a step over's return…). */
  readonly stopped: (reason: StopReason) => void;
  /** A slice ran and the run goes on: a chance to draw. */
  readonly progressed: () => void;
  readonly failed: (message: string) => void;
}

export class RunLoop {
  readonly pacer = new RunPacer();
  // One handle per kind: clearImmediate on a Timeout (or clearTimeout on an Immediate) corrupts Node's queues,
  // which once left blessed's output unflushed and the process spinning after a speed-limited run was paused.
  private immediate: NodeJS.Immediate | undefined;
  private timeout: NodeJS.Timeout | undefined;
  private stoppedForGood = false;

  constructor(
    private session: TuiSession,
    private readonly hooks: RunLoopHooks,
  ) {}

  /** A reloaded program brings a new session; the speed limit stays. */
  attach(session: TuiSession): void {
    this.cancel();
    this.session = session;
  }

  /** Starts a free run the way `begin` asks (resume, step over, step out, run to) and slices it if it runs. */
  start(begin: () => void): void {
    this.pacer.start(performance.now());
    begin();
    if (this.session.running) this.schedule();
  }

  /** Queues the next slice, unless one is queued already. */
  schedule(): void {
    if (this.stoppedForGood || this.immediate !== undefined || this.timeout !== undefined) return;
    const delay = this.pacer.delay;
    if (delay === 0) {
      this.immediate = setImmediate(() => {
        this.immediate = undefined;
        this.slice();
      });
    } else {
      this.timeout = setTimeout(() => {
        this.timeout = undefined;
        this.slice();
      }, delay);
    }
  }

  /** Drops a queued slice (the run stopped, or the face is closing). */
  cancel(): void {
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    if (this.timeout !== undefined) clearTimeout(this.timeout);
    this.immediate = undefined;
    this.timeout = undefined;
  }

  /** The face is closing: nothing is scheduled any more. */
  close(): void {
    this.stoppedForGood = true;
    this.cancel();
  }

  get scheduled(): boolean {
    return this.immediate !== undefined || this.timeout !== undefined;
  }

  private slice(): void {
    const session = this.session;
    if (this.stoppedForGood || !session.running) return;
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

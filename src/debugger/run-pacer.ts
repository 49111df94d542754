/**
 * How a face runs a session freely without freezing: slices of `runSlice` sized to take about SLICE_MILLISECONDS
 * (so keys and drawing get their turn ~60 times a second), an optional speed limit in MHz that the slices keep
 * to in real time, and the effective speed measured over the whole run. Faces only schedule the slices
 * (a terminal with setImmediate, a browser with a message channel); the arithmetic is here, once.
 */

/** A slice should take about this long. */
export const SLICE_MILLISECONDS = 12;
/** Under a speed limit the slices run on a timer of this period. */
export const LIMITED_TICK_MILLISECONDS = 10;
/** The fastest limit `faster` sets before it lifts the limit altogether. */
const FASTEST_LIMIT_MHZ = 512;

export class RunPacer {
  /** Free runs go no faster than this many MHz; undefined = as fast as possible. */
  limit: number | undefined;
  /** Effective speed of the current or last free run, drawing and key handling included. */
  mhz: number | undefined;
  private sliceCycles = 10_000;
  private window = { cycles: 0, startedAt: 0 };

  /** A free run begins (or the limit changed): speed is measured from `now`. */
  start(now: number): void {
    this.window = { cycles: 0, startedAt: now };
  }

  /** Sets the limit (at least 1 kHz) or lifts it; measuring starts again. */
  setLimit(mhz: number | undefined, now: number): void {
    this.limit = mhz === undefined ? undefined : Math.max(0.001, mhz);
    this.start(now);
  }

  /** `-`: a first limit of 1 MHz, then half of it each time. */
  slower(now: number): void {
    this.setLimit(this.limit === undefined ? 1 : this.limit / 2, now);
  }

  /** `+`: double the limit, and lift it past FASTEST_LIMIT_MHZ. Without a limit, nothing changes. */
  faster(now: number): void {
    if (this.limit !== undefined) this.setLimit(this.limit >= FASTEST_LIMIT_MHZ ? undefined : this.limit * 2, now);
  }

  /** Cycles the next slice may run: all it likes without a limit, else what the limit allows since the start. */
  budget(now: number): number {
    if (this.limit === undefined) return this.sliceCycles;
    const allowed = this.limit * 1000 * (now - this.window.startedAt) - this.window.cycles;
    // Late timer ticks are made up for, but never more than 100 ms at once, so a stall does not become a burst.
    return Math.max(0, Math.min(Math.floor(allowed), Math.ceil(this.limit * 1000 * 100)));
  }

  /** A slice ran `cycles` in `elapsed` ms: adapt the next slice's size (unlimited runs) and update the speed. */
  record(cycles: number, elapsed: number, now: number): void {
    this.window.cycles += cycles;
    if (this.limit === undefined) {
      if (elapsed < SLICE_MILLISECONDS / 2) this.sliceCycles = Math.min(this.sliceCycles * 2, 50_000_000);
      else if (elapsed > SLICE_MILLISECONDS * 2) this.sliceCycles = Math.max(1_000, Math.floor(this.sliceCycles / 2));
    }
    const wall = now - this.window.startedAt;
    if (wall > 0) this.mhz = this.window.cycles / wall / 1000;
  }

  /** How long to wait before the next slice: none without a limit, a timer tick under one. */
  get delay(): number {
    return this.limit === undefined ? 0 : LIMITED_TICK_MILLISECONDS;
  }
}

/**
 * The session's breakpoints and watchpoints: what the user asked for, their compiled conditions and hit
 * counts, and the two fast views the CPU needs (one flag per address, one flag per watched page).
 */
import type { CompiledExpression, EvaluationContext } from './conditions.js';
import type { MemoryAccess } from './events.js';

export type BreakpointId = number;

/** Where a breakpoint sits, as the user wrote it: `$0610`, `loop`, `hello.s:12` or `12`. */
export type BreakpointTarget =
  | { readonly kind: 'address'; readonly address: number }
  | { readonly kind: 'label'; readonly name: string }
  | { readonly kind: 'line'; readonly file: string; readonly line: number };

export interface BreakpointInfo {
  readonly id: BreakpointId;
  readonly target: BreakpointTarget;
  /** Addresses the target resolved to (a source line may cover several, e.g. a macro). */
  readonly addresses: readonly number[];
  readonly condition: string | undefined;
  readonly enabled: boolean;
  /** Times the breakpoint was reached with its condition true (whether or not it stopped). */
  readonly hits: number;
  /** Stop only once `hits` exceeds this (`break loop hits 5` stops on the 6th); 0 = every hit. */
  readonly ignoreUntil: number;
}

export interface WatchpointInfo {
  readonly id: BreakpointId;
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
  readonly access: MemoryAccess | 'access';
  readonly condition: string | undefined;
  readonly enabled: boolean;
  readonly hits: number;
}

interface Breakpoint {
  readonly id: BreakpointId;
  readonly target: BreakpointTarget;
  readonly addresses: readonly number[];
  readonly conditionText: string | undefined;
  readonly condition: CompiledExpression | undefined;
  enabled: boolean;
  hits: number;
  readonly ignoreUntil: number;
  /**
   * The moments (cycle counts) of the counted hits on the current timeline, oldest first, so that going
   * back in time rewinds `hits` and a reverse search knows each past hit's number. Hits older than the
   * list (dropped to bound memory) are counted in `hitsDropped`.
   */
  hitMoments: number[];
  hitsDropped: number;
}

/** Hit moments kept per breakpoint before the oldest half is folded into a count. */
const HIT_MOMENTS_KEPT = 1 << 20;

interface Watchpoint {
  readonly id: BreakpointId;
  readonly start: number;
  readonly end: number;
  readonly access: MemoryAccess | 'access';
  readonly conditionText: string | undefined;
  readonly condition: CompiledExpression | undefined;
  enabled: boolean;
  hits: number;
}

export class BreakpointTable {
  private nextId = 1;
  private readonly breakpointList: Breakpoint[] = [];
  private readonly watchpointList: Watchpoint[] = [];
  /** Bumped on every change, hit counts included (what a breakpoints pane shows). */
  version = 0;
  /** Bumped when the set of enabled addresses may have changed, so the session rebuilds the CPU's flags. */
  layoutVersion = 0;

  addBreakpoint(
    target: BreakpointTarget,
    addresses: readonly number[],
    condition: { text: string; compiled: CompiledExpression } | undefined,
    ignoreUntil = 0,
  ): BreakpointInfo {
    const breakpoint: Breakpoint = {
      id: this.nextId++,
      target,
      addresses,
      conditionText: condition?.text,
      condition: condition?.compiled,
      enabled: true,
      hits: 0,
      ignoreUntil,
      hitMoments: [],
      hitsDropped: 0,
    };
    this.breakpointList.push(breakpoint);
    this.version++;
    this.layoutVersion++;
    return breakpointInfo(breakpoint);
  }

  addWatchpoint(
    start: number,
    end: number,
    access: MemoryAccess | 'access',
    condition: { text: string; compiled: CompiledExpression } | undefined,
  ): WatchpointInfo {
    const watchpoint: Watchpoint = {
      id: this.nextId++,
      start,
      end,
      access,
      conditionText: condition?.text,
      condition: condition?.compiled,
      enabled: true,
      hits: 0,
    };
    this.watchpointList.push(watchpoint);
    this.version++;
    this.layoutVersion++;
    return watchpointInfo(watchpoint);
  }

  /** Removes a breakpoint or watchpoint; false when no such id exists. */
  delete(id: BreakpointId): boolean {
    for (const list of [this.breakpointList, this.watchpointList] as { id: number }[][]) {
      const index = list.findIndex((entry) => entry.id === id);
      if (index >= 0) {
        list.splice(index, 1);
        this.version++;
        this.layoutVersion++;
        return true;
      }
    }
    return false;
  }

  setEnabled(id: BreakpointId, enabled: boolean): boolean {
    const entry = this.breakpointList.find((b) => b.id === id) ?? this.watchpointList.find((w) => w.id === id);
    if (entry === undefined) return false;
    entry.enabled = enabled;
    this.version++;
    this.layoutVersion++;
    return true;
  }

  /** Zeroes every hit count (a reset starts counting again). */
  clearHits(): void {
    for (const breakpoint of this.breakpointList) {
      breakpoint.hits = 0;
      breakpoint.hitMoments = [];
      breakpoint.hitsDropped = 0;
    }
    for (const watchpoint of this.watchpointList) watchpoint.hits = 0;
    this.version++;
  }

  get breakpoints(): BreakpointInfo[] {
    return this.breakpointList.map(breakpointInfo);
  }

  get watchpoints(): WatchpointInfo[] {
    return this.watchpointList.map(watchpointInfo);
  }

  /** The breakpoints (enabled or not) whose addresses include `address`. */
  breakpointsCovering(address: number): BreakpointInfo[] {
    return this.breakpointList.filter((b) => b.addresses.includes(address)).map(breakpointInfo);
  }

  get hasEnabledBreakpoints(): boolean {
    return this.breakpointList.some((b) => b.enabled);
  }

  get hasEnabledWatchpoints(): boolean {
    return this.watchpointList.some((w) => w.enabled);
  }

  /** Sets a 1 in `flags` at every address an enabled breakpoint covers (the caller clears it first). */
  markAddresses(flags: Uint8Array): void {
    for (const breakpoint of this.breakpointList) {
      if (!breakpoint.enabled) continue;
      for (const address of breakpoint.addresses) flags[address] = 1;
    }
  }

  /**
   * The breakpoint at `address` that stops the machine now, if any: every enabled one there whose condition
   * holds counts a hit (when `countHits`), and the first whose hits passed its `ignoreUntil` wins.
   */
  breakpointHit(address: number, context: EvaluationContext, countAt: number | undefined): BreakpointInfo | undefined {
    let winner: Breakpoint | undefined;
    for (const breakpoint of this.breakpointList) {
      if (!breakpoint.enabled || !breakpoint.addresses.includes(address)) continue;
      if (breakpoint.condition !== undefined && breakpoint.condition(context) === 0) continue;
      if (countAt !== undefined) {
        countHit(breakpoint, countAt);
        this.version++;
        if (breakpoint.hits <= breakpoint.ignoreUntil) continue;
      }
      winner ??= breakpoint;
    }
    return winner === undefined ? undefined : breakpointInfo(winner);
  }

  /** Every enabled breakpoint at `address` whose condition holds now (nothing counted): a reverse search's candidates. */
  breakpointsHitAt(address: number, context: EvaluationContext): BreakpointInfo[] {
    return this.breakpointList
      .filter((b) => b.enabled && b.addresses.includes(address) && (b.condition === undefined || b.condition(context) !== 0))
      .map(breakpointInfo);
  }

  /**
   * True when a hit of breakpoint `id` at moment `cycles` is one it stops at: its number (counted hits before
   * it, plus itself) passes `ignoreUntil`. Hits made before the breakpoint was set were never counted.
   */
  stopsAtHit(id: BreakpointId, cycles: number): boolean {
    const breakpoint = this.breakpointList.find((b) => b.id === id);
    if (breakpoint === undefined) return false;
    return breakpoint.hitsDropped + countBefore(breakpoint.hitMoments, cycles) + 1 > breakpoint.ignoreUntil;
  }

  /** Time went back (or forward through an old timeline) to moment `cycles`: each count is what it was then. */
  rewindHits(cycles: number): void {
    for (const breakpoint of this.breakpointList) {
      const hits = breakpoint.hitsDropped + countBefore(breakpoint.hitMoments, cycles + 1);
      if (hits !== breakpoint.hits) {
        breakpoint.hits = hits;
        this.version++;
      }
    }
  }

  /** Pages an enabled watchpoint covers, for reads and for writes. */
  watchedPages(): { readonly read: Set<number>; readonly write: Set<number> } {
    const read = new Set<number>();
    const write = new Set<number>();
    for (const watchpoint of this.watchpointList) {
      if (!watchpoint.enabled) continue;
      for (let page = watchpoint.start >> 8; page <= watchpoint.end >> 8; page++) {
        if (watchpoint.access !== 'write') read.add(page);
        if (watchpoint.access !== 'read') write.add(page);
      }
    }
    return { read, write };
  }

  /** The watchpoint an access triggers, if any (counting a hit for each whose condition holds, when asked). */
  watchpointHit(
    address: number,
    access: MemoryAccess,
    context: EvaluationContext,
    countHits: boolean,
  ): WatchpointInfo | undefined {
    let winner: Watchpoint | undefined;
    for (const watchpoint of this.watchpointList) {
      if (!watchpoint.enabled || address < watchpoint.start || address > watchpoint.end) continue;
      if (watchpoint.access !== 'access' && watchpoint.access !== access) continue;
      if (watchpoint.condition !== undefined && watchpoint.condition(context) === 0) continue;
      if (countHits) {
        watchpoint.hits++;
        this.version++;
      }
      winner ??= watchpoint;
    }
    return winner === undefined ? undefined : watchpointInfo(winner);
  }
}

/** Counts a hit at moment `cycles`; hits the list holds from then on belonged to a timeline now being re-run. */
function countHit(breakpoint: Breakpoint, cycles: number): void {
  const moments = breakpoint.hitMoments;
  moments.length = countBefore(moments, cycles);
  moments.push(cycles);
  if (moments.length > HIT_MOMENTS_KEPT) {
    const dropped = moments.length >> 1;
    moments.splice(0, dropped);
    breakpoint.hitsDropped += dropped;
  }
  breakpoint.hits = breakpoint.hitsDropped + moments.length;
}

/** How many of the ascending `moments` lie before `cycles` (binary search). */
function countBefore(moments: readonly number[], cycles: number): number {
  let low = 0;
  let high = moments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (moments[middle]! < cycles) low = middle + 1;
    else high = middle;
  }
  return low;
}

function breakpointInfo(breakpoint: Breakpoint): BreakpointInfo {
  return {
    id: breakpoint.id,
    target: breakpoint.target,
    addresses: breakpoint.addresses,
    condition: breakpoint.conditionText,
    enabled: breakpoint.enabled,
    hits: breakpoint.hits,
    ignoreUntil: breakpoint.ignoreUntil,
  };
}

function watchpointInfo(watchpoint: Watchpoint): WatchpointInfo {
  return {
    id: watchpoint.id,
    start: watchpoint.start,
    end: watchpoint.end,
    access: watchpoint.access,
    condition: watchpoint.conditionText,
    enabled: watchpoint.enabled,
    hits: watchpoint.hits,
  };
}
